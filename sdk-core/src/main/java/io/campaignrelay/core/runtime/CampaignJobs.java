package io.campaignrelay.core.runtime;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionProgress;
import io.campaignrelay.core.execution.ExecutionReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs every campaign goes through, whatever the vendor: {@code execute:<campaign>:<channel>}
 * at the campaign's send time, then {@code metrics:<campaign>:<channel>:day<d>} at the send plus
 * {@code d} days for {@code d} = 1 to {@link Builder#metricDays(int) metricDays} (7 by default: the
 * guides' "daily for a week"). Both are re-runnable: the execute job takes the instance's claim on
 * the campaign, resumes the execution from the journal through the {@link CampaignRunner}, records
 * the send in the {@link CampaignLedger}, then schedules the metric pulls; a pull for a day the
 * ledger has as done does nothing. A restart on the same state resumes where it was; nothing runs
 * or sends twice.
 */
public final class CampaignJobs {
  /** The job type of a campaign's execution. */
  public static final String EXECUTE = "execute";

  /** The job type of a day's metrics pull. */
  public static final String METRICS = "metrics";

  /** The ledger attribute holding a fingerprint of the settings a campaign runs with. */
  public static final String SETTINGS_ATTRIBUTE = "settings";

  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.runtime.campaigns");

  private final Scheduler scheduler;
  private final CampaignLedger ledger;
  private final CampaignClaims claims;
  private final String owner;
  private final Duration lease;
  private final Clock clock;
  private final CampaignRunner runner;
  private final MetricsPull metricsPull;
  private final int metricDays;

  private CampaignJobs(Builder b) {
    this.scheduler = b.scheduler;
    this.ledger = b.ledger;
    this.claims = b.claims;
    this.owner = b.owner;
    this.lease = b.lease;
    this.clock = b.clock;
    this.runner = b.runner;
    this.metricsPull = b.metricsPull;
    this.metricDays = b.metricDays;
    scheduler.register(EXECUTE, this::execute);
    scheduler.register(METRICS, this::metrics);
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The execute job's key of a campaign.
   *
   * @param campaignId the campaign
   * @param channel the channel
   * @return {@code execute:<campaign>:<channel>}
   */
  public static JobKey executeKey(CampaignId campaignId, String channel) {
    return JobKey.of(EXECUTE, campaignId.value(), channel);
  }

  /**
   * A metrics pull's key.
   *
   * @param campaignId the campaign
   * @param channel the channel
   * @param day 1 or more
   * @return {@code metrics:<campaign>:<channel>:day<d>}
   */
  public static JobKey metricsKey(CampaignId campaignId, String channel, int day) {
    return JobKey.of(METRICS, campaignId.value(), channel, "day" + day);
  }

  /**
   * Records a campaign in the ledger and schedules its execution at its send time. Idempotent: a
   * campaign already recorded with the same settings is left as it is.
   *
   * @param record the campaign; its {@link #SETTINGS_ATTRIBUTE} attribute, when set, must match the
   *     recorded one
   * @return true if it was new
   * @throws ConfigurationException if the campaign is recorded with other settings (a second
   *     runtime with a different configuration on the same campaign), before anything is sent
   */
  public boolean schedule(CampaignRecord record) {
    Objects.requireNonNull(record, "record");
    boolean added = ledger.putIfAbsent(record);
    if (!added) {
      CampaignRecord existing = ledger.find(record.key()).orElseThrow();
      Optional<String> mine = record.attribute(SETTINGS_ATTRIBUTE);
      Optional<String> theirs = existing.attribute(SETTINGS_ATTRIBUTE);
      if (mine.isPresent() && theirs.isPresent() && !mine.equals(theirs)) {
        throw new ConfigurationException(
            "campaign " + record.key(),
            ConfigurationProblem.of(
                SETTINGS_ATTRIBUTE,
                mine.get(),
                "the campaign is already recorded with settings "
                    + theirs.get()
                    + ": another runtime with a different configuration shares this state; give"
                    + " every instance the same settings, or a state store of its own"));
      }
    }
    scheduler.scheduleOnce(executeKey(record.campaignId(), record.channel()), record.sendAt());
    return added;
  }

  private void execute(JobRun run) {
    String[] parts = run.key().value().split(":", 3);
    String key = parts[1] + ":" + parts[2];
    CampaignRecord record =
        ledger
            .find(key)
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "campaign jobs",
                        ConfigurationProblem.of(
                            "campaign",
                            key,
                            "is not in the campaign ledger: schedule campaigns through"
                                + " CampaignJobs.schedule, not the scheduler directly")));
    if (record.sentAt().isPresent()) {
      scheduleMetrics(record); // a crash between recording the send and scheduling the pulls
      return;
    }
    Instant now = clock.instant();
    CampaignClaims.Claim claim =
        claims
            .tryClaim(run.key().value(), owner, now, lease)
            .orElseThrow(
                () ->
                    new ClaimLostException(
                        "campaign " + key + " is being executed by another instance"));
    AtomicReference<CampaignClaims.Claim> held = new AtomicReference<>(claim);
    ExecutionListener renewing =
        new ExecutionListener() {
          @Override
          public void onProgress(ExecutionProgress progress) {
            Optional<CampaignClaims.Claim> renewed =
                claims.renew(held.get(), clock.instant(), lease);
            if (renewed.isEmpty()) {
              throw new ClaimLostException(
                  "this instance's claim on campaign "
                      + key
                      + " lapsed and another instance took it over: stopping here");
            }
            held.set(renewed.get());
          }
        };
    try {
      ExecutionReport report = runner.run(record, renewing);
      // The runner may have written vendor references (batch ids, groups) to the record meanwhile.
      CampaignRecord latest = ledger.find(key).orElse(record);
      CampaignRecord sent =
          latest.toBuilder()
              .sentAt(clock.instant())
              .attribute("dispatched", Long.toString(report.dispatched()))
              .attribute("dropped", Long.toString(report.dropped()))
              .attribute("uncertain", Long.toString(report.uncertain()))
              .build();
      ledger.put(sent);
      LOG.info(
          "campaign {} executed: {} dispatched, {} dropped, {} uncertain",
          key,
          report.dispatched(),
          report.dropped(),
          report.uncertain());
      scheduleMetrics(sent);
    } finally {
      claims.release(held.get());
    }
  }

  private void scheduleMetrics(CampaignRecord record) {
    if (metricsPull == null) {
      return;
    }
    Instant sentAt = record.sentAt().orElseThrow();
    for (int d = 1; d <= metricDays; d++) {
      scheduler.scheduleOnce(
          metricsKey(record.campaignId(), record.channel(), d), sentAt.plus(Duration.ofDays(d)));
    }
  }

  private void metrics(JobRun run) {
    String[] parts = run.key().value().split(":");
    String key = parts[1] + ":" + parts[2];
    int day = Integer.parseInt(parts[3].substring("day".length()));
    Optional<CampaignRecord> record = ledger.find(key);
    if (record.isEmpty() || record.get().metricDaysDone().contains(day)) {
      return;
    }
    metricsPull.pull(record.get(), day);
    CampaignRecord now = ledger.find(key).orElse(record.get());
    ledger.put(now.toBuilder().metricDayDone(day).build());
  }

  /** Builds {@link CampaignJobs}. Not thread-safe. */
  public static final class Builder {
    private Scheduler scheduler;
    private CampaignLedger ledger;
    private CampaignClaims claims = InMemoryCampaignClaims.create();
    private String owner = "instance-" + UUID.randomUUID();
    private Duration lease = Duration.ofMinutes(10);
    private Clock clock = Clock.systemUTC();
    private CampaignRunner runner;
    private MetricsPull metricsPull;
    private int metricDays = 7;

    private Builder() {}

    /**
     * Sets the scheduler the jobs run on (required); the builder registers their handlers.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Sets the campaign ledger (required).
     *
     * @param ledger the ledger
     * @return this builder
     */
    public Builder ledger(CampaignLedger ledger) {
      this.ledger = ledger;
      return this;
    }

    /**
     * Sets the claims store (default: in memory, one process).
     *
     * @param claims the claims
     * @return this builder
     */
    public Builder claims(CampaignClaims claims) {
      this.claims = claims;
      return this;
    }

    /**
     * Sets this instance's name in claims (default: a random one).
     *
     * @param owner the name
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    /**
     * Sets how long a claim lasts between renewals (each batch renews it).
     *
     * @param lease more than zero (default 10 minutes)
     * @return this builder
     */
    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    /**
     * Sets the clock (default: the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets what executes a campaign (required).
     *
     * @param runner the runner
     * @return this builder
     */
    public Builder runner(CampaignRunner runner) {
      this.runner = runner;
      return this;
    }

    /**
     * Sets what pulls a day's metrics (default: none, no pulls are scheduled).
     *
     * @param metricsPull the pull
     * @return this builder
     */
    public Builder metricsPull(MetricsPull metricsPull) {
      this.metricsPull = metricsPull;
      return this;
    }

    /**
     * Sets how many days after the send metrics are pulled, one pull a day.
     *
     * @param metricDays 0 to 60 (default 7)
     * @return this builder
     */
    public Builder metricDays(int metricDays) {
      this.metricDays = metricDays;
      return this;
    }

    /**
     * Builds the jobs and registers their handlers on the scheduler.
     *
     * @return the jobs
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public CampaignJobs build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (scheduler == null) {
        problems.add(ConfigurationProblem.of("scheduler", null, "set the scheduler jobs run on"));
      }
      if (ledger == null) {
        problems.add(ConfigurationProblem.of("ledger", null, "set the campaign ledger"));
      }
      if (runner == null) {
        problems.add(ConfigurationProblem.of("runner", null, "set what executes a campaign"));
      }
      if (claims == null) {
        problems.add(ConfigurationProblem.of("claims", null, "must not be null"));
      }
      if (clock == null) {
        problems.add(ConfigurationProblem.of("clock", null, "must not be null"));
      }
      if (owner == null || owner.isBlank()) {
        problems.add(ConfigurationProblem.of("owner", owner, "give this instance a name"));
      }
      if (lease == null || lease.isNegative() || lease.isZero()) {
        problems.add(ConfigurationProblem.of("lease", lease, "give more than zero"));
      }
      if (metricDays < 0 || metricDays > 60) {
        problems.add(ConfigurationProblem.of("metricDays", metricDays, "use 0 to 60"));
      }
      ConfigurationException.throwIfAny("campaign jobs", problems);
      return new CampaignJobs(this);
    }
  }
}
