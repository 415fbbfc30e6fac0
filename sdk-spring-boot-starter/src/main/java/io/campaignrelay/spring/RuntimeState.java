package io.campaignrelay.spring;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.outbox.MetricsOutbox;
import io.campaignrelay.core.runtime.CampaignClaims;
import io.campaignrelay.core.runtime.CampaignLedger;
import io.campaignrelay.core.runtime.JobListener;
import io.campaignrelay.core.runtime.ListenerTokens;
import io.campaignrelay.core.runtime.ProcessedIds;
import io.campaignrelay.core.runtime.Scheduler;
import io.campaignrelay.core.runtime.SendCaps;
import io.campaignrelay.jdbc.DbScheduler;
import io.campaignrelay.jdbc.JdbcListenerTokens;
import io.campaignrelay.jdbc.JdbcSendCaps;
import io.campaignrelay.jdbc.JdbcStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One runtime's state in the database through sdk-jdbc: a {@link JdbcStore} on the application's
 * store with the runtime's own table prefix (so that two runtimes never share a job table: both
 * register the engine's {@code execute} and {@code metrics} job types), its execution journal,
 * campaign ledger, processed ids, campaign claims, metrics outbox, send caps ({@link JdbcSendCaps},
 * so that every instance on the database counts against the same caps) and listener token ({@link
 * JdbcListenerTokens}, so that a rotation holds for every instance), and a {@link DbScheduler} on
 * it. The scheduler starts polling when the application context has started (after the runtime
 * registered its job handlers) and stops with it; the store is closed when the bean is destroyed.
 */
final class RuntimeState implements SmartLifecycle, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RuntimeState.class);

  private final String vendor;
  private final JdbcStore store;
  private final DbScheduler dbScheduler;
  private final Scheduler scheduler;
  private final ExecutionJournal journal;
  private final CampaignLedger ledger;
  private final ProcessedIds processedIds;
  private final CampaignClaims claims;
  private final MetricsOutbox outbox;
  private final SendCaps sendCaps;
  private final SendCaps scheduledSendCaps;
  private final ListenerTokens listenerTokens;
  private final boolean ownsStore;
  private volatile boolean running;

  private RuntimeState(
      String vendor,
      JdbcStore store,
      boolean ownsStore,
      Duration pollInterval,
      boolean drivenByCaller,
      String instance,
      JobListener jobs,
      CampaignRelayProperties.SendCaps caps) {
    this.vendor = vendor;
    this.store = store;
    this.ownsStore = ownsStore;
    this.dbScheduler =
        DbScheduler.builder()
            .store(store)
            .instanceName(instance)
            .pollingInterval(pollInterval)
            .drivenByCaller(drivenByCaller)
            .build();
    this.scheduler = new ListeningScheduler(dbScheduler, jobs, Clock.systemUTC());
    this.journal = store.executionJournal();
    this.ledger = store.campaignLedger();
    this.processedIds = store.processedIds();
    this.claims = store.campaignClaims();
    this.outbox = store.metricsOutbox();
    this.sendCaps = sendCaps(store, caps);
    this.scheduledSendCaps = scheduledSendCaps(store, caps);
    this.listenerTokens = JdbcListenerTokens.of(store, vendor);
  }

  /**
   * Opens a runtime's state beside the application's store.
   *
   * @param vendor the runtime's vendor (for logs and meters)
   * @param base the application's store (its database)
   * @param tablePrefix the runtime's table prefix
   * @param pollInterval how often the scheduler polls for due jobs
   * @param drivenByCaller nothing polls: the caller runs {@link DbScheduler#runDue()}
   * @param instance this instance's name in db-scheduler and the claims
   * @param jobs the listener of job outcomes
   * @param caps the send caps' limits
   * @return the state
   */
  static RuntimeState open(
      String vendor,
      JdbcStore base,
      String tablePrefix,
      Duration pollInterval,
      boolean drivenByCaller,
      String instance,
      JobListener jobs,
      CampaignRelayProperties.SendCaps caps) {
    JdbcStore store = base.toBuilder().tablePrefix(tablePrefix).build();
    try {
      return new RuntimeState(
          vendor, store, true, pollInterval, drivenByCaller, instance, jobs, caps);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * The state on a store the caller keeps (and closes).
   *
   * @param vendor the user's name (for logs and meters)
   * @param store the store
   * @param pollInterval how often the scheduler polls for due jobs
   * @param drivenByCaller nothing polls: the caller runs {@link DbScheduler#runDue()}
   * @param instance this instance's name in db-scheduler
   * @param jobs the listener of job outcomes
   * @return the state
   */
  static RuntimeState on(
      String vendor,
      JdbcStore store,
      Duration pollInterval,
      boolean drivenByCaller,
      String instance,
      JobListener jobs) {
    return new RuntimeState(
        vendor,
        store,
        false,
        pollInterval,
        drivenByCaller,
        instance,
        jobs,
        new CampaignRelayProperties.SendCaps());
  }

  /**
   * The send caps on a store, from the properties; a bad value is reported under its property.
   *
   * @throws ConfigurationException naming {@code campaignrelay.send-caps.*} properties
   */
  /**
   * The caps of scheduled campaigns: the same per-number daily cap, counted in the same table as
   * the triggers' (so both paths share it across instances), and no per-country or per-campaign
   * limit, so that a campaign of any size is never cut at the triggers' hourly budget.
   */
  static JdbcSendCaps scheduledSendCaps(JdbcStore store, CampaignRelayProperties.SendCaps caps) {
    try {
      return JdbcSendCaps.builder()
          .store(store)
          .perDestinationPerDay(caps.getPerDestinationPerDay())
          .perCountryPerHour(Long.MAX_VALUE)
          .perCampaign(Long.MAX_VALUE)
          .build();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(
          "campaignrelay send caps",
          e.problems().stream()
              .map(q -> new ConfigurationProblem(property(q.field()), q.value(), q.fix()))
              .toList());
    }
  }

  static JdbcSendCaps sendCaps(JdbcStore store, CampaignRelayProperties.SendCaps caps) {
    try {
      return JdbcSendCaps.builder()
          .store(store)
          .perDestinationPerDay(caps.getPerDestinationPerDay())
          .perCountryPerHour(caps.getPerCountryPerHour())
          .perCampaign(caps.getPerCampaign())
          .build();
    } catch (ConfigurationException e) {
      throw new ConfigurationException(
          "campaignrelay send caps",
          e.problems().stream()
              .map(q -> new ConfigurationProblem(property(q.field()), q.value(), q.fix()))
              .toList());
    }
  }

  /** {@code perCountryPerHour} to {@code campaignrelay.send-caps.per-country-per-hour}. */
  private static String property(String field) {
    StringBuilder out = new StringBuilder("campaignrelay.send-caps.");
    for (char c : String.valueOf(field).toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  String vendor() {
    return vendor;
  }

  Scheduler scheduler() {
    return scheduler;
  }

  DbScheduler dbScheduler() {
    return dbScheduler;
  }

  ExecutionJournal journal() {
    return journal;
  }

  CampaignLedger ledger() {
    return ledger;
  }

  ProcessedIds processedIds() {
    return processedIds;
  }

  CampaignClaims claims() {
    return claims;
  }

  MetricsOutbox outbox() {
    return outbox;
  }

  /** The send caps in the state's database, shared by every instance on it. */
  SendCaps sendCaps() {
    return sendCaps;
  }

  SendCaps scheduledSendCaps() {
    return scheduledSendCaps;
  }

  /** The runtime's listener token in the state's database (named after the vendor). */
  ListenerTokens listenerTokens() {
    return listenerTokens;
  }

  @Override
  public void start() {
    dbScheduler.start();
    running = true;
    LOG.info("Campaign Relay {} runtime: db-scheduler started ({})", vendor, store);
  }

  @Override
  public void stop() {
    running = false;
    dbScheduler.close();
    LOG.info("Campaign Relay {} runtime: db-scheduler stopped", vendor);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public void close() {
    if (running) {
      stop();
    }
    if (ownsStore) {
      store.close();
    }
  }

  @Override
  public String toString() {
    return "RuntimeState[" + vendor + ", " + store + "]";
  }
}
