package io.campaignrelay.optimove.models;

import java.util.Objects;

/**
 * A notification of an event type this SDK does not model (Optimove may add types). The raw JSON is
 * kept for the caller; {@link #toString()} does not print it (it may hold personal data).
 *
 * @param eventType the type, with its raw id
 * @param json the payload exactly as received
 */
public record UnknownEvent(EventType eventType, String json) implements OptimoveEvent {

  /**
   * Validates the components.
   *
   * @param eventType the type
   * @param json the payload
   */
  public UnknownEvent {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(json, "json");
  }

  /** Prints the type and size only. */
  @Override
  public String toString() {
    return "UnknownEvent[" + eventType + ", " + json.length() + " chars]";
  }
}
