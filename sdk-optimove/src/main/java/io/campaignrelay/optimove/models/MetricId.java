package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code MetricID} of UpdateCampaignMetrics (aggregate counts). The official list was not
 * retrievable: 0-4 are confirmed by one client, 5, 6 and 9 by another; {@link #BOUNCED} is 9 per
 * that client while a third maps Bounced to 7 for interactions (INFERRED; use {@link #of(int)} if
 * your tenant differs).
 *
 * <p>An expandable enumeration: {@link #of(int)} keeps ids Optimove may add, so an unknown id is
 * carried through instead of failing. Instances are equal when their ids are.
 */
public final class MetricId {

  private static final Map<Integer, MetricId> KNOWN = new LinkedHashMap<>();

  /** 0: sent. */
  public static final MetricId SENT = known(0, "SENT");

  /** 1: delivered. */
  public static final MetricId DELIVERED = known(1, "DELIVERED");

  /** 2: opened. */
  public static final MetricId OPENED = known(2, "OPENED");

  /** 3: clicked. */
  public static final MetricId CLICKED = known(3, "CLICKED");

  /** 4: unsubscribed. */
  public static final MetricId UNSUBSCRIBED = known(4, "UNSUBSCRIBED");

  /** 5: dropped (rejected before sending). */
  public static final MetricId DROPPED = known(5, "DROPPED");

  /** 6: reported as spam. */
  public static final MetricId SPAM_REPORTED = known(6, "SPAM_REPORTED");

  /** 9: bounced (INFERRED; some integrations use 7). */
  public static final MetricId BOUNCED = known(9, "BOUNCED");

  private final int id;
  private final String name;

  private MetricId(int id, String name) {
    this.id = id;
    this.name = name;
  }

  private static MetricId known(int id, String name) {
    MetricId v = new MetricId(id, name);
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
  public static MetricId of(int id) {
    MetricId k = KNOWN.get(id);
    return k != null ? k : new MetricId(id, null);
  }

  /**
   * Reads a value from text: the numeric id or a constant's name (any case).
   *
   * @param value e.g. {@code "1"} or {@code "delivered"}
   * @return the value
   * @throws IllegalArgumentException if the text is neither a number nor a known name
   */
  public static MetricId fromString(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "MetricId is blank: give a number or one of " + KNOWN.values());
    }
    String v = value.strip();
    try {
      return of(Integer.parseInt(v));
    } catch (NumberFormatException notNumber) {
      String upper = v.toUpperCase(Locale.ROOT).replace(' ', '_');
      for (MetricId k : KNOWN.values()) {
        if (k.name.equals(upper)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "MetricId '" + v + "' is unknown: give a number or one of " + KNOWN.values());
    }
  }

  /**
   * The known constants, in id order of declaration.
   *
   * @return an unmodifiable collection
   */
  public static Collection<MetricId> values() {
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
    return o instanceof MetricId other && other.id == id;
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
