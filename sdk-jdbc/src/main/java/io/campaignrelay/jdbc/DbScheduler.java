package io.campaignrelay.jdbc;

import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.runtime.JobHandler;
import io.campaignrelay.core.runtime.JobKey;
import io.campaignrelay.core.runtime.JobRun;
import io.campaignrelay.core.runtime.ScheduledJob;
import io.campaignrelay.core.runtime.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's {@link Scheduler} across instances: jobs run by db-scheduler
 * (com.github.kagkarlsson:db-scheduler) on a {@link JdbcStore}'s database, so that with N instances
 * on one database each occurrence of a job runs on one of them.
 *
 * <p>How: every job is an instance of one db-scheduler task ({@value #TASK}) whose instance id is
 * the {@link JobKey}; db-scheduler's table ({@code <prefix>scheduled_tasks}, migration V3) holds
 * the next execution, and an instance picks an execution by an optimistic update, so one instance
 * runs it. What the port promises beyond db-scheduler is kept in the store's job table ({@code
 * <prefix>jobs}, the same rows as {@link JdbcJobStore}): the key stays there after a one-off job is
 * done or cancelled, so scheduling an existing key, in any state, is a no-op (an atomic insert
 * decides); a daily job's local time and zone, its run count and last error. A handler is found by
 * the key's {@link JobKey#type() type}; every instance must {@link #register} the same types.
 *
 * <p>At least once: an instance that dies mid-run leaves its execution picked; once its heartbeat
 * is older than {@link Builder#heartbeatInterval(Duration) heartbeatInterval} times {@link
 * Builder#missedHeartbeatsLimit(int) missedHeartbeatsLimit}, another instance revives it and runs
 * it again (the handlers resume, see {@link JobHandler}). A failed occurrence is retried after
 * {@link Builder#retryDelay(Duration) retryDelay}, doubling per failure up to {@link
 * Builder#maxRetryDelay(Duration) maxRetryDelay}. A daily job that missed several days runs once,
 * then resumes its daily time.
 *
 * <p>Time: db-scheduler reads the injected {@link Builder#clock(Clock) clock} (through its own
 * {@code Clock} abstraction) for due times, heartbeats and dead-execution detection. {@link
 * #start()} polls on db-scheduler's threads every {@link Builder#pollingInterval(Duration)
 * pollingInterval} of real time (that interval, and the heartbeats, really wait). Built with {@link
 * Builder#drivenByCaller(boolean) drivenByCaller(true)}, nothing polls: {@link #runDue()} runs what
 * is due on the injected clock on the calling thread and {@link #detectDeadExecutions()} revives
 * dead ones, so tests drive a week without waiting (this uses db-scheduler's {@code
 * ManualScheduler}).
 *
 * <p>Do not run a {@link io.campaignrelay.core.runtime.ClockScheduler} on {@link
 * JdbcStore#jobStore()} of the same store as a DbScheduler: they share the job table. Thread-safe.
 */
public final class DbScheduler implements Scheduler, AutoCloseable {
  /** The db-scheduler task name every job runs under. */
  public static final String TASK = "campaign-relay-job";

  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.jdbc.scheduler");

  private final JdbcStore store;
  private final JdbcJobStore jobs;
  private final Clock clock;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final String instanceName;
  private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
  private final CustomTask<Void> task;
  private final com.github.kagkarlsson.scheduler.Scheduler db;
  private final SettableClock manualClock;
  private final Object startLock = new Object();
  private boolean started;

  private DbScheduler(Builder b) {
    this.store = b.store;
    this.jobs = b.store.jobStore();
    this.clock = b.clock;
    this.retryDelay = b.retryDelay;
    this.maxRetryDelay = b.maxRetryDelay;
    this.instanceName = b.instanceName;
    this.task =
        Tasks.custom(TASK, Void.class)
            .onFailure(this::failed)
            .onDeadExecutionRevive()
            .execute(this::execute);
    List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks = List.of(task);
    SchedulerBuilder builder;
    if (b.drivenByCaller) {
      manualClock = new SettableClock();
      manualClock.set(clock.instant());
      builder = TestHelper.createManualScheduler(store.dataSource(), tasks).clock(manualClock);
    } else {
      manualClock = null;
      builder =
          com.github.kagkarlsson.scheduler.Scheduler.create(store.dataSource(), tasks)
              .clock(clock::instant)
              .pollingInterval(b.pollingInterval)
              .threads(b.threads);
    }
    try {
      this.db =
          builder
              .tableName(store.table("scheduled_tasks"))
              .schedulerName(() -> instanceName)
              .heartbeatInterval(b.heartbeatInterval)
              .missedHeartbeatsLimit(b.missedHeartbeatsLimit)
              .build();
    } catch (RuntimeException e) {
      throw store.translate("set up db-scheduler", e);
    }
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
    Rows.require(handler, "handler", "scheduler");
    JobKey.of(type); // validates the type
    handlers.put(type, handler);
  }

  @Override
  public boolean scheduleOnce(JobKey key, Instant at) {
    Rows.require(key, "key", "scheduler");
    Rows.require(at, "at", "scheduler");
    return schedule(ScheduledJob.once(key, at));
  }

  @Override
  public boolean scheduleDaily(JobKey key, LocalTime at, ZoneId zone) {
    Rows.require(key, "key", "scheduler");
    Rows.require(at, "at", "scheduler");
    Rows.require(zone, "zone", "scheduler");
    return schedule(ScheduledJob.daily(key, at, zone, clock.instant()));
  }

  private boolean schedule(ScheduledJob job) {
    boolean added = jobs.putIfAbsent(job);
    ScheduledJob stored = added ? job : jobs.get(job.key()).orElse(job);
    if (stored.state() == ScheduledJob.State.SCHEDULED) {
      // Also when the key existed: an instance that died between the two writes left a job with
      // no execution; scheduling it again (a no-op when the execution exists) mends that.
      sync();
      try {
        db.scheduleIfNotExists(instance(job.key()), stored.nextRunAt());
      } catch (RuntimeException e) {
        throw store.translate("schedule job " + job.key(), e);
      }
    }
    return added;
  }

  @Override
  public boolean cancel(JobKey key) {
    Rows.require(key, "key", "scheduler");
    Optional<ScheduledJob> j = jobs.get(key);
    if (j.isEmpty() || j.get().state() != ScheduledJob.State.SCHEDULED) {
      return false;
    }
    jobs.put(j.get().cancelled());
    try {
      db.cancel(instance(key));
    } catch (RuntimeException e) {
      // Running now, or already gone: the execution finds the job cancelled and removes itself.
      LOG.debug("job {} cancelled while its execution could not be removed: {}", key, e.toString());
    }
    return true;
  }

  @Override
  public Optional<ScheduledJob> job(JobKey key) {
    Rows.require(key, "key", "scheduler");
    return jobs.get(key);
  }

  /**
   * Every job of this database.
   *
   * @return the jobs, by key
   */
  public List<ScheduledJob> jobs() {
    return jobs.all();
  }

  /**
   * This instance's name, as db-scheduler records it on the executions it picks.
   *
   * @return the name
   */
  public String instanceName() {
    return instanceName;
  }

  /**
   * Starts polling for due jobs on db-scheduler's threads (not with {@link
   * Builder#drivenByCaller(boolean) drivenByCaller}, where {@link #runDue()} does the work).
   * Register the handlers first. Calling it again does nothing.
   */
  public void start() {
    synchronized (startLock) {
      if (started) {
        return;
      }
      started = true;
    }
    if (manualClock == null) {
      db.start();
    }
  }

  /**
   * Runs, on this thread, every job due on the injected clock (only with {@link
   * Builder#drivenByCaller(boolean) drivenByCaller(true)}).
   *
   * @throws ConfigurationException if this scheduler polls by itself
   */
  public void runDue() {
    manual().runAnyDueExecutions();
  }

  /**
   * Revives executions picked by an instance whose heartbeat is too old (it died), so that the next
   * {@link #runDue()} runs them (only with {@link Builder#drivenByCaller(boolean)
   * drivenByCaller(true)}; a polling scheduler does this by itself).
   *
   * @throws ConfigurationException if this scheduler polls by itself
   */
  public void detectDeadExecutions() {
    manual().runDeadExecutionDetection();
  }

  /**
   * Stops polling; executions running now may finish (db-scheduler waits for them a while). An
   * execution cut short is run again elsewhere once found dead.
   */
  @Override
  public void close() {
    db.stop();
  }

  @Override
  public String toString() {
    return "DbScheduler{" + instanceName + ", " + store.database() + '}';
  }

  private ManualScheduler manual() {
    if (manualClock == null) {
      throw new ConfigurationException(
          "scheduler",
          ConfigurationProblem.of(
              "drivenByCaller",
              false,
              "this scheduler polls by itself after start(); build it with drivenByCaller(true)"
                  + " to drive it with runDue()"));
    }
    sync();
    return (ManualScheduler) db;
  }

  private void sync() {
    if (manualClock != null) {
      manualClock.set(clock.instant());
    }
  }

  private static TaskInstance<Void> instance(JobKey key) {
    return new TaskInstance<>(TASK, key.value());
  }

  private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
    JobKey key = new JobKey(instance.getId());
    Optional<ScheduledJob> stored = jobs.get(key);
    if (stored.isPresent() && stored.get().state() != ScheduledJob.State.SCHEDULED) {
      return (complete, ops) -> ops.remove();
    }
    JobHandler handler = handlers.get(key.type());
    if (handler == null) {
      throw new ConfigurationException(
          "scheduler " + instanceName,
          ConfigurationProblem.of(
              "jobType",
              key.type(),
              "has no handler on this instance: register it on every instance before its jobs"
                  + " fall due"));
    }
    Execution execution = context.getExecution();
    handler.run(
        new JobRun(
            key, execution.executionTime, execution.consecutiveFailures + 1, clock.instant()));
    ScheduledJob job = stored.orElse(ScheduledJob.once(key, execution.executionTime));
    ScheduledJob next = job.completed(clock.instant());
    jobs.put(next);
    if (next.state() == ScheduledJob.State.SCHEDULED) {
      Instant at = next.nextRunAt();
      return (complete, ops) -> ops.reschedule(complete, at);
    }
    return (complete, ops) -> ops.remove();
  }

  private void failed(ExecutionComplete complete, ExecutionOperations<Void> ops) {
    Execution execution = complete.getExecution();
    JobKey key = new JobKey(execution.taskInstance.getId());
    int failures = execution.consecutiveFailures + 1;
    Duration delay = retryDelay;
    for (int i = 1; i < failures && delay.compareTo(maxRetryDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    if (delay.compareTo(maxRetryDelay) > 0) {
      delay = maxRetryDelay;
    }
    Instant retryAt = clock.instant().plus(delay);
    String error =
        complete
            .getCause()
            .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
            .orElse("failed");
    LOG.warn("job {} failed (attempt {}), retried at {}: {}", key, failures, retryAt, error);
    try {
      jobs.get(key).ifPresent(j -> jobs.put(j.failed(retryAt, error)));
    } catch (RuntimeException e) {
      LOG.warn("job {}: its failure could not be recorded: {}", key, e.toString());
    }
    ops.reschedule(complete, retryAt);
  }

  /** Settings of a {@link DbScheduler}. Not thread-safe. */
  public static final class Builder {
    private JdbcStore store;
    private Clock clock = Clock.systemUTC();
    private String instanceName = "instance-" + UUID.randomUUID();
    private Duration pollingInterval = Duration.ofSeconds(10);
    private int threads = 4;
    private Duration heartbeatInterval = Duration.ofMinutes(1);
    private int missedHeartbeatsLimit = 4;
    private Duration retryDelay = Duration.ofMinutes(1);
    private Duration maxRetryDelay = Duration.ofHours(1);
    private boolean drivenByCaller;

    private Builder() {}

    /**
     * The store whose database holds the jobs (required; every instance sharing jobs gives a store
     * on the same database, schema and prefix).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(JdbcStore store) {
      this.store = store;
      return this;
    }

    /**
     * The clock jobs fall due on (default: the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * This instance's name in db-scheduler's table (default: a random one).
     *
     * @param instanceName at most 100 characters
     * @return this builder
     */
    public Builder instanceName(String instanceName) {
      this.instanceName = instanceName;
      return this;
    }

    /**
     * How often a started scheduler looks for due jobs (default 10 seconds; real time).
     *
     * @param pollingInterval more than zero
     * @return this builder
     */
    public Builder pollingInterval(Duration pollingInterval) {
      this.pollingInterval = pollingInterval;
      return this;
    }

    /**
     * How many jobs a started scheduler runs at once (default 4).
     *
     * @param threads 1 or more
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * How often a running job's instance records it is alive (default 1 minute).
     *
     * @param heartbeatInterval more than zero
     * @return this builder
     */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /**
     * After how many missed heartbeats a running job counts as dead and runs again elsewhere
     * (default 4).
     *
     * @param missedHeartbeatsLimit 1 or more
     * @return this builder
     */
    public Builder missedHeartbeatsLimit(int missedHeartbeatsLimit) {
      this.missedHeartbeatsLimit = missedHeartbeatsLimit;
      return this;
    }

    /**
     * The delay before a failed occurrence is tried again (default 1 minute), doubled per failure.
     *
     * @param retryDelay more than zero
     * @return this builder
     */
    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = retryDelay;
      return this;
    }

    /**
     * The longest retry delay (default 1 hour).
     *
     * @param maxRetryDelay at least the retry delay
     * @return this builder
     */
    public Builder maxRetryDelay(Duration maxRetryDelay) {
      this.maxRetryDelay = maxRetryDelay;
      return this;
    }

    /**
     * With {@code true}, nothing polls: the caller runs due jobs with {@link DbScheduler#runDue()}
     * (tests, or a host with its own timer). Default false.
     *
     * @param drivenByCaller whether the caller drives the scheduler
     * @return this builder
     */
    public Builder drivenByCaller(boolean drivenByCaller) {
      this.drivenByCaller = drivenByCaller;
      return this;
    }

    /**
     * Validates the settings and builds the scheduler (it polls only after {@link
     * DbScheduler#start()}).
     *
     * @return the scheduler
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public DbScheduler build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (store == null) {
        problems.add(
            ConfigurationProblem.of("store", null, "give the JdbcStore whose database holds jobs"));
      }
      if (clock == null) {
        problems.add(ConfigurationProblem.of("clock", null, "must not be null"));
      }
      if (instanceName == null || instanceName.isBlank() || instanceName.length() > 100) {
        problems.add(
            ConfigurationProblem.of("instanceName", instanceName, "give 1 to 100 characters"));
      }
      positive(problems, "pollingInterval", pollingInterval);
      positive(problems, "heartbeatInterval", heartbeatInterval);
      positive(problems, "retryDelay", retryDelay);
      positive(problems, "maxRetryDelay", maxRetryDelay);
      if (retryDelay != null && maxRetryDelay != null && maxRetryDelay.compareTo(retryDelay) < 0) {
        problems.add(
            ConfigurationProblem.of("maxRetryDelay", maxRetryDelay, "give at least retryDelay"));
      }
      if (threads < 1) {
        problems.add(ConfigurationProblem.of("threads", threads, "give 1 or more"));
      }
      if (missedHeartbeatsLimit < 1) {
        problems.add(
            ConfigurationProblem.of("missedHeartbeatsLimit", missedHeartbeatsLimit, "give 1+"));
      }
      ConfigurationException.throwIfAny("db scheduler", problems);
      return new DbScheduler(this);
    }

    private static void positive(List<ConfigurationProblem> problems, String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        problems.add(ConfigurationProblem.of(name, d, "give more than zero"));
      }
    }
  }
}
