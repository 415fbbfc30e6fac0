package io.campaignrelay.core.runtime;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link Scheduler}: jobs in a {@link JobStore}, run on the caller's thread by {@link
 * #runDue()} whenever the injected clock says they are due. Tests drive a whole week in
 * milliseconds by advancing a simulated clock and calling {@code runDue()}; a service calls {@link
 * #start(ScheduledExecutorService, Duration)} to poll. A failed occurrence is retried after {@link
 * Builder#retryDelay(Duration) retryDelay}, doubling per failure up to {@link
 * Builder#maxRetryDelay(Duration) maxRetryDelay}; a daily job that missed several days (the runtime
 * was down) runs once, then resumes its daily time. A job is recorded as done only after its
 * handler returned, so a crash mid-run runs it again on restart (at least once).
 *
 * <p>One process at a time: for several instances sharing jobs, use sdk-jdbc's scheduler.
 * Thread-safe; {@code runDue} calls are serialised.
 */
public final class ClockScheduler implements Scheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.runtime.scheduler");

  private final Clock clock;
  private final JobStore store;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final int maxRunsPerCall;
  private final JobListener listener;
  private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
  private final Object runLock = new Object();
  private volatile ScheduledFuture<?> polling;

  private ClockScheduler(Builder b) {
    this.clock = b.clock;
    this.store = b.store;
    this.retryDelay = b.retryDelay;
    this.maxRetryDelay = b.maxRetryDelay;
    this.maxRunsPerCall = b.maxRunsPerCall;
    this.listener = b.listener;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void register(String type, JobHandler handler) {
    Objects.requireNonNull(handler, "handler");
    JobKey.of(type); // validates the type
    handlers.put(type, handler);
  }

  @Override
  public boolean scheduleOnce(JobKey key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    return store.putIfAbsent(ScheduledJob.once(key, at));
  }

  @Override
  public boolean scheduleDaily(JobKey key, LocalTime at, ZoneId zone) {
    Objects.requireNonNull(key, "key");
    return store.putIfAbsent(ScheduledJob.daily(key, at, zone, clock.instant()));
  }

  @Override
  public boolean cancel(JobKey key) {
    synchronized (runLock) {
      Optional<ScheduledJob> j = store.get(key);
      if (j.isEmpty() || j.get().state() != ScheduledJob.State.SCHEDULED) {
        return false;
      }
      store.put(j.get().cancelled());
      return true;
    }
  }

  @Override
  public Optional<ScheduledJob> job(JobKey key) {
    return store.get(key);
  }

  /**
   * Every job the store holds.
   *
   * @return the jobs, by key
   */
  public List<ScheduledJob> jobs() {
    return store.all();
  }

  /**
   * Runs every job due on the clock now, earliest first, including jobs that the handlers schedule
   * for now while this runs; stops after {@link Builder#maxRunsPerCall(int)} runs.
   *
   * @return how many occurrences ran (succeeded or failed)
   */
  public int runDue() {
    synchronized (runLock) {
      int ran = 0;
      while (ran < maxRunsPerCall) {
        Instant now = clock.instant();
        List<ScheduledJob> due = store.due(now);
        if (due.isEmpty()) {
          break;
        }
        for (ScheduledJob job : due) {
          if (ran >= maxRunsPerCall) {
            break;
          }
          // A handler that ran before this one may have changed it (cancelled, say).
          Optional<ScheduledJob> current = store.get(job.key());
          if (current.isEmpty() || !current.get().equals(job)) {
            continue;
          }
          runOne(job);
          ran++;
        }
      }
      return ran;
    }
  }

  private void runOne(ScheduledJob job) {
    JobRun run = new JobRun(job.key(), job.nextRunAt(), job.failures() + 1, clock.instant());
    JobHandler handler = handlers.get(job.key().type());
    try {
      if (handler == null) {
        throw new ConfigurationException(
            "scheduler",
            ConfigurationProblem.of(
                "jobType",
                job.key().type(),
                "no handler is registered for it: register(\""
                    + job.key().type()
                    + "\", handler) before jobs of this type fall due"));
      }
      handler.run(run);
    } catch (RuntimeException e) {
      Instant retryAt = clock.instant().plus(backoff(job.failures()));
      store.put(job.failed(retryAt, e.getClass().getSimpleName() + ": " + e.getMessage()));
      LOG.warn(
          "job {} failed (attempt {}), retrying at {}: {}",
          job.key(),
          run.attempt(),
          retryAt,
          e.toString());
      listener.onFailed(run, e, retryAt);
      return;
    }
    Instant finished = clock.instant();
    store.put(job.completed(finished));
    LOG.debug("job {} done", job.key());
    listener.onSucceeded(run, finished);
  }

  private Duration backoff(int failuresSoFar) {
    Duration d = retryDelay;
    for (int i = 0; i < failuresSoFar && d.compareTo(maxRetryDelay) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : d;
  }

  /**
   * Polls for due jobs on an executor (real time) until {@link #close()}.
   *
   * @param executor runs the polls (one at a time)
   * @param every how often to poll
   */
  public synchronized void start(ScheduledExecutorService executor, Duration every) {
    Objects.requireNonNull(executor, "executor");
    if (polling != null) {
      return;
    }
    long ms = Math.max(1, every.toMillis());
    polling =
        executor.scheduleWithFixedDelay(
            () -> {
              try {
                runDue();
              } catch (RuntimeException e) {
                LOG.warn("scheduler poll failed: {}", e.toString());
              }
            },
            0,
            ms,
            TimeUnit.MILLISECONDS);
  }

  /** Stops polling (a job running now finishes). */
  @Override
  public synchronized void close() {
    if (polling != null) {
      polling.cancel(false);
      polling = null;
    }
  }

  @Override
  public String toString() {
    return "ClockScheduler{" + store + ", handlers=" + new ArrayList<>(handlers.keySet()) + '}';
  }

  /** Builds a {@link ClockScheduler}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private JobStore store = InMemoryJobStore.create();
    private Duration retryDelay = Duration.ofMinutes(1);
    private Duration maxRetryDelay = Duration.ofHours(1);
    private int maxRunsPerCall = 10_000;
    private JobListener listener = JobListener.NONE;

    private Builder() {}

    /**
     * Sets the clock that decides when jobs are due (default: the system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets where jobs are kept (default: in memory; {@link FileJobStore} survives a restart).
     *
     * @param store the store
     * @return this builder
     */
    public Builder jobStore(JobStore store) {
      this.store = store;
      return this;
    }

    /**
     * Sets the wait before a failed occurrence runs again; it doubles per failure.
     *
     * @param retryDelay more than zero (default 1 minute)
     * @return this builder
     */
    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = retryDelay;
      return this;
    }

    /**
     * Sets the longest wait between attempts.
     *
     * @param maxRetryDelay at least {@code retryDelay} (default 1 hour)
     * @return this builder
     */
    public Builder maxRetryDelay(Duration maxRetryDelay) {
      this.maxRetryDelay = maxRetryDelay;
      return this;
    }

    /**
     * Sets the most occurrences one {@link ClockScheduler#runDue()} call runs.
     *
     * @param maxRunsPerCall 1 or more (default 10,000)
     * @return this builder
     */
    public Builder maxRunsPerCall(int maxRunsPerCall) {
      this.maxRunsPerCall = maxRunsPerCall;
      return this;
    }

    /**
     * Sets the listener of job outcomes.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(JobListener listener) {
      this.listener = listener;
      return this;
    }

    /**
     * Builds the scheduler.
     *
     * @return the scheduler
     * @throws ConfigurationException listing every invalid setting
     */
    public ClockScheduler build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (clock == null) {
        problems.add(ConfigurationProblem.of("clock", null, "must not be null"));
      }
      if (store == null) {
        problems.add(ConfigurationProblem.of("jobStore", null, "must not be null"));
      }
      if (listener == null) {
        problems.add(ConfigurationProblem.of("listener", null, "use JobListener.NONE"));
      }
      if (retryDelay == null || retryDelay.isNegative() || retryDelay.isZero()) {
        problems.add(ConfigurationProblem.of("retryDelay", retryDelay, "give more than zero"));
      } else if (maxRetryDelay == null || maxRetryDelay.compareTo(retryDelay) < 0) {
        problems.add(
            ConfigurationProblem.of(
                "maxRetryDelay", maxRetryDelay, "give at least retryDelay (" + retryDelay + ")"));
      }
      if (maxRunsPerCall < 1) {
        problems.add(ConfigurationProblem.of("maxRunsPerCall", maxRunsPerCall, "use 1 or more"));
      }
      ConfigurationException.throwIfAny("scheduler", problems);
      return new ClockScheduler(this);
    }
  }
}
