package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where an embedded {@link ClockScheduler} keeps its jobs, so that a restarted runtime
 * resumes every job where it was. Implementations must be thread-safe: {@link InMemoryJobStore},
 * {@link FileJobStore}, and sdk-jdbc's.
 */
public interface JobStore {

  /**
   * A job by key.
   *
   * @param key the job
   * @return the job, if it was ever scheduled
   */
  Optional<ScheduledJob> get(JobKey key);

  /**
   * Stores a job unless one with its key exists (in any state).
   *
   * @param job the job
   * @return true if stored; false if the key was taken
   */
  boolean putIfAbsent(ScheduledJob job);

  /**
   * Stores (replaces) a job; durable when it returns.
   *
   * @param job the job
   */
  void put(ScheduledJob job);

  /**
   * Scheduled jobs due at {@code now}, earliest first (ties by key).
   *
   * @param now the instant
   * @return the due jobs
   */
  List<ScheduledJob> due(Instant now);

  /**
   * Every job, by key.
   *
   * @return the jobs
   */
  List<ScheduledJob> all();
}
