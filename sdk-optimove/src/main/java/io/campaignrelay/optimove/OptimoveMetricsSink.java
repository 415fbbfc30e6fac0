package io.campaignrelay.optimove;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.execution.MetricsSink;
import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsMapping;
import io.campaignrelay.core.metrics.MetricsSnapshot;
import io.campaignrelay.core.outbox.InMemoryMetricsOutbox;
import io.campaignrelay.core.outbox.MetricsOutbox;
import io.campaignrelay.core.outbox.OutboxDelivery;
import io.campaignrelay.core.outbox.OutboxEntry;
import io.campaignrelay.optimove.models.CampaignMetric;
import io.campaignrelay.optimove.models.EngagementEvent;
import io.campaignrelay.optimove.models.MetricId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link MetricsSink} on Optimove, writing through a {@link MetricsOutbox} so that no
 * metric is lost when Optimove cannot take it yet.
 *
 * <ul>
 *   <li>{@link #accept(DeliveryEvent)}: maps the outcome with the {@link MetricsMapping} (default:
 *       the SMS-channel guide's table, {@link MetricsMapping#engagementDefault()}) into an event of
 *       the External Vendors Campaign Engagement Metrics endpoint (saveEvent, through an {@link
 *       EngagementMetricsClient}) and appends it to the outbox under the event's id ({@value
 *       #ENGAGEMENT_TOPIC} topic). Outcomes that are not reported (and "Sent", never allowed) are
 *       skipped, and so is an event older than 7 days (Optimove rejects it; counted in {@link
 *       #skippedTooOld()}). When {@link Builder#bufferSize(int)} events wait, they are delivered.
 *   <li>{@link #report(MetricsSnapshot)}: turns what grew since the campaign's last report into
 *       UpdateCampaignMetrics rows (through an {@link OptimoveClient}, configure {@link
 *       Builder#aggregates(OptimoveClient, ChannelId, ToLongFunction)}), appends them to the outbox
 *       ({@value #AGGREGATE_TOPIC} topic) and delivers them. Whether Optimove adds or replaces
 *       values is UNKNOWN; like published integrations this sink treats them as increments, so
 *       repeating a snapshot sends nothing. Each row's id names the campaign, template, metric and
 *       the range of the count it carries, so a row is appended once.
 *   <li>{@link #flush()} delivers what waits, oldest first, topic by topic, stopping a topic at its
 *       first failure; a failed batch stays in the outbox for the next flush (a runtime job, or the
 *       next {@link #accept(DeliveryEvent)} that fills a buffer). {@link #depth()} says how many
 *       wait.
 * </ul>
 *
 * <p>Once per entry: the outbox holds an id once and never returns it after it was acknowledged,
 * which happens right after Optimove's 2xx. Between Optimove's answer and the acknowledgement (a
 * crash, or a failed acknowledgement write) the batch is sent again on the next flush. Whether
 * saveEvent or UpdateCampaignMetrics deduplicate such a repeat is NOT documented (the saveEvent
 * body has no event-id field), so that window may count an event twice; it is kept to one outbox
 * write. A 429 is retried by the transport with {@code Retry-After} or backoff before the batch
 * counts as failed. The rows' baseline of {@link #report(MetricsSnapshot)} (what was already
 * reported per campaign) is held in memory; a restarted process reports a campaign's counts from
 * zero again.
 *
 * <p>The engagement {@code context} keys are UNKNOWN (cut off in Optimove's documentation); the
 * default sends {@code campaignID} and, when configured, {@code channelID} (INFERRED). Replace it
 * with {@link Builder#context(Function)}. The default outbox is in memory ({@link
 * InMemoryMetricsOutbox}); give a {@link io.campaignrelay.core.outbox.FileMetricsOutbox} (or a
 * database one) with {@link Builder#outbox(MetricsOutbox)} to survive a restart. One sink delivers
 * a given outbox at a time. Thread-safe.
 */
public final class OptimoveMetricsSink implements MetricsSink, AutoCloseable {

  /** The outbox topic of engagement events (saveEvent). */
  public static final String ENGAGEMENT_TOPIC = "optimove.saveEvent";

  /** The outbox topic of aggregate rows (UpdateCampaignMetrics). */
  public static final String AGGREGATE_TOPIC = "optimove.UpdateCampaignMetrics";

  /** The engagement event's context key of Optimove's campaign id (the one definition). */
  public static final String CAMPAIGN_KEY = "campaignID";

  /** The engagement event's context key of Optimove's channel id (the one definition). */
  public static final String CHANNEL_KEY = "channelID";

  private static final Logger LOG = LoggerFactory.getLogger(OptimoveMetricsSink.class);

  private static final Map<EngagementMetric, MetricId> METRIC_IDS =
      new EnumMap<>(
          Map.of(
              EngagementMetric.DELIVERED, MetricId.DELIVERED,
              EngagementMetric.OPENED, MetricId.OPENED,
              EngagementMetric.CLICKED, MetricId.CLICKED,
              EngagementMetric.UNSUBSCRIBED, MetricId.UNSUBSCRIBED,
              EngagementMetric.DROPPED, MetricId.DROPPED,
              EngagementMetric.SPAM_REPORTED, MetricId.SPAM_REPORTED,
              EngagementMetric.BOUNCED, MetricId.BOUNCED));

  private final EngagementMetricsClient engagement;
  private final MetricsMapping mapping;
  private final Function<DeliveryEvent, Map<String, Object>> context;
  private final int bufferSize;
  private final Clock clock;
  private final OptimoveClient aggregateClient;
  private final ChannelId aggregateChannel;
  private final ToLongFunction<CampaignId> templateIdOf;
  private final MetricsOutbox outbox;

  private final Object deliveryLock = new Object();
  private final Map<CampaignId, Map<EngagementMetric, Long>> reported = new HashMap<>();
  private long skippedTooOld;

  private OptimoveMetricsSink(Builder b) {
    this.engagement = b.engagement;
    this.mapping = b.mapping;
    this.bufferSize = b.bufferSize;
    this.clock = b.clock;
    this.aggregateClient = b.aggregateClient;
    this.aggregateChannel = b.aggregateChannel;
    this.templateIdOf = b.templateIdOf;
    this.outbox =
        b.outbox != null
            ? b.outbox
            : InMemoryMetricsOutbox.create(b.clock, MetricsOutbox.DEFAULT_RETENTION);
    ChannelId channel = b.aggregateChannel != null ? b.aggregateChannel : b.channel;
    this.context =
        b.context != null
            ? b.context
            : e -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put(CAMPAIGN_KEY, e.campaignId().value());
              if (channel != null) {
                m.put(CHANNEL_KEY, channel.value());
              }
              return m;
            };
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Maps one event and appends it to the outbox; delivers the waiting events when {@link
   * Builder#bufferSize(int)} of them wait. A failed delivery does not throw: the events stay in the
   * outbox (see {@link #flush()}). A repeated event id is ignored.
   *
   * @param event the event
   * @throws IllegalStateException if no engagement client is configured
   * @throws io.campaignrelay.core.ConfigurationException if the mapped event is invalid (for
   *     example its time is in the future)
   * @throws io.campaignrelay.core.CampaignRelayException if the outbox cannot store it
   */
  @Override
  public void accept(DeliveryEvent event) {
    Objects.requireNonNull(event, "event");
    if (engagement == null) {
      throw new IllegalStateException(
          "no EngagementMetricsClient configured: set engagementClient(...) on the"
              + " OptimoveMetricsSink builder");
    }
    MetricsMapping.Target target = mapping.map(event.outcome());
    if (!target.isReported()) {
      return;
    }
    EngagementMetric metric = target.metric().orElseThrow();
    if (isTooOld(event.occurredAt())) {
      synchronized (this) {
        skippedTooOld++;
      }
      LOG.warn(
          "skipping engagement event {} of campaign {}: it happened at {}, more than {} days ago,"
              + " and Optimove rejects such events",
          event.eventId(),
          event.campaignId(),
          event.occurredAt(),
          EngagementMetricsClient.MAX_AGE_DAYS);
      return;
    }
    EngagementEvent e =
        EngagementEvent.forCustomer(
            metric, event.customerId().value(), event.occurredAt(), context.apply(event));
    engagement.validate(List.of(e));
    outbox.append(
        List.of(
            new OutboxEntry(
                "saveEvent:" + event.eventId(),
                ENGAGEMENT_TOPIC,
                OutboxPayloads.engagement(e),
                clock.instant())));
    if (outbox.depth(ENGAGEMENT_TOPIC) >= bufferSize) {
      logIfFailed(deliverEngagement());
    }
  }

  /**
   * Delivers everything waiting in the outbox, oldest first, each topic until it is empty or a
   * batch fails (that batch and the rest stay for the next flush).
   *
   * @return what was delivered and, if a topic stopped early, why
   */
  public OutboxDelivery.Result flush() {
    OutboxDelivery.Result r = deliverEngagement().and(deliverAggregates());
    logIfFailed(r);
    return r;
  }

  /**
   * How many metric writes wait in the outbox (this sink's topics).
   *
   * @return the depth
   */
  public long depth() {
    return outbox.depth(ENGAGEMENT_TOPIC) + outbox.depth(AGGREGATE_TOPIC);
  }

  /**
   * The outbox this sink writes through.
   *
   * @return the outbox
   */
  public MetricsOutbox outbox() {
    return outbox;
  }

  private OutboxDelivery.Result deliverEngagement() {
    int batch = engagement == null ? bufferSize : Math.min(bufferSize, engagement.batchSize());
    synchronized (deliveryLock) {
      return OutboxDelivery.deliver(outbox, ENGAGEMENT_TOPIC, batch, this::sendEngagement);
    }
  }

  private void sendEngagement(List<OutboxEntry> batch) {
    if (engagement == null) {
      throw new IllegalStateException(
          "engagement events wait in the outbox but no EngagementMetricsClient is configured: set"
              + " engagementClient(...) on the OptimoveMetricsSink builder");
    }
    List<EngagementEvent> events = new ArrayList<>(batch.size());
    for (OutboxEntry entry : batch) {
      EngagementEvent e = OutboxPayloads.readEngagement(entry);
      if (isTooOld(e.timestamp())) {
        synchronized (this) {
          skippedTooOld++;
        }
        LOG.warn(
            "dropping engagement entry {} from the outbox: it happened at {}, more than {} days ago,"
                + " and Optimove rejects such events (it waited since {})",
            entry.id(),
            e.timestamp(),
            EngagementMetricsClient.MAX_AGE_DAYS,
            entry.createdAt());
        continue;
      }
      events.add(e);
    }
    if (!events.isEmpty()) {
      engagement.saveEvents(events);
    }
  }

  private OutboxDelivery.Result deliverAggregates() {
    synchronized (deliveryLock) {
      return OutboxDelivery.deliver(
          outbox,
          AGGREGATE_TOPIC,
          OptimoveClient.MAX_ROWS_PER_CALL,
          batch -> {
            if (aggregateClient == null) {
              throw new IllegalStateException(
                  "campaign metrics wait in the outbox but no aggregate client is configured: set"
                      + " aggregates(client, channel, templateIdOf) on the OptimoveMetricsSink"
                      + " builder");
            }
            aggregateClient.updateCampaignMetrics(
                batch.stream().map(OutboxPayloads::readMetric).toList());
          });
    }
  }

  private boolean isTooOld(Instant at) {
    return at.isBefore(
        clock.instant().minus(Duration.ofDays(EngagementMetricsClient.MAX_AGE_DAYS)));
  }

  private void logIfFailed(OutboxDelivery.Result r) {
    r.failure()
        .ifPresent(
            e ->
                LOG.warn(
                    "Optimove metrics: {} delivered, {} wait in the outbox for the next flush ({})",
                    r.delivered(),
                    r.remaining(),
                    e.toString()));
  }

  /** Delivers what waits ({@link #flush()}). */
  @Override
  public void close() {
    flush();
  }

  /**
   * How many events were skipped for being older than 7 days (when accepted, or while waiting).
   *
   * @return the count
   */
  public synchronized long skippedTooOld() {
    return skippedTooOld;
  }

  /**
   * Appends what grew since the campaign's last report as UpdateCampaignMetrics rows to the outbox
   * and delivers them; a failed delivery does not throw (the rows wait, see {@link #flush()}).
   *
   * @param snapshot the counts
   * @throws IllegalStateException if no aggregate client is configured
   * @throws ConfigurationException if the campaign id is not an integer
   * @throws io.campaignrelay.core.CampaignRelayException if the outbox cannot store the rows
   */
  @Override
  public void report(MetricsSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    if (aggregateClient == null) {
      throw new IllegalStateException(
          "no aggregate reporting configured: set aggregates(client, channel, templateIdOf) on"
              + " the OptimoveMetricsSink builder");
    }
    long campaignId =
        snapshot
            .campaignId()
            .numericValue()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "Optimove campaign metrics",
                        ConfigurationProblem.of(
                            "campaignId",
                            snapshot.campaignId(),
                            "UpdateCampaignMetrics takes integer campaign ids (scheduled"
                                + " campaigns)")));
    long templateId = templateIdOf.applyAsLong(snapshot.campaignId());
    synchronized (this) {
      Map<EngagementMetric, Long> last =
          reported.computeIfAbsent(
              snapshot.campaignId(), c -> new EnumMap<>(EngagementMetric.class));
      List<OutboxEntry> rows = new ArrayList<>();
      Map<EngagementMetric, Long> now = new EnumMap<>(EngagementMetric.class);
      Instant at = clock.instant();
      for (Map.Entry<EngagementMetric, Long> e : snapshot.counts().entrySet()) {
        MetricId id = METRIC_IDS.get(e.getKey());
        long before = last.getOrDefault(e.getKey(), 0L);
        long delta = e.getValue() - before;
        if (id != null && delta > 0) {
          CampaignMetric row =
              new CampaignMetric(aggregateChannel.value(), campaignId, templateId, id, delta);
          rows.add(
              new OutboxEntry(
                  "UpdateCampaignMetrics:"
                      + aggregateChannel.value()
                      + ":"
                      + campaignId
                      + ":"
                      + templateId
                      + ":"
                      + id.id()
                      + ":"
                      + before
                      + "-"
                      + e.getValue(),
                  AGGREGATE_TOPIC,
                  OutboxPayloads.metric(row),
                  at));
          now.put(e.getKey(), e.getValue());
        }
      }
      if (rows.isEmpty()) {
        return;
      }
      outbox.append(rows);
      last.putAll(now);
    }
    logIfFailed(deliverAggregates());
  }

  @Override
  public String toString() {
    return "OptimoveMetricsSink{engagement="
        + engagement
        + ", aggregates="
        + (aggregateClient == null ? "off" : "channel " + aggregateChannel)
        + '}';
  }

  /** Builds an {@link OptimoveMetricsSink}. Not thread-safe. */
  public static final class Builder {
    private EngagementMetricsClient engagement;
    private MetricsMapping mapping = MetricsMapping.engagementDefault();
    private Function<DeliveryEvent, Map<String, Object>> context;
    private ChannelId channel;
    private int bufferSize = EngagementMetricsClient.DEFAULT_BATCH_SIZE;
    private Clock clock = Clock.systemUTC();
    private OptimoveClient aggregateClient;
    private ChannelId aggregateChannel;
    private ToLongFunction<CampaignId> templateIdOf;
    private MetricsOutbox outbox;

    private Builder() {}

    /**
     * Sets the outbox that holds metric writes until Optimove took them (default: a new {@link
     * InMemoryMetricsOutbox}, lost with the process).
     *
     * @param outbox the outbox, e.g. {@link io.campaignrelay.core.outbox.FileMetricsOutbox}
     * @return this builder
     */
    public Builder outbox(MetricsOutbox outbox) {
      this.outbox = outbox;
      return this;
    }

    /**
     * Sets the engagement-metrics client that {@link #accept(DeliveryEvent)} reports through.
     *
     * @param client the client
     * @return this builder
     */
    public Builder engagementClient(EngagementMetricsClient client) {
      this.engagement = client;
      return this;
    }

    /**
     * Sets the outcome-to-metric mapping.
     *
     * @param mapping the mapping (default: the SMS-channel guide's table)
     * @return this builder
     */
    public Builder mapping(MetricsMapping mapping) {
      this.mapping = mapping;
      return this;
    }

    /**
     * Sets the channel named in the default context.
     *
     * @param channel the channel, e.g. {@link ChannelId#SCHEDULED_SMS}
     * @return this builder
     */
    public Builder channel(ChannelId channel) {
      this.channel = channel;
      return this;
    }

    /**
     * Replaces the engagement context (keys UNKNOWN; values strings, numbers or booleans).
     *
     * @param context builds the context of an event
     * @return this builder
     */
    public Builder context(Function<DeliveryEvent, Map<String, Object>> context) {
      this.context = context;
      return this;
    }

    /**
     * Sets how many waiting events trigger a delivery, and the most sent per request (also capped
     * by the engagement client's batch size).
     *
     * @param bufferSize 1 (send at once) to 10,000
     * @return this builder
     */
    public Builder bufferSize(int bufferSize) {
      this.bufferSize = bufferSize;
      return this;
    }

    /**
     * Sets the clock of the 7-day check.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Enables {@link #report(MetricsSnapshot)} through UpdateCampaignMetrics.
     *
     * @param client the Optimove client
     * @param channel the channel the metrics are for
     * @param templateIdOf the campaign's TemplateID
     * @return this builder
     */
    public Builder aggregates(
        OptimoveClient client, ChannelId channel, ToLongFunction<CampaignId> templateIdOf) {
      this.aggregateClient = client;
      this.aggregateChannel = channel;
      this.templateIdOf = templateIdOf;
      return this;
    }

    /**
     * Builds the sink.
     *
     * @return the sink
     * @throws ConfigurationException listing every problem
     */
    public OptimoveMetricsSink build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (engagement == null && aggregateClient == null) {
        problems.add(
            ConfigurationProblem.of(
                "engagementClient",
                null,
                "give an EngagementMetricsClient and/or aggregates(client, channel, templateIdOf)"));
      }
      if (mapping == null) {
        problems.add(
            ConfigurationProblem.of("mapping", null, "use MetricsMapping.engagementDefault()"));
      }
      if (bufferSize < 1 || bufferSize > 10_000) {
        problems.add(ConfigurationProblem.of("bufferSize", bufferSize, "use 1 to 10000"));
      }
      if (clock == null) {
        problems.add(ConfigurationProblem.of("clock", null, "use Clock.systemUTC()"));
      }
      if (aggregateClient != null && (aggregateChannel == null || templateIdOf == null)) {
        problems.add(
            ConfigurationProblem.of(
                "aggregates", null, "give the channel and the campaign's TemplateID function"));
      }
      ConfigurationException.throwIfAny("Optimove metrics sink", problems);
      return new OptimoveMetricsSink(this);
    }
  }
}
