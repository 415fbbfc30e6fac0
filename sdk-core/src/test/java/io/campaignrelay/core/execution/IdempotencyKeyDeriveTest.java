package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Derived keys are "cr1-" and the first 16 bytes of SHA-256(campaign NUL customer) in hex. */
class IdempotencyKeyDeriveTest {

  static String reference(String campaign, String customer) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(campaign.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(customer.getBytes(StandardCharsets.UTF_8));
    return "cr1-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  @Test
  void asciiNonAsciiAndLongIdsDigestTheirUtf8Bytes() throws Exception {
    List<String> customers =
        List.of(
            "c1",
            "CUST-000123",
            "Zoë",
            "客户-7",
            "😀x",
            "x".repeat(64),
            "y".repeat(65),
            "é".repeat(70));
    for (String campaign : List.of("1", "9001", "2.38", "1".repeat(80))) {
      for (String customer : customers) {
        IdempotencyKey k = IdempotencyKey.derive(CampaignId.of(campaign), CustomerId.of(customer));
        assertThat(k.value())
            .as("%s / %s", campaign, customer)
            .isEqualTo(reference(campaign, customer));
      }
    }
  }

  @Test
  void campaignsTakenInTurnKeepTheirOwnBytes() throws Exception {
    // a thread keeps the last campaign's bytes: changing campaign at every key must not mix them
    List<String> campaigns = List.of("12", "123", "1", "2.38", "1".repeat(127), "9");
    for (int i = 0; i < 60; i++) {
      String campaign = campaigns.get(i % campaigns.size());
      String customer = i % 7 == 0 ? "ü" + i : "C" + i;
      assertThat(IdempotencyKey.derive(CampaignId.of(campaign), CustomerId.of(customer)).value())
          .as("%s / %s", campaign, customer)
          .isEqualTo(reference(campaign, customer));
    }
  }

  @Test
  void threadsDeriveIndependently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    String customer = "c" + (i * 4 + offset);
                    if (!IdempotencyKey.derive(CampaignId.of("77"), CustomerId.of(customer))
                        .value()
                        .equals(reference("77", customer))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theJournalIndexReadsTheKeysBitsWithoutHashingAgain() {
    CampaignId campaign = CampaignId.of("5");
    CustomerId customer = CustomerId.of("c42");
    IdempotencyKey k = IdempotencyKey.derive(campaign, customer);
    assertThat(JournalIndex.bits(k, campaign, customer))
        .containsExactly(JournalIndex.hash(campaign, customer));
    IdempotencyKey own = new IdempotencyKey("cr1-not-hex-but-thirty-six-chars!!!!");
    assertThat(own.value()).hasSize(36);
    assertThat(JournalIndex.bits(own, campaign, customer))
        .containsExactly(JournalIndex.hash(campaign, customer));
  }
}
