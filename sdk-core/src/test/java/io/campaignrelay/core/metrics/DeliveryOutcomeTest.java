package io.campaignrelay.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.metrics.DeliveryOutcome.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryOutcomeTest {

  @ParameterizedTest
  @CsvSource({
    "DELIVERED,true",
    "UNDELIVERED,true",
    "REJECTED,true",
    "OPTED_OUT,true",
    "CLICKED,true",
    "PENDING,false",
    "EXPIRED,true",
    "UNKNOWN,false"
  })
  void eachKindKnowsWhetherItIsFinal(Kind kind, boolean isFinal) {
    assertThat(kind.isFinal()).isEqualTo(isFinal);
  }

  @Test
  void constantsAndFactories() {
    assertThat(DeliveryOutcome.DELIVERED.kind()).isEqualTo(Kind.DELIVERED);
    assertThat(DeliveryOutcome.DELIVERED.isFinal()).isTrue();
    assertThat(DeliveryOutcome.PENDING.isFinal()).isFalse();
    assertThat(DeliveryOutcome.of(Kind.EXPIRED)).isSameAs(DeliveryOutcome.EXPIRED);
    assertThat(DeliveryOutcome.DELIVERED.rejectionReason()).isEmpty();
    assertThat(DeliveryOutcome.DELIVERED.raw()).isEmpty();
    assertThat(DeliveryOutcome.DELIVERED.detail()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"REJECTED", "UNKNOWN"},
      mode = EnumSource.Mode.EXCLUDE)
  void ofReturnsTheConstantOfEveryDatalessKind(Kind kind) {
    assertThat(DeliveryOutcome.of(kind).kind()).isEqualTo(kind);
  }

  @Test
  void ofRefusesKindsThatCarryData() {
    assertThatThrownBy(() -> DeliveryOutcome.of(Kind.REJECTED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rejected(reason)");
    assertThatThrownBy(() -> DeliveryOutcome.of(Kind.UNKNOWN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectedCarriesAReasonAndDetail() {
    DeliveryOutcome r = DeliveryOutcome.rejected(RejectionReason.CANNOT_RECEIVE_SMS, "landline");
    assertThat(r.kind()).isEqualTo(Kind.REJECTED);
    assertThat(r.isFinal()).isTrue();
    assertThat(r.rejectionReason()).hasValue(RejectionReason.CANNOT_RECEIVE_SMS);
    assertThat(r.detail()).hasValue("landline");
    assertThat(r.raw()).isEmpty();
    assertThat(r.toString()).isEqualTo("REJECTED(CANNOT_RECEIVE_SMS)");
    assertThat(r)
        .isEqualTo(DeliveryOutcome.rejected(RejectionReason.CANNOT_RECEIVE_SMS, "landline"));
    assertThat(r).isNotEqualTo(DeliveryOutcome.rejected(RejectionReason.CANNOT_RECEIVE_SMS));
    assertThat(DeliveryOutcome.rejected(RejectionReason.OTHER, " ").detail()).isEmpty();
  }

  @Test
  void unknownKeepsTheRawValue() {
    DeliveryOutcome u = DeliveryOutcome.unknown("carrier_hold");
    assertThat(u.kind()).isEqualTo(Kind.UNKNOWN);
    assertThat(u.isFinal()).isFalse();
    assertThat(u.raw()).hasValue("carrier_hold");
    assertThat(u.toString()).isEqualTo("UNKNOWN(carrier_hold)");
    assertThat(u).isEqualTo(DeliveryOutcome.unknown("carrier_hold")).hasSameHashCodeAs(u);
    assertThat(DeliveryOutcome.unknown(null).raw()).hasValue("");
  }

  @ParameterizedTest
  @CsvSource({
    "delivered,DELIVERED",
    "' Undelivered ',UNDELIVERED",
    "opted-out,OPTED_OUT",
    "opted out,OPTED_OUT",
    "CLICKED,CLICKED",
    "pending,PENDING",
    "expired,EXPIRED",
    "rejected,REJECTED(OTHER)",
    "REJECTED(OPTED_OUT),REJECTED(OPTED_OUT)",
    "rejected(invalid_phone_format),REJECTED(INVALID_PHONE_FORMAT)",
    "?,UNKNOWN(?)",
    "unknown,UNKNOWN(unknown)",
    "queued_at_carrier,UNKNOWN(queued_at_carrier)"
  })
  void fromStringRoundTripsAndKeepsUnknownValues(String text, String expected) {
    assertThat(DeliveryOutcome.fromString(text).toString()).isEqualTo(expected);
  }

  @Test
  void fromStringOfToStringIsIdentityForKnownOutcomes() {
    for (RejectionReason reason : RejectionReason.values()) {
      DeliveryOutcome r = DeliveryOutcome.rejected(reason);
      assertThat(DeliveryOutcome.fromString(r.toString())).isEqualTo(r);
    }
    assertThat(DeliveryOutcome.fromString(null).kind()).isEqualTo(Kind.UNKNOWN);
  }

  @Test
  void rejectionReasonFromString() {
    assertThat(RejectionReason.fromString("opted_out")).isEqualTo(RejectionReason.OPTED_OUT);
    assertThat(RejectionReason.fromString("Invalid-Phone-Format"))
        .isEqualTo(RejectionReason.INVALID_PHONE_FORMAT);
    assertThat(RejectionReason.fromString("cannot receive sms"))
        .isEqualTo(RejectionReason.CANNOT_RECEIVE_SMS);
    assertThat(RejectionReason.fromString("blocked")).isEqualTo(RejectionReason.OTHER);
    assertThat(RejectionReason.fromString(null)).isEqualTo(RejectionReason.OTHER);
  }

  @Test
  void engagementMetricNames() {
    assertThat(EngagementMetric.values())
        .extracting(EngagementMetric::displayName)
        .containsExactly(
            "Delivered",
            "Opened",
            "Clicked",
            "Sent",
            "Dropped",
            "Bounced",
            "Unsubscribed",
            "Spam Reported");
  }
}
