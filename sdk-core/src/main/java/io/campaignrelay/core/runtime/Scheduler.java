package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Port: runs the runtime's jobs. One-off jobs at an instant, recurring jobs daily at a local time
 * in a zone; both idempotent by {@link JobKey} (scheduling a key that exists, in any state, is a
 * no-op). Execution is at least once, which the handlers' idempotency makes effectively once.
 * Embedded: {@link ClockScheduler} on an injected clock; across instances: sdk-jdbc's adapter over
 * db-scheduler.
 */
public interface Scheduler {

  /**
   * Sets what runs for a job type (the part of a key before the first {@code ':'}). Every instance
   * must register the same handlers before jobs of that type fall due.
   *
   * @param type the job type
   * @param handler what runs
   */
  void register(String type, JobHandler handler);

  /**
   * Schedules a one-off job, unless its key exists.
   *
   * @param key the job
   * @param at when it is due (a past instant: as soon as possible)
   * @return true if scheduled now; false if the key existed
   */
  boolean scheduleOnce(JobKey key, Instant at);

  /**
   * Schedules a daily job, unless its key exists.
   *
   * @param key the job
   * @param at the local time of day
   * @param zone the zone of that time
   * @return true if scheduled now; false if the key existed
   */
  boolean scheduleDaily(JobKey key, LocalTime at, ZoneId zone);

  /**
   * Cancels a job: it never runs again.
   *
   * @param key the job
   * @return true if a scheduled job was cancelled
   */
  boolean cancel(JobKey key);

  /**
   * A job's state.
   *
   * @param key the job
   * @return the job, if it was ever scheduled
   */
  Optional<ScheduledJob> job(JobKey key);
}
