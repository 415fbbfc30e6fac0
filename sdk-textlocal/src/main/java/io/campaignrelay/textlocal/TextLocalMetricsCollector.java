package io.campaignrelay.textlocal;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.MetricsSink;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsPollingPlan;
import io.campaignrelay.core.metrics.MetricsSnapshot;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.textlocal.models.BatchStatus;
import io.campaignrelay.textlocal.models.CustomField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pulls delivery metrics for the campaigns in a {@link CampaignLedger}: {@code status_batch} for
 * every batch id, on core's {@link MetricsPollingPlan#dailyForAWeek(Instant) daily-for-7-days} plan
 * from each campaign's send time (the guide: daily for one week after each send).
 *
 * <p>Each recipient line becomes a {@link DeliveryEvent} (customer found through the group's {@link
 * ContactIndex}, read once per run per group; outcome per {@link DeliveryReceipts}), and the batch
 * counters become one {@link MetricsSnapshot} per campaign for Optimove:
 *
 * <ul>
 *   <li>Targeted: the campaign's target count;
 *   <li>Delivered: {@code num_delivered} (D);
 *   <li>Bounced: {@code num_undelivered} (U);
 *   <li>Dropped: customers dropped before sending (no contact, invalid number, render failure) plus
 *       {@code num_invalid} (I);
 *   <li>not reported: expired (E), unknown (?), pending (P), as in core's default mapping.
 * </ul>
 *
 * <p>Test-mode dispatches are skipped: their ids are not real. Thread-safe.
 */
public final class TextLocalMetricsCollector {

  private final TextLocalClient client;
  private final CampaignLedger ledger;
  private final CustomField keyField;

  private TextLocalMetricsCollector(
      TextLocalClient client, CampaignLedger ledger, CustomField keyField) {
    this.client = client;
    this.ledger = ledger;
    this.keyField = keyField;
  }

  /**
   * The collector.
   *
   * @param client the client
   * @param ledger the campaigns sent
   * @param keyField the field holding the CustomerID
   * @return the collector
   * @throws ConfigurationException listing every missing setting
   */
  public static TextLocalMetricsCollector create(
      TextLocalClient client, CampaignLedger ledger, CustomField keyField) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (client == null) {
      problems.add(ConfigurationProblem.of("client", null, "give the TextLocal client"));
    }
    if (ledger == null) {
      problems.add(ConfigurationProblem.of("ledger", null, "give the campaign ledger"));
    }
    if (keyField == null) {
      problems.add(
          ConfigurationProblem.of("keyField", null, "give the Custom field holding CustomerID"));
    }
    ConfigurationException.throwIfAny("TextLocal metrics collector", problems);
    return new TextLocalMetricsCollector(client, ledger, keyField);
  }

  /**
   * Pulls the campaigns whose plan has a pull due between the last run and now (the client's
   * clock), and reports them to the sink.
   *
   * @param lastRun when this ran last (exclusive)
   * @param sink where events and snapshots go
   * @return the snapshots reported
   */
  public List<MetricsSnapshot> collectDue(Instant lastRun, MetricsSink sink) {
    Instant now = client.clock().instant();
    Map<String, ContactIndex> indexes = new HashMap<>();
    List<MetricsSnapshot> out = new ArrayList<>();
    for (CampaignDispatch d : ledger.all()) {
      if (d.testMode() || d.batchIds().isEmpty()) {
        continue;
      }
      if (MetricsPollingPlan.dailyForAWeek(d.sendTime()).due(lastRun, now).isEmpty()) {
        continue;
      }
      ContactIndex index =
          indexes.computeIfAbsent(d.groupId(), g -> ContactIndex.load(client, g, keyField));
      out.add(collect(d, index, sink));
    }
    return out;
  }

  /**
   * Pulls one campaign now.
   *
   * @param d the campaign's record
   * @param index its group's contacts
   * @param sink where events and the snapshot go
   * @return the snapshot reported
   */
  public MetricsSnapshot collect(CampaignDispatch d, ContactIndex index, MetricsSink sink) {
    Instant now = client.clock().instant();
    long delivered = 0;
    long undelivered = 0;
    long invalid = 0;
    for (String batchId : d.batchIds()) {
      BatchStatus s = client.getBatchStatus(batchId);
      delivered += s.numDelivered();
      undelivered += s.numUndelivered();
      invalid += s.numInvalid();
      for (BatchStatus.RecipientStatus r : s.messages()) {
        Optional<CustomerId> customer = index.customerOf(r.recipient());
        if (customer.isEmpty() || r.deliveryStatus() == null) {
          continue;
        }
        sink.accept(
            new DeliveryEvent(
                "textlocal:" + batchId + ':' + r.recipient() + ':' + r.deliveryStatus().value(),
                d.campaignId(),
                customer.get(),
                DeliveryReceipts.toOutcome(r.deliveryStatus()),
                now));
      }
    }
    long dropped = d.dropped() + invalid;
    MetricsSnapshot snapshot =
        MetricsSnapshot.builder(d.campaignId())
            .targeted(d.targeted())
            .add(EngagementMetric.DELIVERED, delivered)
            .add(EngagementMetric.BOUNCED, undelivered)
            .add(EngagementMetric.DROPPED, dropped)
            .build();
    sink.report(snapshot);
    return snapshot;
  }

  /**
   * The reasons customers were dropped before sending, for a report.
   *
   * @param d the campaign's record
   * @return the counts by reason
   */
  public static Map<RejectionReason, Long> droppedBeforeSending(CampaignDispatch d) {
    return d.droppedByReason();
  }
}
