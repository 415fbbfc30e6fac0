package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExecutionValuesMoreTest {
  static final IdempotencyKey KEY = new IdempotencyKey("k-1");

  @Test
  void fingerprintsRememberWhatTheySawUpToTheirCap() {
    FingerprintSet set = new FingerprintSet(3000);
    for (long i = 1; i <= 3000; i++) {
      assertThat(set.add(i * 0x9E3779B97F4A7C15L)).isTrue();
    }
    assertThat(set.size()).isEqualTo(3000);
    for (long i = 1; i <= 3000; i++) {
      assertThat(set.add(i * 0x9E3779B97F4A7C15L)).as("repeat %d", i).isFalse();
    }
    // Full: unseen values are let through (not remembered), seen ones are still recognised.
    assertThat(set.add(42)).isTrue();
    assertThat(set.add(42)).isTrue();
    assertThat(set.size()).isEqualTo(3000);
    assertThat(set.add(0)).isTrue();
    assertThat(set.add(0)).isFalse();
  }

  @Test
  void fingerprintsAreBothHalvesOfAKey() {
    FingerprintSet set = new FingerprintSet(2);
    assertThat(set.offer(7, 1)).isEqualTo(FingerprintSet.ADDED);
    // The same first half with another second half is another key.
    assertThat(set.offer(7, 2)).isEqualTo(FingerprintSet.ADDED);
    assertThat(set.offer(7, 1)).isEqualTo(FingerprintSet.PRESENT);
    assertThat(set.offer(7, 2)).isEqualTo(FingerprintSet.PRESENT);
    assertThat(set.overflowed()).isFalse();
    assertThat(set.offer(8, 1)).isEqualTo(FingerprintSet.UNTRACKED);
    assertThat(set.overflowed()).isTrue();
    assertThat(set.offer(8, 1)).isEqualTo(FingerprintSet.UNTRACKED);
    assertThat(set.offer(7, 2)).isEqualTo(FingerprintSet.PRESENT);
    assertThat(set.size()).isEqualTo(2);
  }

  @Test
  void valuesThatShareEveryTagAndManySlotsAreStillToldApart() {
    // h ^ l is the same for all of them (so is their tag), and their first halves are close (so
    // are their first slots): only the whole value tells them apart, through several growths.
    FingerprintSet set = new FingerprintSet(5000);
    long shared = 0x5DEECE66DL;
    for (long i = 1; i <= 5000; i++) {
      assertThat(set.offer(i, i ^ shared)).as("new %d", i).isEqualTo(FingerprintSet.ADDED);
    }
    for (long i = 1; i <= 5000; i++) {
      assertThat(set.offer(i, i ^ shared)).as("repeat %d", i).isEqualTo(FingerprintSet.PRESENT);
    }
    // The same first halves with other second halves were never added.
    FingerprintSet other = new FingerprintSet(10_000);
    for (long i = 1; i <= 5000; i++) {
      other.offer(i, i ^ shared);
    }
    for (long i = 1; i <= 5000; i++) {
      assertThat(other.offer(i, i ^ (shared + 1)))
          .as("other %d", i)
          .isEqualTo(FingerprintSet.ADDED);
    }
    assertThat(other.size()).isEqualTo(10_000);

    // Two values of the same first half whose tags are the same: the second half tells them apart.
    long first = 1;
    long twin = 2;
    while (FingerprintSet.tag(7, twin) != FingerprintSet.tag(7, first)) {
      twin++;
    }
    FingerprintSet pair = new FingerprintSet(10);
    assertThat(pair.offer(7, first)).isEqualTo(FingerprintSet.ADDED);
    assertThat(pair.offer(7, twin)).isEqualTo(FingerprintSet.ADDED);
    assertThat(pair.offer(7, first)).isEqualTo(FingerprintSet.PRESENT);
    assertThat(pair.offer(7, twin)).isEqualTo(FingerprintSet.PRESENT);
  }

  @Test
  void aSetWithoutRoomRemembersNothing() {
    FingerprintSet none = new FingerprintSet(0);
    assertThat(none.add(7)).isTrue();
    assertThat(none.add(7)).isTrue();
    assertThat(none.size()).isZero();
  }

  @Test
  void progressKnowsItsRateEtaAndFraction() {
    ExecutionProgress p =
        new ExecutionProgress(
            CampaignId.scheduled(1),
            250,
            OptionalLong.of(1000),
            200,
            0,
            50,
            0,
            Duration.ofSeconds(5));
    assertThat(p.ratePerSecond()).isEqualTo(50.0);
    assertThat(p.eta()).hasValue(Duration.ofSeconds(15));
    assertThat(p.fraction()).hasValue(0.25);
    ExecutionProgress over =
        new ExecutionProgress(
            CampaignId.scheduled(1),
            1200,
            OptionalLong.of(1000),
            0,
            0,
            0,
            0,
            Duration.ofSeconds(1));
    assertThat(over.fraction()).hasValue(1.0);
    assertThat(over.eta()).hasValue(Duration.ZERO);
    ExecutionProgress unknown =
        new ExecutionProgress(
            CampaignId.scheduled(1), 10, OptionalLong.empty(), 0, 0, 0, 0, Duration.ofSeconds(1));
    assertThat(unknown.eta()).isEmpty();
    assertThat(unknown.fraction()).isEmpty();
    ExecutionProgress instant =
        new ExecutionProgress(
            CampaignId.scheduled(1), 10, OptionalLong.of(0), 0, 0, 0, 0, Duration.ZERO);
    assertThat(instant.ratePerSecond()).isZero();
    assertThat(instant.eta()).isEmpty();
    assertThat(instant.fraction()).isEmpty();
  }

  @Test
  void reconcileResultsCarryTheirVerdict() {
    ReconcileResult sent = ReconcileResult.sent(KEY, "m-1");
    assertThat(sent.status()).isEqualTo(ReconcileResult.Status.SENT);
    assertThat(sent.vendorMessageId()).hasValue("m-1");
    assertThat(sent.idempotencyKey()).isEqualTo(KEY);
    assertThat(sent.detail()).isEqualTo("found in the vendor's records");
    assertThat(sent.rejectionReason()).isEmpty();
    assertThat(sent.toString())
        .isEqualTo("ReconcileResult{key=" + KEY + ", status=SENT, messageId=m-1}");
    assertThat(ReconcileResult.sent(KEY, " ").vendorMessageId()).isEmpty();
    assertThat(ReconcileResult.sent(KEY, null).vendorMessageId()).isEmpty();
    ReconcileResult rejected = ReconcileResult.rejected(KEY, RejectionReason.OPTED_OUT, null);
    assertThat(rejected.rejectionReason()).hasValue(RejectionReason.OPTED_OUT);
    assertThat(rejected.detail()).isEmpty();
    assertThat(rejected.toString()).endsWith("status=REJECTED, reason=OPTED_OUT}");
    assertThatThrownBy(() -> ReconcileResult.rejected(KEY, null, "x"))
        .isInstanceOf(NullPointerException.class);
    assertThat(ReconcileResult.notSent(KEY, "absent").detail()).isEqualTo("absent");
    assertThat(ReconcileResult.unknown(KEY, "down").status())
        .isEqualTo(ReconcileResult.Status.UNKNOWN);
    assertThat(ReconcileResult.notSent(KEY, "x").toString())
        .isEqualTo("ReconcileResult{key=" + KEY + ", status=NOT_SENT}");
    assertThatThrownBy(() -> ReconcileResult.unknown(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void dispatchResultsCompareByEveryField() {
    DispatchResult a = DispatchResult.accepted(KEY, "m1", "b1");
    assertThat(a)
        .isEqualTo(DispatchResult.accepted(KEY, "m1", "b1"))
        .hasSameHashCodeAs(DispatchResult.accepted(KEY, "m1", "b1"));
    assertThat(a).isNotEqualTo(DispatchResult.accepted(KEY, "m1", "b2"));
    assertThat(a).isNotEqualTo(DispatchResult.accepted(KEY, "m2", "b1"));
    assertThat(a).isNotEqualTo(DispatchResult.accepted(new IdempotencyKey("k-2"), "m1", "b1"));
    assertThat(a).isNotEqualTo(DispatchResult.rejected(KEY, RejectionReason.OTHER, "x"));
    assertThat(a).isNotEqualTo("m1");
    assertThat(a.hashCode()).isNotEqualTo(DispatchResult.accepted(KEY, "m2", "b1").hashCode());
    DispatchResult r = DispatchResult.rejected(KEY, RejectionReason.OPTED_OUT, "stop");
    assertThat(r).isNotEqualTo(DispatchResult.rejected(KEY, RejectionReason.OTHER, "stop"));
    assertThat(r).isNotEqualTo(DispatchResult.rejected(KEY, RejectionReason.OPTED_OUT, "other"));
    assertThat(a.toString()).isEqualTo("Accepted{key=" + KEY + ", messageId=m1, batchId=b1}");
    assertThat(DispatchResult.accepted(KEY, "m1").toString())
        .isEqualTo("Accepted{key=" + KEY + ", messageId=m1}");
    assertThat(r.toString()).isEqualTo("Rejected{key=" + KEY + ", reason=OPTED_OUT, detail=stop}");
    assertThat(DispatchResult.rejected(KEY, RejectionReason.OTHER, "").toString())
        .isEqualTo("Rejected{key=" + KEY + ", reason=OTHER}");
  }

  @Test
  void reportsSayWhatTheRunFoundAboutItsTargets() {
    ExecutionReport complete = report(10, 0, OptionalLong.of(10));
    assertThat(complete.targetsComplete()).isTrue();
    assertThat(complete.expectedTargets()).hasValue(10);
    assertThat(complete.toString()).contains("expected=10").doesNotContain("reconciled=");
    assertThat(report(9, 0, OptionalLong.of(10)).targetsComplete()).isFalse();
    assertThat(report(10, 1, OptionalLong.of(10)).targetsComplete()).isFalse();
    assertThat(report(10, 0, OptionalLong.empty()).targetsComplete()).isTrue();
    assertThat(report(10, 1, OptionalLong.empty()).targetsComplete()).isFalse();
    ExecutionReport reconciled =
        new ExecutionReport(
            CampaignId.scheduled(1),
            io.campaignrelay.core.ExecutionMode.LIVE,
            "v",
            java.time.Instant.EPOCH,
            java.time.Instant.EPOCH,
            3,
            3,
            0,
            java.util.Map.of(),
            0,
            0,
            0,
            0,
            java.util.Set.of(),
            OptionalLong.empty(),
            java.util.Map.of(ReconcileResult.Status.SENT, 2L));
    assertThat(reconciled.reconciled()).containsEntry(ReconcileResult.Status.SENT, 2L);
    assertThat(reconciled.toString()).contains("reconciled={SENT=2}");
  }

  static ExecutionReport report(long targeted, long duplicates, OptionalLong expected) {
    return new ExecutionReport(
        CampaignId.scheduled(1),
        io.campaignrelay.core.ExecutionMode.TEST,
        "message-log",
        java.time.Instant.EPOCH,
        java.time.Instant.EPOCH,
        targeted,
        0,
        targeted,
        java.util.Map.of(),
        0,
        0,
        0,
        duplicates,
        java.util.Set.of(),
        expected,
        java.util.Map.of());
  }

  @Test
  void idempotencyKeysAreAtMost255Characters() {
    assertThat(new IdempotencyKey("k".repeat(255)).value()).hasSize(255);
    assertThatThrownBy(() -> new IdempotencyKey("k".repeat(256)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("256 characters");
  }

  @Test
  void recipientsHashByEveryFieldAndPrintNoValues() {
    Recipient a =
        Recipient.of(
            CustomerId.of("C1"),
            CustomerAttributes.builder().add("PHONE", "+447700900123").build(),
            List.of("P1"));
    Recipient same =
        Recipient.of(
            CustomerId.of("C1"),
            CustomerAttributes.builder().add("PHONE", "+447700900123").build(),
            List.of("P1"));
    assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(a.hashCode()).isNotEqualTo(a.withTemplate(TemplateId.of(9)).hashCode());
    assertThat(a.toString())
        .isEqualTo("Recipient{customerId=C1, attributes=[PHONE], promoCodes=1}")
        .doesNotContain("+44");
    assertThat(a.withTemplate(TemplateId.of(9)).toString()).endsWith(", templateId=9}");
  }
}
