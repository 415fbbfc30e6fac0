package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One occurrence of a job, as its handler sees it.
 *
 * @param key the job
 * @param scheduledFor when this occurrence was due
 * @param attempt 1 for the first try of this occurrence, then 2, 3, ...
 * @param startedAt when it started, on the scheduler's clock
 */
public record JobRun(JobKey key, Instant scheduledFor, int attempt, Instant startedAt) {

  /**
   * Validates the run.
   *
   * @throws NullPointerException if a value is missing
   */
  public JobRun {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
