package io.campaignrelay.spring;

import io.campaignrelay.core.runtime.JobListener;
import io.campaignrelay.core.runtime.JobRun;
import java.time.Instant;
import java.util.List;

/** Several {@link JobListener}s as one; a listener that throws does not stop the others. */
final class JobListeners implements JobListener {
  private final List<JobListener> listeners;

  private JobListeners(List<JobListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  static JobListener of(List<JobListener> listeners) {
    return listeners.isEmpty()
        ? JobListener.NONE
        : listeners.size() == 1 ? listeners.get(0) : new JobListeners(listeners);
  }

  @Override
  public void onSucceeded(JobRun run, Instant finishedAt) {
    for (JobListener l : listeners) {
      try {
        l.onSucceeded(run, finishedAt);
      } catch (RuntimeException e) {
        // a metrics listener must never fail a job
      }
    }
  }

  @Override
  public void onFailed(JobRun run, RuntimeException failure, Instant retryAt) {
    for (JobListener l : listeners) {
      try {
        l.onFailed(run, failure, retryAt);
      } catch (RuntimeException e) {
        // a metrics listener must never fail a job
      }
    }
  }
}
