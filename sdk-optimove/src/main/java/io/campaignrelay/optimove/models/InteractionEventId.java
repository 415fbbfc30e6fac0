package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code EventID} of UpdateCampaignInteractions (per-customer interactions). 2-7 are confirmed
 * by one integration's configuration; 0 and 1 are INFERRED from the MetricID list.
 *
 * <p>An expandable enumeration: {@link #of(int)} keeps ids Optimove may add, so an unknown id is
 * carried through instead of failing. Instances are equal when their ids are.
 */
public final class InteractionEventId {

  private static final Map<Integer, InteractionEventId> KNOWN = new LinkedHashMap<>();

  /** 0: sent (INFERRED). */
  public static final InteractionEventId SENT = known(0, "SENT");

  /** 1: delivered (INFERRED). */
  public static final InteractionEventId DELIVERED = known(1, "DELIVERED");

  /** 2: opened. */
  public static final InteractionEventId OPENED = known(2, "OPENED");

  /** 3: clicked. */
  public static final InteractionEventId CLICKED = known(3, "CLICKED");

  /** 4: unsubscribed. */
  public static final InteractionEventId UNSUBSCRIBED = known(4, "UNSUBSCRIBED");

  /** 5: dropped. */
  public static final InteractionEventId DROPPED = known(5, "DROPPED");

  /** 6: spam report. */
  public static final InteractionEventId SPAM_REPORT = known(6, "SPAM_REPORT");

  /** 7: bounced. */
  public static final InteractionEventId BOUNCED = known(7, "BOUNCED");

  private final int id;
  private final String name;

  private InteractionEventId(int id, String name) {
    this.id = id;
    this.name = name;
  }

  private static InteractionEventId known(int id, String name) {
    InteractionEventId v = new InteractionEventId(id, name);
    KNOWN.put(id, v);
    return v;
  }

  /**
   * The value for an id: a constant when known, otherwise a new value keeping the raw id.
   *
   * @param id the wire id
   * @return the value
   */
  @JsonCreator
  public static InteractionEventId of(int id) {
    InteractionEventId k = KNOWN.get(id);
    return k != null ? k : new InteractionEventId(id, null);
  }

  /**
   * Reads a value from text: the numeric id or a constant's name (any case).
   *
   * @param value e.g. {@code "1"} or {@code "delivered"}
   * @return the value
   * @throws IllegalArgumentException if the text is neither a number nor a known name
   */
  public static InteractionEventId fromString(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "InteractionEventId is blank: give a number or one of " + KNOWN.values());
    }
    String v = value.strip();
    try {
      return of(Integer.parseInt(v));
    } catch (NumberFormatException notNumber) {
      String upper = v.toUpperCase(Locale.ROOT).replace(' ', '_');
      for (InteractionEventId k : KNOWN.values()) {
        if (k.name.equals(upper)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "InteractionEventId '" + v + "' is unknown: give a number or one of " + KNOWN.values());
    }
  }

  /**
   * The known constants, in id order of declaration.
   *
   * @return an unmodifiable collection
   */
  public static Collection<InteractionEventId> values() {
    return Collections.unmodifiableCollection(KNOWN.values());
  }

  /**
   * The wire id.
   *
   * @return the id
   */
  @JsonValue
  public int id() {
    return id;
  }

  /**
   * Whether this is one of the constants.
   *
   * @return false for an id Optimove added later
   */
  public boolean isKnown() {
    return name != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InteractionEventId other && other.id == id;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(id);
  }

  /** Returns e.g. {@code SENT(1)}, or {@code UNKNOWN(99)}. */
  @Override
  public String toString() {
    return (name == null ? "UNKNOWN" : name) + "(" + id + ")";
  }
}
