package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * {@link ProcessedIds} in memory; expired ids are purged as time passes (about 100 bytes per id
 * held). Thread-safe.
 */
public class InMemoryProcessedIds implements ProcessedIds {
  private record Held(String key, Instant expiresAt) {}

  private final Map<String, Instant> ids = new HashMap<>();
  private final PriorityQueue<Held> expiry =
      new PriorityQueue<>((a, b) -> a.expiresAt.compareTo(b.expiresAt));

  /**
   * An empty set.
   *
   * @return the set
   */
  public static InMemoryProcessedIds create() {
    return new InMemoryProcessedIds();
  }

  InMemoryProcessedIds() {}

  @Override
  public synchronized boolean markIfAbsent(
      String namespace, String id, Instant now, Instant expiresAt) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(expiresAt, "expiresAt");
    purge(now);
    String key = key(namespace, id);
    Instant held = ids.get(key);
    if (held != null && held.isAfter(now)) {
      return false;
    }
    store(namespace, id, expiresAt);
    hold(key, expiresAt);
    return true;
  }

  @Override
  public synchronized boolean contains(String namespace, String id, Instant now) {
    Instant held = ids.get(key(namespace, id));
    return held != null && held.isAfter(now);
  }

  /**
   * How many ids are held (expired ones included until the next purge).
   *
   * @return the count
   */
  public synchronized int size() {
    return ids.size();
  }

  /** Hook for a durable subclass: called under the lock before an id is held. */
  void store(String namespace, String id, Instant expiresAt) {}

  final synchronized void hold(String key, Instant expiresAt) {
    ids.put(key, expiresAt);
    expiry.add(new Held(key, expiresAt));
  }

  private void purge(Instant now) {
    while (!expiry.isEmpty() && !expiry.peek().expiresAt.isAfter(now)) {
      Held h = expiry.poll();
      if (h.expiresAt.equals(ids.get(h.key))) {
        ids.remove(h.key);
      }
    }
  }

  static String key(String namespace, String id) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(id, "id");
    return namespace + '\u0000' + id;
  }
}
