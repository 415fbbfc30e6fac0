package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.delivyr.implementation.IdempotencyKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch key is digested key by key; it must stay the digest of the keys joined by lines. */
class BatchKeyTest {

  static String joined(List<String> keys) throws Exception {
    byte[] d =
        MessageDigest.getInstance("SHA-256")
            .digest(String.join("\n", keys).getBytes(StandardCharsets.UTF_8));
    return "cr1-b-" + HexFormat.of().formatHex(d).substring(0, 48);
  }

  @Test
  void isTheDigestOfTheKeysJoinedByLineFeeds() throws Exception {
    StringBuilder longKey = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      longKey.append((char) ('a' + i % 26));
    }
    List<List<String>> cases =
        List.of(
            List.of("cr1-m-0123456789abcdef"),
            List.of("k1", "k2", "k3"),
            List.of("a", longKey.toString(), "b"),
            List.of("zażółć", "k\u00e9y", "\uD83D\uDE00", "plain"),
            List.of("x\ny", "z"));
    for (List<String> keys : cases) {
      assertThat(IdempotencyKeys.forBatch(keys, true)).as("%s", keys).isEqualTo(joined(keys));
    }
    assertThat(IdempotencyKeys.forBatch(List.of("k1"), false)).startsWith("cr1-b-");
  }
}
