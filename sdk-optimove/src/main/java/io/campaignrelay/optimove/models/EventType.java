package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code EventTypeID} of an Optimove event listener: which notification Optimove POSTs to a
 * registered listener URL (RegisterEventListener).
 *
 * <p>An expandable enumeration: {@link #of(int)} keeps ids Optimove may add, so an unknown id is
 * carried through instead of failing. Instances are equal when their ids are.
 */
public final class EventType {

  private static final Map<Integer, EventType> KNOWN = new LinkedHashMap<>();

  /** 1: a campaign was processed for execution (at least one channel/template succeeded). */
  public static final EventType CAMPAIGN_PROCESSED = known(1, "CAMPAIGN_PROCESSED");

  /** 2: all of today's campaigns were processed. */
  public static final EventType ALL_CAMPAIGNS_PROCESSED = known(2, "ALL_CAMPAIGNS_PROCESSED");

  /** 3: today's daily process is complete. */
  public static final EventType DAILY_PROCESS_COMPLETE = known(3, "DAILY_PROCESS_COMPLETE");

  /** 4: a processed campaign was cancelled (pull GetCanceledCampaignCustomers within 2 hours). */
  public static final EventType CAMPAIGN_CANCELED = known(4, "CAMPAIGN_CANCELED");

  /**
   * 5: a scheduled campaign with conditional promotions waits for clearance; register without a
   * ChannelID.
   */
  public static final EventType PROMO_CLEARANCE_REQUIRED = known(5, "PROMO_CLEARANCE_REQUIRED");

  /** 11: a customer met a real-time (Track and Trigger) trigger. */
  public static final EventType TRIGGERED = known(11, "TRIGGERED");

  /**
   * 13: a campaign was executed on a channel (all its templates sent); may be registered per
   * ChannelID.
   */
  public static final EventType CHANNEL_EXECUTED = known(13, "CHANNEL_EXECUTED");

  /** 14: the file-based SDK flow's customer files are ready (Webhook Configuration). */
  public static final EventType CUSTOMER_FILES_READY = known(14, "CUSTOMER_FILES_READY");

  private final int id;
  private final String name;

  private EventType(int id, String name) {
    this.id = id;
    this.name = name;
  }

  private static EventType known(int id, String name) {
    EventType v = new EventType(id, name);
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
  public static EventType of(int id) {
    EventType k = KNOWN.get(id);
    return k != null ? k : new EventType(id, null);
  }

  /**
   * Reads a value from text: the numeric id or a constant's name (any case).
   *
   * @param value e.g. {@code "1"} or {@code "all_campaigns_processed"}
   * @return the value
   * @throws IllegalArgumentException if the text is neither a number nor a known name
   */
  public static EventType fromString(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "EventType is blank: give a number or one of " + KNOWN.values());
    }
    String v = value.strip();
    try {
      return of(Integer.parseInt(v));
    } catch (NumberFormatException notNumber) {
      String upper = v.toUpperCase(Locale.ROOT).replace(' ', '_');
      for (EventType k : KNOWN.values()) {
        if (k.name.equals(upper)) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "EventType '" + v + "' is unknown: give a number or one of " + KNOWN.values());
    }
  }

  /**
   * The known constants, in id order of declaration.
   *
   * @return an unmodifiable collection
   */
  public static Collection<EventType> values() {
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
    return o instanceof EventType other && other.id == id;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(id);
  }

  /** Returns e.g. {@code CAMPAIGN_PROCESSED(1)}, or {@code UNKNOWN(99)}. */
  @Override
  public String toString() {
    return (name == null ? "UNKNOWN" : name) + "(" + id + ")";
  }
}
