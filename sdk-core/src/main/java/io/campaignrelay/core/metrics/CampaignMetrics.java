package io.campaignrelay.core.metrics;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Aggregates one campaign's {@link DeliveryEvent}s into engagement counts, through a vendor's
 * {@link MetricsMapping}. Rules:
 *
 * <ul>
 *   <li>an event whose id was already recorded is ignored (webhook retries, overlapping polls);
 *   <li>{@link EngagementMetric#CLICKED} counts every click event ("an event will be reported back
 *       for each click");
 *   <li>every other metric counts each customer once (one message per customer per campaign), so
 *       two receipts for the same message do not count twice;
 *   <li>outcomes the mapping does not report are counted in {@link #notReportedCount()} only;
 *   <li>Sent is never counted: {@link #sent()} derives it as Targeted - Dropped.
 * </ul>
 *
 * <p>Thread-safe. Memory grows with the distinct event ids and customers recorded.
 */
public final class CampaignMetrics {

  private final CampaignId campaignId;
  private final Long targeted;
  private final MetricsMapping mapping;
  private final Set<String> eventIds = new HashSet<>();
  private final Map<EngagementMetric, Set<CustomerId>> customers =
      new EnumMap<>(EngagementMetric.class);
  private long clicks;
  private long repeats;
  private long notReported;

  private CampaignMetrics(CampaignId campaignId, Long targeted, MetricsMapping mapping) {
    this.campaignId = Objects.requireNonNull(campaignId, "campaignId");
    this.targeted = targeted;
    this.mapping = Objects.requireNonNull(mapping, "mapping");
  }

  /**
   * An aggregator for a campaign whose targeted count is not known yet.
   *
   * @param campaignId the campaign
   * @param mapping the vendor's mapping
   * @return the aggregator
   */
  public static CampaignMetrics create(CampaignId campaignId, MetricsMapping mapping) {
    return new CampaignMetrics(campaignId, null, mapping);
  }

  /**
   * An aggregator for a campaign with a known targeted count.
   *
   * @param campaignId the campaign
   * @param targeted how many customers were targeted, zero or more
   * @param mapping the vendor's mapping
   * @return the aggregator
   * @throws IllegalArgumentException if {@code targeted} is negative
   */
  public static CampaignMetrics create(
      CampaignId campaignId, long targeted, MetricsMapping mapping) {
    if (targeted < 0) {
      throw new IllegalArgumentException(
          "targeted is " + targeted + ": give the number of targeted customers, zero or more");
    }
    return new CampaignMetrics(campaignId, targeted, mapping);
  }

  /**
   * Records an event.
   *
   * @param event an event of this campaign
   * @return true if it was new, false if an event with the same id was already recorded
   * @throws IllegalArgumentException if the event belongs to another campaign
   */
  public synchronized boolean record(DeliveryEvent event) {
    Objects.requireNonNull(event, "event");
    if (!event.campaignId().equals(campaignId)) {
      throw new IllegalArgumentException(
          "event "
              + event.eventId()
              + " is for campaign "
              + event.campaignId()
              + ", not "
              + campaignId
              + ": record it in that campaign's CampaignMetrics");
    }
    if (!eventIds.add(event.eventId())) {
      repeats++;
      return false;
    }
    MetricsMapping.Target target = mapping.map(event.outcome());
    if (!target.isReported()) {
      notReported++;
      return true;
    }
    EngagementMetric metric = target.metric().orElseThrow();
    if (metric == EngagementMetric.CLICKED) {
      clicks++;
    } else {
      customers.computeIfAbsent(metric, m -> new HashSet<>()).add(event.customerId());
    }
    return true;
  }

  /**
   * The campaign.
   *
   * @return the id
   */
  public CampaignId campaignId() {
    return campaignId;
  }

  /**
   * The count of a metric so far.
   *
   * @param metric any metric but SENT
   * @return the count
   * @throws IllegalArgumentException for {@link EngagementMetric#SENT}; use {@link #sent()}
   */
  public synchronized long count(EngagementMetric metric) {
    if (metric == EngagementMetric.SENT) {
      throw new IllegalArgumentException(
          "SENT is never counted: it is derived as Targeted - Dropped; call sent()");
    }
    if (metric == EngagementMetric.CLICKED) {
      return clicks;
    }
    Set<CustomerId> s = customers.get(Objects.requireNonNull(metric, "metric"));
    return s == null ? 0 : s.size();
  }

  /**
   * Sent, derived as Targeted - Dropped (never negative).
   *
   * @return the derived count, or empty when the targeted count is unknown
   */
  public synchronized OptionalLong sent() {
    return snapshot().sent();
  }

  /**
   * How many repeated events (same event id) were ignored.
   *
   * @return the count
   */
  public synchronized long ignoredRepeats() {
    return repeats;
  }

  /**
   * How many events had an outcome the mapping does not report.
   *
   * @return the count
   */
  public synchronized long notReportedCount() {
    return notReported;
  }

  /**
   * The counts now, as an immutable snapshot for a {@code MetricsSink}.
   *
   * @return the snapshot
   */
  public synchronized MetricsSnapshot snapshot() {
    MetricsSnapshot.Builder b = MetricsSnapshot.builder(campaignId);
    if (targeted != null) {
      b.targeted(targeted);
    }
    b.add(EngagementMetric.CLICKED, clicks);
    customers.forEach((m, s) -> b.add(m, s.size()));
    return b.build();
  }

  @Override
  public String toString() {
    return "CampaignMetrics{" + snapshot() + ", repeats=" + ignoredRepeats() + '}';
  }
}
