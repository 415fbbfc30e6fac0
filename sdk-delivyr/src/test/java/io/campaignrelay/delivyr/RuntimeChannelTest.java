package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The runtime's channel: which recipients Delivyr refused, and a trigger under its own campaign.
 */
class RuntimeChannelTest {

  static final Campaign ENGINE =
      Campaign.builder()
          .kind(CampaignKind.TRIGGERED)
          .id(CampaignId.triggered("2.38.1000000000000001"))
          .channel(ChannelId.TRIGGERED_SMS)
          .templateId(TemplateId.of(77))
          .sendTime(Instant.parse("2026-01-05T09:00:00Z"))
          .build();
  static final Campaign REPORTED = ENGINE.toBuilder().id(CampaignId.triggered("2.38")).build();

  /** A vendor written for the test: refuses customer B, its records show C refused. */
  static final class ScriptedVendor implements MessageChannel {
    final List<OutboundMessage> seen = new ArrayList<>();

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public int maxBatchSize() {
      return 10;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      seen.addAll(batch);
      List<DispatchResult> out = new ArrayList<>();
      for (OutboundMessage m : batch) {
        out.add(
            m.customerId().value().equals("B")
                ? DispatchResult.rejected(
                    m.idempotencyKey(), RejectionReason.CANNOT_RECEIVE_SMS, "landline")
                : DispatchResult.accepted(m.idempotencyKey(), "msg-" + m.customerId().value()));
      }
      return out;
    }

    @Override
    public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
      seen.addAll(messages);
      List<ReconcileResult> out = new ArrayList<>();
      for (OutboundMessage m : messages) {
        out.add(
            m.customerId().value().equals("C")
                ? ReconcileResult.rejected(
                    m.idempotencyKey(), RejectionReason.OPTED_OUT, "opted out")
                : ReconcileResult.sent(m.idempotencyKey(), "msg-" + m.customerId().value()));
      }
      return out;
    }
  }

  static OutboundMessage message(String customer) {
    return OutboundMessage.of(
        ENGINE,
        CustomerId.of(customer),
        PhoneNumber.ofE164("+447700900123"),
        ENGINE.templateId(),
        "Hi");
  }

  @Test
  void remembersVendorRefusalsFromAnswersAndRecordsSoTheirDroppedComesByWebhookOnly() {
    ScriptedVendor vendor = new ScriptedVendor();
    Set<CustomerId> rejected = ConcurrentHashMap.newKeySet();
    DelivyrRuntime.RuntimeChannel channel =
        new DelivyrRuntime.RuntimeChannel(vendor, null, rejected);
    channel.dispatch(List.of(message("A"), message("B")));
    assertThat(rejected).containsExactly(CustomerId.of("B"));
    channel.reconcile(List.of(message("C"), message("D")));
    assertThat(rejected).containsExactlyInAnyOrder(CustomerId.of("B"), CustomerId.of("C"));
    assertThat(vendor.seen).allSatisfy(m -> assertThat(m.campaign()).isEqualTo(ENGINE));
  }

  @Test
  void aTriggerIsSentUnderOptimovesCampaignWithItsOwnKey() {
    ScriptedVendor vendor = new ScriptedVendor();
    DelivyrRuntime.RuntimeChannel channel =
        new DelivyrRuntime.RuntimeChannel(vendor, REPORTED, ConcurrentHashMap.newKeySet());
    OutboundMessage m = message("A");
    List<DispatchResult> results = channel.dispatch(List.of(m));
    assertThat(results).singleElement().satisfies(r -> assertThat(r.isAccepted()).isTrue());
    assertThat(results.get(0).idempotencyKey()).isEqualTo(m.idempotencyKey());
    assertThat(vendor.seen)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.campaign().id().value()).isEqualTo("2.38");
              assertThat(s.idempotencyKey()).isEqualTo(m.idempotencyKey());
            });
  }
}
