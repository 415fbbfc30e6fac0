package io.campaignrelay.jdbc;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.TargetSource;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** A campaign, its targets and a vendor-like channel for the engine test on a database journal. */
final class EngineFixtures {
  private EngineFixtures() {}

  static Campaign campaign(long id, long targeted) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(id))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of(3))
        .sendTime(Instant.parse("2026-11-24T09:00:00Z"))
        .targetedCount(targeted)
        .build();
  }

  static Template template() {
    return Template.builder()
        .id(TemplateId.of(3))
        .name("OPT_reminder")
        .body("Hello [%FIRST_NAME%]")
        .approvalState(ApprovalState.APPROVED)
        .build();
  }

  /** Customers K0..K(n-1), each with a phone and a first name, streamed lazily. */
  static TargetSource targets(int n) {
    return campaign ->
        IntStream.range(0, n)
            .mapToObj(
                i ->
                    Recipient.of(
                        CustomerId.of("K" + i),
                        CustomerAttributes.builder()
                            .add("PHONE", String.format("+4477001%05d", i))
                            .add("FIRST_NAME", "Bo" + i)
                            .build()));
  }

  /**
   * Delivers every message it is handed and remembers each delivery; on call {@code failOnCall} it
   * delivers the first {@code deliverBeforeFailing} messages and then throws an outcome-unknown
   * {@link ApiConnectionException}, as a connection reset after the request was written would. With
   * {@code dedup} it honours idempotency keys: a key it delivered before is answered as accepted
   * again, not delivered again.
   */
  static final class CrashingChannel implements MessageChannel {
    final boolean dedup;
    final int failOnCall;
    final int deliverBeforeFailing;
    final List<String> deliveries = new ArrayList<>();
    final Map<IdempotencyKey, String> delivered = new HashMap<>();
    int calls;

    CrashingChannel(boolean dedup, int failOnCall, int deliverBeforeFailing) {
      this.dedup = dedup;
      this.failOnCall = failOnCall;
      this.deliverBeforeFailing = deliverBeforeFailing;
    }

    @Override
    public String name() {
      return "crashing-test-channel";
    }

    @Override
    public int maxBatchSize() {
      return 100;
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
      return dedup;
    }

    @Override
    public synchronized List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      calls++;
      boolean failing = calls == failOnCall;
      List<DispatchResult> out = new ArrayList<>();
      for (OutboundMessage m : batch) {
        if (failing && out.size() >= deliverBeforeFailing) {
          throw new ApiConnectionException(
              "connection reset after the request was written", true, 1, null);
        }
        String id = delivered.get(m.idempotencyKey());
        if (id == null || !dedup) {
          id = "v" + deliveries.size();
          delivered.put(m.idempotencyKey(), id);
          deliveries.add(m.customerId().value());
        }
        out.add(DispatchResult.accepted(m.idempotencyKey(), id));
      }
      return out;
    }

    Stream<String> customers() {
      return deliveries.stream();
    }
  }
}
