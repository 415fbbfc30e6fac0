package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableIntEnum;
import io.campaignrelay.core.ExpandableIntValues;
import java.util.Collection;

/**
 * The {@code EventID} of UpdateCampaignInteractions (per-customer interactions). 2-7 are confirmed
 * by one integration's configuration; 0 and 1 are INFERRED from the MetricID list.
 *
 * <p>An expandable enumeration: {@link #of(int)} keeps ids Optimove may add, so an unknown id is
 * carried through instead of failing. Instances are equal when their ids are.
 */
public final class InteractionEventId extends ExpandableIntEnum<InteractionEventId> {

  private static final ExpandableIntValues<InteractionEventId> VALUES =
      ExpandableIntValues.create("InteractionEventId", InteractionEventId::new);

  /** 0: sent (INFERRED). */
  public static final InteractionEventId SENT = VALUES.register(0, "SENT");

  /** 1: delivered (INFERRED). */
  public static final InteractionEventId DELIVERED = VALUES.register(1, "DELIVERED");

  /** 2: opened. */
  public static final InteractionEventId OPENED = VALUES.register(2, "OPENED");

  /** 3: clicked. */
  public static final InteractionEventId CLICKED = VALUES.register(3, "CLICKED");

  /** 4: unsubscribed. */
  public static final InteractionEventId UNSUBSCRIBED = VALUES.register(4, "UNSUBSCRIBED");

  /** 5: dropped. */
  public static final InteractionEventId DROPPED = VALUES.register(5, "DROPPED");

  /** 6: spam report. */
  public static final InteractionEventId SPAM_REPORT = VALUES.register(6, "SPAM_REPORT");

  /** 7: bounced. */
  public static final InteractionEventId BOUNCED = VALUES.register(7, "BOUNCED");

  private InteractionEventId(int id, String name) {
    super(id, name);
  }

  /**
   * The value for an id: a constant when known, otherwise a new value keeping the raw id.
   *
   * @param id the wire id
   * @return the value
   */
  @JsonCreator
  public static InteractionEventId of(int id) {
    return VALUES.of(id);
  }

  /**
   * Reads a value from text: the numeric id or a constant's name (any case).
   *
   * @param value e.g. {@code "1"} or a constant's name
   * @return the value
   * @throws IllegalArgumentException if the text is neither a number nor a known name
   */
  public static InteractionEventId fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The known constants, in order of declaration.
   *
   * @return an unmodifiable collection
   */
  public static Collection<InteractionEventId> values() {
    return VALUES.known();
  }
}
