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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link MetricsSink} on Optimove.
 *
 * <ul>
 *   <li>{@link #accept(DeliveryEvent)}: maps the outcome with the {@link MetricsMapping} (default:
 *       the SMS-channel guide's table, {@link MetricsMapping#engagementDefault()}) and reports it
 *       to the External Vendors Campaign Engagement Metrics endpoint through an {@link
 *       EngagementMetricsClient}. Outcomes that are not reported (and "Sent", never allowed) are
 *       skipped. Events are buffered and sent in batches of {@link Builder#bufferSize(int)}; call
 *       {@link #flush()} (or {@link #close()}) to send the rest. A repeated event id (among the
 *       last {@value #REMEMBERED_EVENT_IDS}) is ignored; an event older than 7 days is skipped with
 *       a warning, since Optimove rejects it.
 *   <li>{@link #report(MetricsSnapshot)}: sends the counts as UpdateCampaignMetrics rows through an
 *       {@link OptimoveClient} (configure {@link Builder#aggregates(OptimoveClient, ChannelId,
 *       ToLongFunction)}). Whether Optimove adds or replaces values is UNKNOWN; like published
 *       integrations this sink treats them as increments and sends only what grew since the last
 *       report of the campaign, so repeating a snapshot sends nothing.
 * </ul>
 *
 * <p>The engagement {@code context} keys are UNKNOWN (cut off in Optimove's documentation); the
 * default sends {@code campaignID} and, when configured, {@code channelID} (INFERRED). Replace it
 * with {@link Builder#context(Function)}. Thread-safe.
 */
public final class OptimoveMetricsSink implements MetricsSink, AutoCloseable {

  /** How many recent event ids are remembered to ignore repeats. */
  public static final int REMEMBERED_EVENT_IDS = 100_000;

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

  private final List<Buffered> buffer = new ArrayList<>();
  private final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
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
    ChannelId channel = b.aggregateChannel != null ? b.aggregateChannel : b.channel;
    this.context =
        b.context != null
            ? b.context
            : e -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("campaignID", e.campaignId().value());
              if (channel != null) {
                m.put("channelID", channel.value());
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
   * Maps and buffers one event; sends a batch when the buffer is full. If that batch fails, the
   * exception propagates and the batch's events are forgotten (accepting them again retries them;
   * after an {@link io.campaignrelay.core.http.ApiConnectionException} whose outcome is unknown a
   * retry may count twice).
   *
   * @param event the event
   * @throws IllegalStateException if no engagement client is configured
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
    List<Buffered> toSend = null;
    synchronized (this) {
      if (!recentIds.add(event.eventId())) {
        return;
      }
      if (recentIds.size() > REMEMBERED_EVENT_IDS) {
        var it = recentIds.iterator();
        it.next();
        it.remove();
      }
      Instant oldest = clock.instant().minus(Duration.ofDays(EngagementMetricsClient.MAX_AGE_DAYS));
      if (event.occurredAt().isBefore(oldest)) {
        skippedTooOld++;
        LOG.warn(
            "skipping engagement event {} of campaign {}: it happened at {}, more than {} days ago,"
                + " and Optimove rejects such events",
            event.eventId(),
            event.campaignId(),
            event.occurredAt(),
            EngagementMetricsClient.MAX_AGE_DAYS);
        return;
      }
      buffer.add(
          new Buffered(
              event.eventId(),
              EngagementEvent.forCustomer(
                  metric, event.customerId().value(), event.occurredAt(), context.apply(event))));
      if (buffer.size() >= bufferSize) {
        toSend = new ArrayList<>(buffer);
        buffer.clear();
      }
    }
    if (toSend != null) {
      send(toSend);
    }
  }

  /**
   * Sends the buffered events now.
   *
   * @throws io.campaignrelay.core.CampaignRelayException if the batch fails (see {@link
   *     EngagementMetricsClient#saveEvents(List)}); its events are forgotten, so accepting them
   *     again sends them again
   */
  public void flush() {
    List<Buffered> toSend;
    synchronized (this) {
      if (buffer.isEmpty()) {
        return;
      }
      toSend = new ArrayList<>(buffer);
      buffer.clear();
    }
    send(toSend);
  }

  private void send(List<Buffered> batch) {
    try {
      engagement.saveEvents(batch.stream().map(Buffered::event).toList());
    } catch (RuntimeException e) {
      synchronized (this) {
        batch.forEach(b -> recentIds.remove(b.eventId()));
      }
      throw e;
    }
  }

  private record Buffered(String eventId, EngagementEvent event) {}

  /** Sends the buffered events ({@link #flush()}). */
  @Override
  public void close() {
    flush();
  }

  /**
   * How many events were skipped for being older than 7 days.
   *
   * @return the count
   */
  public synchronized long skippedTooOld() {
    return skippedTooOld;
  }

  /**
   * Sends what grew since the campaign's last report as UpdateCampaignMetrics rows.
   *
   * @param snapshot the counts
   * @throws IllegalStateException if no aggregate client is configured
   * @throws ConfigurationException if the campaign id is not an integer
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
      List<CampaignMetric> rows = new ArrayList<>();
      Map<EngagementMetric, Long> now = new EnumMap<>(EngagementMetric.class);
      for (Map.Entry<EngagementMetric, Long> e : snapshot.counts().entrySet()) {
        MetricId id = METRIC_IDS.get(e.getKey());
        long delta = e.getValue() - last.getOrDefault(e.getKey(), 0L);
        if (id != null && delta > 0) {
          rows.add(new CampaignMetric(aggregateChannel.value(), campaignId, templateId, id, delta));
          now.put(e.getKey(), e.getValue());
        }
      }
      if (!rows.isEmpty()) {
        aggregateClient.updateCampaignMetrics(rows);
        last.putAll(now);
      }
    }
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

    private Builder() {}

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
     * Sets how many events are sent per batch.
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
