package io.campaignrelay.spring;

import io.campaignrelay.core.runtime.JobHandler;
import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.JobListener;
import io.campaignrelay.core.runtime.JobRun;
import io.campaignrelay.core.runtime.ScheduledJob;
import io.campaignrelay.core.runtime.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A {@link Scheduler} that tells a {@link JobListener} how each job ended, for a scheduler that has
 * no listener of its own (sdk-jdbc's {@code DbScheduler}): every registered handler is wrapped, a
 * handler that returns is a success, one that throws a failure (rethrown, so the scheduler retries
 * it as before). The retry time is the scheduler's to decide and is not known here: the listener is
 * given the failure time instead. Everything else is passed through.
 */
final class ListeningScheduler implements Scheduler {
  private final Scheduler delegate;
  private final JobListener listener;
  private final Clock clock;

  ListeningScheduler(Scheduler delegate, JobListener listener, Clock clock) {
    this.delegate = delegate;
    this.listener = listener;
    this.clock = clock;
  }

  Scheduler delegate() {
    return delegate;
  }

  @Override
  public void register(String type, JobHandler handler) {
    delegate.register(
        type,
        handler == null
            ? null
            : run -> {
              try {
                handler.run(run);
              } catch (RuntimeException e) {
                notifyFailed(run, e);
                throw e;
              }
              notifySucceeded(run);
            });
  }

  private void notifySucceeded(JobRun run) {
    try {
      listener.onSucceeded(run, clock.instant());
    } catch (RuntimeException e) {
      // a listener never decides a job's outcome
    }
  }

  private void notifyFailed(JobRun run, RuntimeException failure) {
    try {
      Instant now = clock.instant();
      listener.onFailed(run, failure, now);
    } catch (RuntimeException e) {
      // a listener never decides a job's outcome
    }
  }

  @Override
  public boolean scheduleOnce(JobKey key, Instant at) {
    return delegate.scheduleOnce(key, at);
  }

  @Override
  public boolean scheduleDaily(JobKey key, LocalTime at, ZoneId zone) {
    return delegate.scheduleDaily(key, at, zone);
  }

  @Override
  public boolean cancel(JobKey key) {
    return delegate.cancel(key);
  }

  @Override
  public Optional<ScheduledJob> job(JobKey key) {
    return delegate.job(key);
  }

  @Override
  public String toString() {
    return "ListeningScheduler[" + delegate + "]";
  }
}
