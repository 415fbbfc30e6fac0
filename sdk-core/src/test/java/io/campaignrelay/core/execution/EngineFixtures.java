package io.campaignrelay.core.execution;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** Shared test doubles for the engine: a generated target list and a vendor-like channel. */
final class EngineFixtures {
  private EngineFixtures() {}

  static final Instant SEND_TIME = Instant.parse("2026-11-24T09:00:00Z");

  static Campaign campaign(long id, long targeted) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(id))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of(7))
        .sendTime(SEND_TIME)
        .targetedCount(targeted)
        .build();
  }

  static Template template() {
    return Template.builder()
        .id(TemplateId.of(7))
        .name("OPT_welcome")
        .body("Hi [%FIRST_NAME%], your code is [%PROMO_CODE%]")
        .approvalState(ApprovalState.APPROVED)
        .build();
  }

  static String phoneOf(int i) {
    return String.format("+4477009%05d", i);
  }

  static Recipient recipient(int i) {
    return Recipient.of(
        CustomerId.of("C" + i),
        CustomerAttributes.builder().add("PHONE", phoneOf(i)).add("FIRST_NAME", "Ann" + i).build(),
        List.of("P" + i));
  }

  /** A listener that adds every progress event to a list. */
  static ExecutionListener progressInto(List<ExecutionProgress> into) {
    return new ExecutionListener() {
      @Override
      public void onProgress(ExecutionProgress p) {
        into.add(p);
      }
    };
  }

  /** Customers 0..n-1, generated lazily; counts how often the stream was opened. */
  static final class Targets implements TargetSource {
    final int n;
    final AtomicInteger opened = new AtomicInteger();

    Targets(int n) {
      this.n = n;
    }

    @Override
    public java.util.stream.Stream<Recipient> recipients(Campaign campaign) {
      opened.incrementAndGet();
      return IntStream.range(0, n).mapToObj(EngineFixtures::recipient);
    }
  }

  /**
   * A channel behaving like a vendor: remembers every message it delivered, optionally drops a
   * repeat of a key it has seen (like Delivyr's Idempotency-Key), rejects numbers it is told to,
   * and can be told to fail a given call after delivering.
   */
  static class VendorChannel implements MessageChannel {
    final boolean dedup;
    final int maxBatch;

    /** Dedup like a vendor whose only key is the batch's (derived from all its members' keys). */
    boolean batchLevelDedupOnly;

    final Map<java.util.Set<IdempotencyKey>, List<DispatchResult>> seenBatches =
        new java.util.HashMap<>();
    final Map<IdempotencyKey, String> seen = new LinkedHashMap<>();
    final List<String> deliveries = new ArrayList<>();
    final List<Integer> batchSizes = new ArrayList<>();
    final java.util.Set<String> rejectPhones = new java.util.HashSet<>();
    int calls;
    int failOnCall = -1;
    int deliverBeforeFailing;

    VendorChannel(boolean dedup, int maxBatch) {
      this.dedup = dedup;
      this.maxBatch = maxBatch;
    }

    @Override
    public String name() {
      return "fake-vendor";
    }

    @Override
    public int maxBatchSize() {
      return maxBatch;
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
      return dedup;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      calls++;
      batchSizes.add(batch.size());
      java.util.Set<IdempotencyKey> batchKey = new java.util.HashSet<>();
      batch.forEach(m -> batchKey.add(m.idempotencyKey()));
      if (batchLevelDedupOnly && seenBatches.containsKey(batchKey)) {
        return seenBatches.get(batchKey);
      }
      boolean failing = calls == failOnCall;
      List<DispatchResult> out = new ArrayList<>();
      int n = 0;
      for (OutboundMessage m : batch) {
        if (failing && n++ >= deliverBeforeFailing) {
          break;
        }
        if (rejectPhones.contains(m.to().e164())) {
          out.add(
              DispatchResult.rejected(
                  m.idempotencyKey(), RejectionReason.CANNOT_RECEIVE_SMS, "landline"));
          continue;
        }
        if (dedup && !batchLevelDedupOnly && seen.containsKey(m.idempotencyKey())) {
          out.add(DispatchResult.accepted(m.idempotencyKey(), seen.get(m.idempotencyKey()), "b"));
          continue;
        }
        String id = "m" + deliveries.size();
        seen.put(m.idempotencyKey(), id);
        deliveries.add(m.customerId().value() + "|" + m.to().e164() + "|" + m.text());
        out.add(DispatchResult.accepted(m.idempotencyKey(), id, "batch-" + calls));
      }
      seenBatches.put(batchKey, out);
      if (failing) {
        throw new io.campaignrelay.core.http.ApiConnectionException(
            "connection reset after the request was written", true, 1, null);
      }
      return out;
    }
  }
}
