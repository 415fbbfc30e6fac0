package io.campaignrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreUtilitiesTest {

  @Test
  void simulatedClockOnlyMovesWhenToldAndNotifiesListeners() throws Exception {
    SimulatedClock c = SimulatedClock.startingAt(Instant.parse("2026-03-01T00:00:00Z"));
    List<Instant> seen = new ArrayList<>();
    AutoCloseable h = c.onChange(seen::add);
    assertThat(c.instant()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    c.sleep(Duration.ofSeconds(30));
    c.advanceDays(7);
    assertThat(c.instant()).isEqualTo(Instant.parse("2026-03-08T00:00:30Z"));
    assertThat(c.withZone(java.time.ZoneId.of("Europe/London")).instant()).isEqualTo(c.instant());
    h.close();
    c.advance(Duration.ofSeconds(1));
    assertThat(seen).hasSize(2);
    assertThatThrownBy(() -> c.advance(Duration.ofSeconds(-1)))
        .hasMessageContaining("only moves forward");
  }

  @Test
  void syntheticCustomersAreDeterministicDistinctAndReversible() {
    SyntheticCustomers a = SyntheticCustomers.seeded(42);
    SyntheticCustomers b = SyntheticCustomers.seeded(42);
    assertThat(a.customer(123_456)).isEqualTo(b.customer(123_456));
    assertThat(SyntheticCustomers.seeded(43).customer(5).mobileNumber())
        .isNotEqualTo(a.customer(5).mobileNumber());
    Set<String> phones = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      phones.add(a.customer(i).mobileNumber());
    }
    assertThat(phones).hasSize(50_000);
    FakeCustomer c = a.customer(999_999);
    assertThat(c.customerId()).isEqualTo("C001000000");
    assertThat(c.mobileNumber()).matches("\\+447\\d{9}");
    assertThat(a.indexOfPhone(c.mobileNumber())).contains(999_999L);
    assertThat(SyntheticCustomers.indexOf("C001000000")).contains(999_999L);
    assertThat(c.attributes().keySet().iterator().next()).isEqualTo(FakeCustomer.MOBILE_NUMBER);
    SyntheticCustomers invalid = SyntheticCustomers.builder().seed(1).invalidPhoneRate(1).build();
    assertThat(invalid.customer(0).mobileNumber()).hasSizeLessThan(10);
  }

  @Test
  void faultScriptDecisionsDependOnlyOnSeedOperationAndCall() {
    FaultScript s =
        FaultScript.builder()
            .seed(7)
            .failFirst("send", 2, Fault.serverError(502))
            .randomly("*", 0.5, Fault.truncatedBody())
            .build();
    assertThat(s.faultFor("SEND", 1)).contains(Fault.serverError(502));
    assertThat(s.faultFor("send", 2)).contains(Fault.serverError(502));
    for (long n = 3; n < 50; n++) {
      assertThat(s.faultFor("send", n)).isEqualTo(s.faultFor("send", n));
    }
    long hits = 0;
    for (long n = 1; n <= 1000; n++) {
      hits += s.faultFor("balance", n).isPresent() ? 1 : 0;
    }
    assertThat(hits).isBetween(400L, 600L);
    assertThat(FaultScript.none().faultFor("send", 1)).isEmpty();
    assertThatThrownBy(() -> Fault.serverError(404)).hasMessageContaining("5xx");
  }

  @Test
  void sentMessagesAnswerWhoGotWhatHowOften() {
    Instant t = Instant.parse("2026-01-05T09:00:00Z");
    SentMessages m =
        SentMessages.of(
            List.of(
                new SentMessage("delivyr", "1", "+447700900001", "Hi Ann", "", "C1", "5", t, false),
                new SentMessage(
                    "delivyr", "2", "+447700900001", "Hi again", "", "C1", "5", t, false),
                new SentMessage(
                    "textlocal", "3", "447700900002", "Hi Bob", "", "", "6", t, false)));
    assertThat(m.to("447700900001").count()).isEqualTo(2);
    assertThat(m.countsByRecipient())
        .containsEntry("447700900001", 2)
        .containsEntry("447700900002", 1);
    assertThat(m.forCampaign("6").single().text()).isEqualTo("Hi Bob");
    assertThat(m.containing("again").recipients()).containsExactly("447700900001");
    assertThatThrownBy(m::assertNoDuplicates)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("447700900001");
    assertThatThrownBy(() -> m.assertCount(1)).hasMessageContaining("expected 1");
  }
}
