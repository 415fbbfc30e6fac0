package io.campaignrelay.core.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A {@link MetricsOutbox} in memory: entries survive failed deliveries but not the process. For
 * tests, TEST runs and hosts that accept losing undelivered metrics on a restart; use {@link
 * FileMetricsOutbox} (or a database outbox) otherwise. Thread-safe.
 */
public final class InMemoryMetricsOutbox extends OutboxState {

  private InMemoryMetricsOutbox(Clock clock, Duration retention) {
    super(clock, retention);
  }

  /**
   * An empty outbox on the system clock with the {@link MetricsOutbox#DEFAULT_RETENTION}.
   *
   * @return the outbox
   */
  public static InMemoryMetricsOutbox create() {
    return create(Clock.systemUTC(), DEFAULT_RETENTION);
  }

  /**
   * An empty outbox.
   *
   * @param clock the clock of acknowledgements and of the retention
   * @param retention how long acknowledged ids are remembered
   * @return the outbox
   * @throws io.campaignrelay.core.ConfigurationException if an argument is missing or negative
   */
  public static InMemoryMetricsOutbox create(Clock clock, Duration retention) {
    return new InMemoryMetricsOutbox(clock, retention);
  }

  @Override
  void persistAppend(List<OutboxEntry> entries) {
    // nothing to store
  }

  @Override
  void persistAcknowledge(List<String> ids, Instant at) {
    // nothing to store
  }

  @Override
  public synchronized String toString() {
    return "InMemoryMetricsOutbox{depth=" + depth() + '}';
  }
}
