package io.campaignrelay.core.metrics;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one vendor's delivery outcomes become the marketing platform's {@link EngagementMetric}s:
 * each {@link DeliveryOutcome.Kind} maps to a metric or to "not reported" with the reason, and each
 * metric no outcome reaches says why it is not reported. {@link EngagementMetric#SENT} is never a
 * target: it is derived as Targeted - Dropped. Immutable and thread-safe.
 */
public final class MetricsMapping {

  /** Why Sent is never reported (the SMS-channel guide, confirmed by the platform). */
  public static final String SENT_NOT_REPORTED =
      "\"Sent\" is not an allowed value of the platform's engagement metrics; it is derived as"
          + " Sent = Targeted - Dropped";

  private final Map<DeliveryOutcome.Kind, Target> byKind;
  private final Map<EngagementMetric, String> metricsNotReported;

  private MetricsMapping(
      Map<DeliveryOutcome.Kind, Target> byKind, Map<EngagementMetric, String> metricsNotReported) {
    this.byKind = byKind;
    this.metricsNotReported = metricsNotReported;
  }

  /**
   * The table of the SMS-channel integration guide, exactly:
   *
   * <table>
   *   <caption>Platform metric, vendor term</caption>
   *   <tr><th>Metric</th><th>Outcome</th><th>Note</th></tr>
   *   <tr><td>Delivered</td><td>Delivered</td><td>confirmed received</td></tr>
   *   <tr><td>Opened</td><td>not reported</td><td>not available</td></tr>
   *   <tr><td>Clicked</td><td>Click</td><td>one event per click</td></tr>
   *   <tr><td>Sent</td><td>not reported</td><td>Sent = Targeted - Dropped</td></tr>
   *   <tr><td>Dropped</td><td>Rejected</td><td>opted out, bad phone format, cannot receive SMS</td></tr>
   *   <tr><td>Bounced</td><td>Undelivered</td><td>landline/VOIP, prepaid without credit, offline</td></tr>
   *   <tr><td>Unsubscribed</td><td>Opt Out</td><td>the user texted STOP</td></tr>
   *   <tr><td>Spam Reported</td><td>not reported</td><td></td></tr>
   * </table>
   *
   * <p>Outcomes the table does not name (pending, expired, unknown) are not reported.
   *
   * @return the mapping
   */
  public static MetricsMapping engagementDefault() {
    return builder()
        .report(DeliveryOutcome.Kind.DELIVERED, EngagementMetric.DELIVERED)
        .report(DeliveryOutcome.Kind.CLICKED, EngagementMetric.CLICKED)
        .report(DeliveryOutcome.Kind.REJECTED, EngagementMetric.DROPPED)
        .report(DeliveryOutcome.Kind.UNDELIVERED, EngagementMetric.BOUNCED)
        .report(DeliveryOutcome.Kind.OPTED_OUT, EngagementMetric.UNSUBSCRIBED)
        .notReported(DeliveryOutcome.Kind.PENDING, "not final: the message is still on its way")
        .notReported(DeliveryOutcome.Kind.EXPIRED, "not in the SMS-channel guide's metrics table")
        .notReported(
            DeliveryOutcome.Kind.UNKNOWN,
            "an outcome this SDK does not know; not in the SMS-channel guide's metrics table")
        .metricNotReported(EngagementMetric.OPENED, "this information is not available for SMS")
        .metricNotReported(EngagementMetric.SPAM_REPORTED, "not reported by the SMS channel")
        .build();
  }

  /**
   * A builder for a vendor's own table.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this mapping, to change a row.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.byKind.putAll(byKind);
    for (Map.Entry<EngagementMetric, String> e : metricsNotReported.entrySet()) {
      if (e.getKey() != EngagementMetric.SENT && !isTarget(e.getKey())) {
        b.metricsNotReported.put(e.getKey(), e.getValue());
      }
    }
    return b;
  }

  /**
   * Where an outcome goes.
   *
   * @param outcome the outcome
   * @return a metric, or "not reported" with the reason
   */
  public Target map(DeliveryOutcome outcome) {
    return map(Objects.requireNonNull(outcome, "outcome").kind());
  }

  /**
   * Where an outcome kind goes.
   *
   * @param kind the kind
   * @return a metric, or "not reported" with the reason
   */
  public Target map(DeliveryOutcome.Kind kind) {
    return byKind.get(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * The metrics some outcome is reported as.
   *
   * @return an unmodifiable set; never contains {@link EngagementMetric#SENT}
   */
  public Set<EngagementMetric> reportedMetrics() {
    EnumSet<EngagementMetric> s = EnumSet.noneOf(EngagementMetric.class);
    for (Target t : byKind.values()) {
      t.metric().ifPresent(s::add);
    }
    return Collections.unmodifiableSet(s);
  }

  /**
   * Why a metric is never reported.
   *
   * @param metric the metric
   * @return the reason, or empty if some outcome is reported as this metric
   */
  public Optional<String> notReportedReason(EngagementMetric metric) {
    return Optional.ofNullable(metricsNotReported.get(Objects.requireNonNull(metric, "metric")));
  }

  private boolean isTarget(EngagementMetric metric) {
    for (Target t : byKind.values()) {
      if (t.metric().filter(metric::equals).isPresent()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsMapping m
        && byKind.equals(m.byKind)
        && metricsNotReported.equals(m.metricsNotReported);
  }

  @Override
  public int hashCode() {
    return Objects.hash(byKind, metricsNotReported);
  }

  @Override
  public String toString() {
    return "MetricsMapping" + byKind;
  }

  /** Where one outcome goes: a metric, or "not reported" with the reason. Immutable. */
  public static final class Target {
    private final EngagementMetric metric;
    private final String reason;

    private Target(EngagementMetric metric, String reason) {
      this.metric = metric;
      this.reason = reason;
    }

    /**
     * Reported as a metric.
     *
     * @param metric the metric; not {@link EngagementMetric#SENT}
     * @return the target
     * @throws IllegalArgumentException for SENT
     */
    public static Target reported(EngagementMetric metric) {
      if (Objects.requireNonNull(metric, "metric") == EngagementMetric.SENT) {
        throw new IllegalArgumentException(SENT_NOT_REPORTED);
      }
      return new Target(metric, null);
    }

    /**
     * Not reported.
     *
     * @param reason why, not blank
     * @return the target
     * @throws IllegalArgumentException if the reason is blank
     */
    public static Target notReported(String reason) {
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("say why the outcome is not reported");
      }
      return new Target(null, reason);
    }

    /**
     * Whether the outcome is reported.
     *
     * @return true if it maps to a metric
     */
    public boolean isReported() {
      return metric != null;
    }

    /**
     * The metric.
     *
     * @return the metric, or empty when not reported
     */
    public Optional<EngagementMetric> metric() {
      return Optional.ofNullable(metric);
    }

    /**
     * Why the outcome is not reported.
     *
     * @return the reason, or empty when reported
     */
    public Optional<String> reason() {
      return Optional.ofNullable(reason);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Target t && metric == t.metric && Objects.equals(reason, t.reason);
    }

    @Override
    public int hashCode() {
      return Objects.hash(metric, reason);
    }

    @Override
    public String toString() {
      return metric != null ? metric.name() : "not reported (" + reason + ")";
    }
  }

  /**
   * Builds a {@link MetricsMapping}. A later row for the same kind or metric replaces the earlier
   * one. Not thread-safe.
   */
  public static final class Builder {
    private final Map<DeliveryOutcome.Kind, Target> byKind =
        new EnumMap<>(DeliveryOutcome.Kind.class);
    private final Map<EngagementMetric, String> metricsNotReported =
        new EnumMap<>(EngagementMetric.class);
    private final List<ConfigurationProblem> problems = new ArrayList<>();

    private Builder() {}

    /**
     * Reports an outcome kind as a metric.
     *
     * @param kind the outcome kind
     * @param metric the metric; never {@link EngagementMetric#SENT}
     * @return this builder
     */
    public Builder report(DeliveryOutcome.Kind kind, EngagementMetric metric) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(metric, "metric");
      if (metric == EngagementMetric.SENT) {
        problems.add(
            ConfigurationProblem.of(
                "mapping[" + kind + "]",
                metric,
                SENT_NOT_REPORTED + ": map the outcome to another metric or to not reported"));
        return this;
      }
      byKind.put(kind, Target.reported(metric));
      return this;
    }

    /**
     * Marks an outcome kind as not reported.
     *
     * @param kind the outcome kind
     * @param reason why, not blank
     * @return this builder
     */
    public Builder notReported(DeliveryOutcome.Kind kind, String reason) {
      Objects.requireNonNull(kind, "kind");
      if (reason == null || reason.isBlank()) {
        problems.add(
            ConfigurationProblem.of(
                "mapping[" + kind + "].reason", reason, "is blank: say why it is not reported"));
        return this;
      }
      byKind.put(kind, Target.notReported(reason));
      return this;
    }

    /**
     * Says why a metric is never reported by this vendor.
     *
     * @param metric the metric
     * @param reason why, not blank
     * @return this builder
     */
    public Builder metricNotReported(EngagementMetric metric, String reason) {
      Objects.requireNonNull(metric, "metric");
      if (reason == null || reason.isBlank()) {
        problems.add(
            ConfigurationProblem.of(
                "metricNotReported[" + metric + "]",
                reason,
                "is blank: say why the metric is not reported"));
        return this;
      }
      metricsNotReported.put(metric, reason);
      return this;
    }

    /**
     * Builds the mapping. Kinds without a row are not reported ("no row in this vendor's mapping");
     * metrics no outcome reaches and without a declared reason get "no outcome of this vendor maps
     * to it"; Sent always gets {@link #SENT_NOT_REPORTED}.
     *
     * @return the mapping
     * @throws ConfigurationException if a row maps to Sent, a reason is blank, or a metric is both
     *     a target and declared not reported
     */
    public MetricsMapping build() {
      List<ConfigurationProblem> p = new ArrayList<>(problems);
      Map<DeliveryOutcome.Kind, Target> kinds = new EnumMap<>(byKind);
      for (DeliveryOutcome.Kind k : DeliveryOutcome.Kind.values()) {
        kinds.putIfAbsent(k, Target.notReported("no row for " + k + " in this vendor's mapping"));
      }
      EnumSet<EngagementMetric> targets = EnumSet.noneOf(EngagementMetric.class);
      kinds.values().forEach(t -> t.metric().ifPresent(targets::add));
      Map<EngagementMetric, String> notReported = new EnumMap<>(EngagementMetric.class);
      for (EngagementMetric m : EngagementMetric.values()) {
        String declared = metricsNotReported.get(m);
        if (m == EngagementMetric.SENT) {
          notReported.put(m, SENT_NOT_REPORTED);
        } else if (targets.contains(m)) {
          if (declared != null) {
            p.add(
                ConfigurationProblem.of(
                    "metricNotReported[" + m + "]",
                    declared,
                    "contradicts a row that reports an outcome as " + m + ": remove one of them"));
          }
        } else {
          notReported.put(m, declared != null ? declared : "no outcome of this vendor maps to it");
        }
      }
      ConfigurationException.throwIfAny("metrics mapping", p);
      return new MetricsMapping(
          Collections.unmodifiableMap(kinds), Collections.unmodifiableMap(notReported));
    }
  }
}
