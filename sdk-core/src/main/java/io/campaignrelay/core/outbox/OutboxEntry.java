package io.campaignrelay.core.outbox;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One metric write waiting in a {@link MetricsOutbox}.
 *
 * @param id the stable id that makes delivery once per entry: an outbox holds at most one entry per
 *     id and ignores an id it already delivered (within its retention). Derive it from the event (a
 *     vendor's event id) or from the write's content, never from a counter of this process
 * @param topic which writer delivers it (for example {@code "optimove.saveEvent"}); entries of one
 *     topic are delivered in the order they were appended
 * @param payload what the writer needs to deliver it, as text (typically JSON); opaque to the
 *     outbox
 * @param createdAt when the entry was made (for age limits and reports)
 */
public record OutboxEntry(String id, String topic, String payload, Instant createdAt) {

  /** The longest id, in characters. */
  public static final int MAX_ID_LENGTH = 512;

  /** The longest topic, in characters. */
  public static final int MAX_TOPIC_LENGTH = 128;

  /**
   * Validates the entry.
   *
   * @param id the id
   * @param topic the topic
   * @param payload the payload
   * @param createdAt the time
   * @throws ConfigurationException listing every missing or invalid field
   */
  public OutboxEntry {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
      problems.add(
          ConfigurationProblem.of(
              "id",
              id == null ? null : id.length() > 40 ? id.substring(0, 40) + "..." : id,
              "give a stable, non-blank id of at most " + MAX_ID_LENGTH + " characters"));
    }
    if (topic == null || topic.isBlank() || topic.length() > MAX_TOPIC_LENGTH) {
      problems.add(
          ConfigurationProblem.of(
              "topic",
              topic,
              "name the writer, e.g. optimove.saveEvent (at most "
                  + MAX_TOPIC_LENGTH
                  + " characters)"));
    }
    if (payload == null) {
      problems.add(ConfigurationProblem.of("payload", null, "give the payload (may be empty)"));
    }
    if (createdAt == null) {
      problems.add(ConfigurationProblem.of("createdAt", null, "give when the entry was made"));
    }
    ConfigurationException.throwIfAny("metrics outbox entry", problems);
  }

  /** Prints the id and topic; the payload may hold customer ids and is left out. */
  @Override
  public String toString() {
    return "OutboxEntry[" + topic + " " + id + " at " + createdAt + "]";
  }
}
