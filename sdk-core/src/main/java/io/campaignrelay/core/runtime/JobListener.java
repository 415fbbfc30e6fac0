package io.campaignrelay.core.runtime;

import java.time.Instant;

/** Callbacks of a scheduler, for logs and metrics. Called on the thread that ran the job. */
public interface JobListener {

  /** A listener that does nothing. */
  JobListener NONE = new JobListener() {};

  /**
   * A job's occurrence ran to completion.
   *
   * @param run the occurrence
   * @param finishedAt when it ended
   */
  default void onSucceeded(JobRun run, Instant finishedAt) {}

  /**
   * A job's occurrence failed; it is tried again at {@code retryAt}.
   *
   * @param run the occurrence
   * @param failure what went wrong
   * @param retryAt when it runs again
   */
  default void onFailed(JobRun run, RuntimeException failure, Instant retryAt) {}
}
