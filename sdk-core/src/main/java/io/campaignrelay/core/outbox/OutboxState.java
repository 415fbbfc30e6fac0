package io.campaignrelay.core.outbox;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The pending entries and remembered ids that every outbox keeps in memory; subclasses persist the
 * changes before they are applied. Guarded by {@code this}.
 */
abstract class OutboxState implements MetricsOutbox {

  /** A remembered acknowledgement. */
  record Delivered(String id, Instant at) {}

  private final Clock clock;
  private final Duration retention;
  private final Map<String, LinkedHashMap<String, OutboxEntry>> byTopic = new HashMap<>();
  private final Map<String, String> topicOf = new HashMap<>();
  private final Map<String, Instant> delivered = new HashMap<>();
  private final ArrayDeque<Delivered> deliveredInOrder = new ArrayDeque<>();
  private long depth;

  OutboxState(Clock clock, Duration retention) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (clock == null) {
      problems.add(ConfigurationProblem.of("clock", null, "use Clock.systemUTC()"));
    }
    if (retention == null || retention.isNegative()) {
      problems.add(
          ConfigurationProblem.of(
              "retention", retention, "give zero or more, e.g. MetricsOutbox.DEFAULT_RETENTION"));
    }
    ConfigurationException.throwIfAny("metrics outbox", problems);
    this.clock = clock;
    this.retention = retention;
  }

  /** Stores new entries before they are applied; throws to refuse them. */
  abstract void persistAppend(List<OutboxEntry> entries);

  /** Stores acknowledgements before they are applied; throws to refuse them. */
  abstract void persistAcknowledge(List<String> ids, Instant at);

  @Override
  public final synchronized int append(List<OutboxEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    prune();
    List<OutboxEntry> fresh = new ArrayList<>(entries.size());
    Set<String> seen = new HashSet<>();
    for (OutboxEntry e : entries) {
      Objects.requireNonNull(e, "entry");
      if (topicOf.containsKey(e.id()) || delivered.containsKey(e.id()) || !seen.add(e.id())) {
        continue;
      }
      fresh.add(e);
    }
    if (fresh.isEmpty()) {
      return 0;
    }
    persistAppend(fresh);
    fresh.forEach(this::applyAppend);
    return fresh.size();
  }

  @Override
  public final synchronized List<OutboxEntry> pending(String topic, int max) {
    Objects.requireNonNull(topic, "topic");
    if (max < 1) {
      throw new ConfigurationException(
          "metrics outbox", ConfigurationProblem.of("max", max, "ask for 1 or more entries"));
    }
    LinkedHashMap<String, OutboxEntry> queue = byTopic.get(topic);
    if (queue == null) {
      return List.of();
    }
    List<OutboxEntry> out = new ArrayList<>(Math.min(max, queue.size()));
    Iterator<OutboxEntry> it = queue.values().iterator();
    while (it.hasNext() && out.size() < max) {
      out.add(it.next());
    }
    return out;
  }

  @Override
  public final synchronized void acknowledge(Collection<String> ids) {
    Objects.requireNonNull(ids, "ids");
    List<String> known = new ArrayList<>(ids.size());
    for (String id : ids) {
      if (id != null && topicOf.containsKey(id) && !known.contains(id)) {
        known.add(id);
      }
    }
    if (known.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    persistAcknowledge(known, now);
    for (String id : known) {
      applyAcknowledge(id, now);
    }
    prune();
    afterAcknowledge();
  }

  /** Called after acknowledgements were stored and applied (the file rewrites itself here). */
  void afterAcknowledge() {}

  @Override
  public final synchronized long depth() {
    return depth;
  }

  @Override
  public final synchronized long depth(String topic) {
    LinkedHashMap<String, OutboxEntry> queue = byTopic.get(topic);
    return queue == null ? 0 : queue.size();
  }

  @Override
  public final Duration retention() {
    return retention;
  }

  final Clock clock() {
    return clock;
  }

  /** Applies an append read back or just persisted; a repeat of a held id is ignored. */
  final void applyAppend(OutboxEntry e) {
    if (topicOf.containsKey(e.id()) || delivered.containsKey(e.id())) {
      return;
    }
    byTopic.computeIfAbsent(e.topic(), t -> new LinkedHashMap<>()).put(e.id(), e);
    topicOf.put(e.id(), e.topic());
    depth++;
  }

  /** Applies an acknowledgement read back or just persisted. */
  final void applyAcknowledge(String id, Instant at) {
    String topic = topicOf.remove(id);
    if (topic != null) {
      LinkedHashMap<String, OutboxEntry> queue = byTopic.get(topic);
      queue.remove(id);
      if (queue.isEmpty()) {
        byTopic.remove(topic);
      }
      depth--;
    }
    if (delivered.put(id, at) == null) {
      deliveredInOrder.add(new Delivered(id, at));
    }
  }

  /** Forgets acknowledged ids older than the retention. */
  final void prune() {
    Instant oldest = clock.instant().minus(retention);
    while (!deliveredInOrder.isEmpty() && deliveredInOrder.peekFirst().at().isBefore(oldest)) {
      Delivered d = deliveredInOrder.pollFirst();
      if (d.at().equals(delivered.get(d.id()))) {
        delivered.remove(d.id());
      }
    }
  }

  /** The pending entries, every topic, in append order within each topic. */
  final List<OutboxEntry> allPending() {
    List<OutboxEntry> out = new ArrayList<>((int) depth);
    byTopic.values().forEach(q -> out.addAll(q.values()));
    return out;
  }

  /** The remembered acknowledgements, oldest first. */
  final List<Delivered> remembered() {
    List<Delivered> out = new ArrayList<>(delivered.size());
    for (Delivered d : deliveredInOrder) {
      if (d.at().equals(delivered.get(d.id()))) {
        out.add(d);
      }
    }
    return out;
  }

  /** How many acknowledged ids are remembered. */
  final int rememberedCount() {
    return delivered.size();
  }
}
