package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the scheduler keeps it: when it runs next, whether it recurs daily, how often it ran and
 * how the last attempt ended. Immutable.
 */
public final class ScheduledJob {

  /** Where a job stands. */
  public enum State {
    /** Waiting for its next run. */
    SCHEDULED,
    /** A one-off job that ran to completion; it never runs again. */
    DONE,
    /** Cancelled; it never runs again. */
    CANCELLED
  }

  private final JobKey key;
  private final Instant nextRunAt;
  private final LocalTime dailyAt;
  private final ZoneId zone;
  private final State state;
  private final int runs;
  private final int failures;
  private final String lastError;

  private ScheduledJob(
      JobKey key,
      Instant nextRunAt,
      LocalTime dailyAt,
      ZoneId zone,
      State state,
      int runs,
      int failures,
      String lastError) {
    this.key = Objects.requireNonNull(key, "key");
    this.nextRunAt = Objects.requireNonNull(nextRunAt, "nextRunAt");
    this.dailyAt = dailyAt;
    this.zone = dailyAt == null ? null : Objects.requireNonNull(zone, "zone");
    this.state = Objects.requireNonNull(state, "state");
    this.runs = runs;
    this.failures = failures;
    this.lastError = lastError == null ? "" : lastError;
  }

  /**
   * A one-off job.
   *
   * @param key the job
   * @param at when it is due
   * @return the job, scheduled
   */
  public static ScheduledJob once(JobKey key, Instant at) {
    return new ScheduledJob(key, at, null, null, State.SCHEDULED, 0, 0, "");
  }

  /**
   * A daily job, due first at the next {@code at} in {@code zone} from {@code now} (today's if it
   * has not passed yet).
   *
   * @param key the job
   * @param at the local time of day
   * @param zone the zone of that time
   * @param now the current instant
   * @return the job, scheduled
   */
  public static ScheduledJob daily(JobKey key, LocalTime at, ZoneId zone, Instant now) {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(zone, "zone");
    return new ScheduledJob(
        key, nextDaily(at, zone, now, true), at, zone, State.SCHEDULED, 0, 0, "");
  }

  static Instant nextDaily(LocalTime at, ZoneId zone, Instant from, boolean inclusive) {
    ZonedDateTime local = from.atZone(zone);
    ZonedDateTime candidate = local.with(at);
    if (candidate.toInstant().isBefore(from)
        || (!inclusive && !candidate.toInstant().isAfter(from))) {
      candidate = local.plusDays(1).with(at);
    }
    return candidate.toInstant();
  }

  /**
   * Restores a job from its stored fields (for {@link JobStore} implementations).
   *
   * @param key the job
   * @param nextRunAt when it runs next
   * @param dailyAt the local time of a daily job, or null for a one-off
   * @param zone the zone of a daily job, or null
   * @param state its state
   * @param runs completed runs
   * @param failures failed attempts of the current occurrence
   * @param lastError the last failure's message, or empty
   * @return the job
   */
  public static ScheduledJob restore(
      JobKey key,
      Instant nextRunAt,
      LocalTime dailyAt,
      ZoneId zone,
      State state,
      int runs,
      int failures,
      String lastError) {
    return new ScheduledJob(key, nextRunAt, dailyAt, zone, state, runs, failures, lastError);
  }

  /**
   * The job after a successful run of the occurrence due at {@link #nextRunAt()}: a one-off is
   * done; a daily job is due at its next local time after {@code now}.
   *
   * @param now when the run ended
   * @return the next state
   */
  public ScheduledJob completed(Instant now) {
    if (dailyAt == null) {
      return new ScheduledJob(key, nextRunAt, null, null, State.DONE, runs + 1, 0, "");
    }
    Instant after = nextRunAt.isAfter(now) ? nextRunAt : now;
    return new ScheduledJob(
        key,
        nextDaily(dailyAt, zone, after, false),
        dailyAt,
        zone,
        State.SCHEDULED,
        runs + 1,
        0,
        "");
  }

  /**
   * The job after a failed attempt: the same occurrence, due again at {@code retryAt}.
   *
   * @param retryAt when to try again
   * @param error what went wrong (no secrets: exception messages of the SDK are redacted)
   * @return the next state
   */
  public ScheduledJob failed(Instant retryAt, String error) {
    return new ScheduledJob(
        key, retryAt, dailyAt, zone, State.SCHEDULED, runs, failures + 1, error);
  }

  /**
   * The job cancelled.
   *
   * @return the next state
   */
  public ScheduledJob cancelled() {
    return new ScheduledJob(
        key, nextRunAt, dailyAt, zone, State.CANCELLED, runs, failures, lastError);
  }

  /**
   * The job's key.
   *
   * @return the key
   */
  public JobKey key() {
    return key;
  }

  /**
   * When the job runs next (for a done or cancelled job: when it last was due).
   *
   * @return the instant
   */
  public Instant nextRunAt() {
    return nextRunAt;
  }

  /**
   * The local time of a daily job.
   *
   * @return the time, or empty for a one-off job
   */
  public Optional<LocalTime> dailyAt() {
    return Optional.ofNullable(dailyAt);
  }

  /**
   * The zone of a daily job.
   *
   * @return the zone, or empty for a one-off job
   */
  public Optional<ZoneId> zone() {
    return Optional.ofNullable(zone);
  }

  /**
   * Where the job stands.
   *
   * @return the state
   */
  public State state() {
    return state;
  }

  /**
   * How many occurrences ran to completion.
   *
   * @return the count
   */
  public int runs() {
    return runs;
  }

  /**
   * Failed attempts of the current occurrence.
   *
   * @return the count, 0 after a success
   */
  public int failures() {
    return failures;
  }

  /**
   * The last failure's message.
   *
   * @return the message, or empty
   */
  public String lastError() {
    return lastError;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduledJob j
        && key.equals(j.key)
        && nextRunAt.equals(j.nextRunAt)
        && Objects.equals(dailyAt, j.dailyAt)
        && Objects.equals(zone, j.zone)
        && state == j.state
        && runs == j.runs
        && failures == j.failures
        && lastError.equals(j.lastError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, nextRunAt, dailyAt, zone, state, runs, failures, lastError);
  }

  @Override
  public String toString() {
    return "ScheduledJob{"
        + key
        + ", "
        + state
        + ", next="
        + nextRunAt
        + (dailyAt == null ? "" : ", daily at " + dailyAt + " " + zone)
        + ", runs="
        + runs
        + (failures == 0 ? "" : ", failures=" + failures)
        + '}';
  }
}
