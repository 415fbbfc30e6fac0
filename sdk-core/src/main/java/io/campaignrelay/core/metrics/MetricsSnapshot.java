package io.campaignrelay.core.metrics;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A campaign's engagement counts at one moment: what a vendor reports to the marketing platform.
 * Built from events by {@link CampaignMetrics#snapshot()}, or directly from a vendor's aggregate
 * counters with {@link #builder(CampaignId)}.
 *
 * <p>{@link EngagementMetric#SENT} is never a count: it is not an allowed reported value, and
 * {@link #sent()} derives it as Targeted - Dropped. Immutable and thread-safe.
 */
public final class MetricsSnapshot {

  private final CampaignId campaignId;
  private final Long targeted;
  private final Map<EngagementMetric, Long> counts;

  private MetricsSnapshot(
      CampaignId campaignId, Long targeted, Map<EngagementMetric, Long> counts) {
    this.campaignId = campaignId;
    this.targeted = targeted;
    this.counts = counts;
  }

  /**
   * A builder for a campaign's counts.
   *
   * @param campaignId the campaign
   * @return the builder
   */
  public static Builder builder(CampaignId campaignId) {
    return new Builder(Objects.requireNonNull(campaignId, "campaignId"));
  }

  /**
   * The campaign.
   *
   * @return the campaign id
   */
  public CampaignId campaignId() {
    return campaignId;
  }

  /**
   * How many customers the campaign targeted, when known.
   *
   * @return the count, or empty
   */
  public OptionalLong targeted() {
    return targeted == null ? OptionalLong.empty() : OptionalLong.of(targeted);
  }

  /**
   * The count of one metric.
   *
   * @param metric the metric
   * @return the count, zero when none was recorded; for {@link EngagementMetric#SENT} use {@link
   *     #sent()}
   * @throws IllegalArgumentException for {@link EngagementMetric#SENT}, which is derived
   */
  public long count(EngagementMetric metric) {
    if (metric == EngagementMetric.SENT) {
      throw new IllegalArgumentException(
          "SENT is never counted: it is derived as Targeted - Dropped; call sent()");
    }
    return counts.getOrDefault(Objects.requireNonNull(metric, "metric"), 0L);
  }

  /**
   * Every non-zero count; never contains {@link EngagementMetric#SENT}.
   *
   * @return an unmodifiable map in metric order
   */
  public Map<EngagementMetric, Long> counts() {
    return counts;
  }

  /**
   * "Sent", derived as Targeted - Dropped, as the SMS-channel guide prescribes (the platform does
   * not accept Sent as a reported value). Never negative: if more drops than targets were counted,
   * it is zero.
   *
   * @return the derived count, or empty when the targeted count is unknown
   */
  public OptionalLong sent() {
    if (targeted == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Math.max(0, targeted - count(EngagementMetric.DROPPED)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsSnapshot m
        && campaignId.equals(m.campaignId)
        && Objects.equals(targeted, m.targeted)
        && counts.equals(m.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(campaignId, targeted, counts);
  }

  @Override
  public String toString() {
    return "MetricsSnapshot{campaign="
        + campaignId
        + (targeted == null ? "" : ", targeted=" + targeted)
        + ", counts="
        + counts
        + '}';
  }

  /** Builds a {@link MetricsSnapshot}. Not thread-safe. */
  public static final class Builder {
    private final CampaignId campaignId;
    private Long targeted;
    private final Map<EngagementMetric, Long> counts = new EnumMap<>(EngagementMetric.class);
    private final List<ConfigurationProblem> problems = new ArrayList<>();

    private Builder(CampaignId campaignId) {
      this.campaignId = campaignId;
    }

    /**
     * Sets the targeted count.
     *
     * @param targeted zero or more
     * @return this builder
     */
    public Builder targeted(long targeted) {
      if (targeted < 0) {
        problems.add(
            ConfigurationProblem.of("targeted", targeted, "is negative: give zero or more"));
      }
      this.targeted = targeted;
      return this;
    }

    /**
     * Adds to a metric's count.
     *
     * @param metric any metric but {@link EngagementMetric#SENT}
     * @param count zero or more
     * @return this builder
     */
    public Builder add(EngagementMetric metric, long count) {
      Objects.requireNonNull(metric, "metric");
      if (metric == EngagementMetric.SENT) {
        problems.add(
            ConfigurationProblem.of(
                "counts[SENT]",
                count,
                "Sent is never reported: it is derived as Targeted - Dropped; set targeted()"
                    + " and the DROPPED count instead"));
      } else if (count < 0) {
        problems.add(
            ConfigurationProblem.of(
                "counts[" + metric + "]", count, "is negative: give zero or more"));
      } else if (count > 0) {
        counts.merge(metric, count, Long::sum);
      }
      return this;
    }

    /**
     * Builds the snapshot.
     *
     * @return the snapshot
     * @throws ConfigurationException listing negative counts and any attempt to set SENT
     */
    public MetricsSnapshot build() {
      ConfigurationException.throwIfAny("campaign metrics", problems);
      return new MetricsSnapshot(
          campaignId, targeted, Collections.unmodifiableMap(new EnumMap<>(counts)));
    }
  }
}
