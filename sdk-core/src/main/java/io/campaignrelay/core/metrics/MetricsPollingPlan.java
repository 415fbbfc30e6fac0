package io.campaignrelay.core.metrics;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When to pull a send's delivery metrics, as data a scheduler can run: by default daily for one
 * week after the send (the daily-metrics guide: "for a period of one week following the sending ...
 * connects daily"), i.e. at T+1 day, T+2 days ... T+7 days for a send at T. Immutable and
 * thread-safe.
 */
public final class MetricsPollingPlan {

  /** The default number of pulls. */
  public static final int DEFAULT_PULLS = 7;

  /** The default time between the send and the first pull, and between pulls. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);

  private final Instant sentAt;
  private final Duration interval;
  private final List<Instant> pullTimes;

  private MetricsPollingPlan(Instant sentAt, Duration interval, int pulls) {
    this.sentAt = sentAt;
    this.interval = interval;
    List<Instant> times = new ArrayList<>(pulls);
    for (int i = 1; i <= pulls; i++) {
      times.add(sentAt.plus(interval.multipliedBy(i)));
    }
    this.pullTimes = List.copyOf(times);
  }

  /**
   * Daily pulls for a week: T+1 day ... T+7 days.
   *
   * @param sentAt the send time T
   * @return the plan
   */
  public static MetricsPollingPlan dailyForAWeek(Instant sentAt) {
    return of(sentAt, DEFAULT_INTERVAL, DEFAULT_PULLS);
  }

  /**
   * A custom plan: pulls at T + interval, T + 2 x interval, ... T + pulls x interval.
   *
   * @param sentAt the send time T
   * @param interval the time between pulls, positive
   * @param pulls how many pulls, 1 to 366
   * @return the plan
   * @throws ConfigurationException if the interval is not positive or the count out of range
   */
  public static MetricsPollingPlan of(Instant sentAt, Duration interval, int pulls) {
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(interval, "interval");
    List<ConfigurationProblem> p = new ArrayList<>();
    if (interval.isZero() || interval.isNegative()) {
      p.add(
          ConfigurationProblem.of(
              "interval", interval, "is not positive: give e.g. Duration.ofDays(1)"));
    }
    if (pulls < 1 || pulls > 366) {
      p.add(ConfigurationProblem.of("pulls", pulls, "is out of range: give 1 to 366"));
    }
    ConfigurationException.throwIfAny("metrics polling plan", p);
    return new MetricsPollingPlan(sentAt, interval, pulls);
  }

  /**
   * The send time T.
   *
   * @return the instant
   */
  public Instant sentAt() {
    return sentAt;
  }

  /**
   * The time between pulls.
   *
   * @return the interval
   */
  public Duration interval() {
    return interval;
  }

  /**
   * Every pull time, in order.
   *
   * @return an unmodifiable list
   */
  public List<Instant> pullTimes() {
    return pullTimes;
  }

  /**
   * The first pull due strictly after {@code now}.
   *
   * @param now the current time (from an injected clock)
   * @return the next pull, or empty when the plan is over
   */
  public Optional<Instant> nextPullAfter(Instant now) {
    Objects.requireNonNull(now, "now");
    for (Instant t : pullTimes) {
      if (t.isAfter(now)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The pulls due in {@code (lastRun, now]}: what a scheduler waking at {@code now} must run, given
   * that it last ran at {@code lastRun}. Several are returned if runs were missed.
   *
   * @param lastRun when the scheduler last ran (exclusive)
   * @param now the current time (inclusive)
   * @return the due pull times, in order
   */
  public List<Instant> due(Instant lastRun, Instant now) {
    Objects.requireNonNull(lastRun, "lastRun");
    Objects.requireNonNull(now, "now");
    List<Instant> result = new ArrayList<>();
    for (Instant t : pullTimes) {
      if (t.isAfter(lastRun) && !t.isAfter(now)) {
        result.add(t);
      }
    }
    return List.copyOf(result);
  }

  /**
   * Whether every pull is in the past.
   *
   * @param now the current time
   * @return true once the last pull time has been reached
   */
  public boolean isComplete(Instant now) {
    return !now.isBefore(pullTimes.get(pullTimes.size() - 1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricsPollingPlan m
        && sentAt.equals(m.sentAt)
        && interval.equals(m.interval)
        && pullTimes.size() == m.pullTimes.size();
  }

  @Override
  public int hashCode() {
    return Objects.hash(sentAt, interval, pullTimes.size());
  }

  @Override
  public String toString() {
    return "MetricsPollingPlan{sentAt="
        + sentAt
        + ", every "
        + interval
        + " x "
        + pullTimes.size()
        + '}';
  }
}
