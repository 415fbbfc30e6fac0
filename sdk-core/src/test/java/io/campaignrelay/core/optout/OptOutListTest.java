package io.campaignrelay.core.optout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.sms.OptOutKeywords;
import io.campaignrelay.core.sms.OptOutKeywords.Intent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OptOutListTest {

  private static final PhoneNumber DANA = PhoneNumber.ofE164("+447700900123");
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  private final InMemoryOptOutList list = new InMemoryOptOutList();

  @Test
  void optOutAndBackIn() {
    assertThat(list.isOptedOut(DANA)).isFalse();
    assertThat(list.optOut(new OptOutEntry(DANA, T, "STOP"))).isTrue();
    assertThat(list.optOut(new OptOutEntry(DANA, T.plusSeconds(60), "QUIT"))).isFalse();
    assertThat(list.isOptedOut(DANA)).isTrue();
    assertThat(list.entry(DANA)).hasValue(new OptOutEntry(DANA, T, "STOP"));
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.entries()).hasSize(1);
    assertThat(list.optIn(DANA)).isTrue();
    assertThat(list.optIn(DANA)).isFalse();
    assertThat(list.isOptedOut(DANA)).isFalse();
    assertThat(list.entry(DANA)).isEmpty();
    assertThat(list.toString()).contains("size=0");
  }

  @Test
  void inboundTextsUpdateTheList() {
    OptOutKeywords k = OptOutKeywords.standard();
    assertThat(list.applyInbound(DANA, "thanks!", k, T)).isEqualTo(Intent.NONE);
    assertThat(list.isOptedOut(DANA)).isFalse();
    assertThat(list.applyInbound(DANA, " stop\u00a0", k, T)).isEqualTo(Intent.OPT_OUT);
    assertThat(list.entry(DANA).orElseThrow().source()).isEqualTo("STOP");
    assertThat(list.applyInbound(DANA, "stop sending", k, T)).isEqualTo(Intent.NONE);
    assertThat(list.isOptedOut(DANA)).isTrue();
    assertThat(list.applyInbound(DANA, "Start", k, T)).isEqualTo(Intent.OPT_IN);
    assertThat(list.isOptedOut(DANA)).isFalse();
    assertThat(list.applyInbound(DANA, null, k, T)).isEqualTo(Intent.NONE);
  }

  @Test
  void entryValidation() {
    assertThatThrownBy(() -> new OptOutEntry(DANA, T, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source is blank");
    assertThatThrownBy(() -> new OptOutEntry(null, T, "STOP"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void isThreadSafe() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger firsts = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  PhoneNumber n = PhoneNumber.ofE164("+4477009" + String.format("%05d", i));
                  if (list.optOut(new OptOutEntry(n, T, "STOP"))) {
                    firsts.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(firsts).hasValue(1000);
    assertThat(list.size()).isEqualTo(1000);
  }
}
