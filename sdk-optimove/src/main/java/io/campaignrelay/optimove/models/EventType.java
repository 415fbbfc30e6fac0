package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableIntEnum;
import io.campaignrelay.core.ExpandableIntValues;
import java.util.Collection;

/**
 * The {@code EventTypeID} of an Optimove event listener: which notification Optimove POSTs to a
 * registered listener URL (RegisterEventListener).
 *
 * <p>An expandable enumeration: {@link #of(int)} keeps ids Optimove may add, so an unknown id is
 * carried through instead of failing. Instances are equal when their ids are.
 */
public final class EventType extends ExpandableIntEnum<EventType> {

  private static final ExpandableIntValues<EventType> VALUES =
      ExpandableIntValues.create("EventType", EventType::new);

  /** 1: a campaign was processed for execution (at least one channel/template succeeded). */
  public static final EventType CAMPAIGN_PROCESSED = VALUES.register(1, "CAMPAIGN_PROCESSED");

  /** 2: all of today's campaigns were processed. */
  public static final EventType ALL_CAMPAIGNS_PROCESSED =
      VALUES.register(2, "ALL_CAMPAIGNS_PROCESSED");

  /** 3: today's daily process is complete. */
  public static final EventType DAILY_PROCESS_COMPLETE =
      VALUES.register(3, "DAILY_PROCESS_COMPLETE");

  /** 4: a processed campaign was cancelled (pull GetCanceledCampaignCustomers within 2 hours). */
  public static final EventType CAMPAIGN_CANCELED = VALUES.register(4, "CAMPAIGN_CANCELED");

  /**
   * 5: a scheduled campaign with conditional promotions waits for clearance; register without a
   * ChannelID.
   */
  public static final EventType PROMO_CLEARANCE_REQUIRED =
      VALUES.register(5, "PROMO_CLEARANCE_REQUIRED");

  /** 11: a customer met a real-time (Track and Trigger) trigger. */
  public static final EventType TRIGGERED = VALUES.register(11, "TRIGGERED");

  /**
   * 13: a campaign was executed on a channel (all its templates sent); may be registered per
   * ChannelID.
   */
  public static final EventType CHANNEL_EXECUTED = VALUES.register(13, "CHANNEL_EXECUTED");

  /** 14: the file-based SDK flow's customer files are ready (Webhook Configuration). */
  public static final EventType CUSTOMER_FILES_READY = VALUES.register(14, "CUSTOMER_FILES_READY");

  private EventType(int id, String name) {
    super(id, name);
  }

  /**
   * The value for an id: a constant when known, otherwise a new value keeping the raw id.
   *
   * @param id the wire id
   * @return the value
   */
  @JsonCreator
  public static EventType of(int id) {
    return VALUES.of(id);
  }

  /**
   * Reads a value from text: the numeric id or a constant's name (any case).
   *
   * @param value e.g. {@code "1"} or a constant's name
   * @return the value
   * @throws IllegalArgumentException if the text is neither a number nor a known name
   */
  public static EventType fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The known constants, in order of declaration.
   *
   * @return an unmodifiable collection
   */
  public static Collection<EventType> values() {
    return VALUES.known();
  }
}
