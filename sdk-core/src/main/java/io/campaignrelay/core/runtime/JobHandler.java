package io.campaignrelay.core.runtime;

/**
 * What runs for a job type. A handler must be re-runnable: the scheduler runs a job at least once
 * (a crash after the work and before the scheduler records it runs it again), so a handler resumes
 * rather than repeats (an execute job resumes from the journal; a metrics pull for a day already
 * reported finds it in the ledger and does nothing).
 */
@FunctionalInterface
public interface JobHandler {

  /**
   * Runs the job.
   *
   * @param run the job and its occurrence
   * @throws RuntimeException to have the occurrence retried later (see {@link
   *     ClockScheduler.Builder#retryDelay(java.time.Duration)})
   */
  void run(JobRun run);
}
