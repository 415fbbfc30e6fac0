package io.campaignrelay.core.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what inbound endpoints and the jobs behind them refused, by endpoint and outcome (e.g.
 * {@code optimove-events 401 bad_token}, {@code trigger premium_rate}), so an operator sees an
 * attack: read {@link #snapshot()} or export it to metrics. Counts only, never a token, a number or
 * a body. Thread-safe.
 */
public final class InboundRefusals {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  private InboundRefusals() {}

  /**
   * Empty counters.
   *
   * @return the counters
   */
  public static InboundRefusals create() {
    return new InboundRefusals();
  }

  /**
   * Counts one refusal.
   *
   * @param key the endpoint and outcome, e.g. {@code "optimove-events 401 bad_token"}
   */
  public void count(String key) {
    counts.computeIfAbsent(String.valueOf(key), k -> new LongAdder()).increment();
  }

  /**
   * One counter.
   *
   * @param key the key given to {@link #count}
   * @return its count, 0 if never counted
   */
  public long get(String key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : a.sum();
  }

  /**
   * Every counter, sorted by key.
   *
   * @return a copy: key to count
   */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * The sum of every counter.
   *
   * @return the total
   */
  public long total() {
    long t = 0;
    for (LongAdder a : counts.values()) {
      t += a.sum();
    }
    return t;
  }

  @Override
  public String toString() {
    return "InboundRefusals" + snapshot();
  }
}
