package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableIntEnum;
import io.campaignrelay.core.ExpandableIntValues;
import java.util.Collection;

/**
 * The {@code MetricID} of UpdateCampaignMetrics (aggregate counts). The official list was not
 * retrievable: 0-4 are confirmed by one client, 5, 6 and 9 by another; {@link #BOUNCED} is 9 per
 * that client while a third maps Bounced to 7 for interactions (INFERRED; use {@link #of(int)} if
 * your tenant differs).
 *
 * <p>An expandable enumeration: {@link #of(int)} keeps ids Optimove may add, so an unknown id is
 * carried through instead of failing. Instances are equal when their ids are.
 */
public final class MetricId extends ExpandableIntEnum<MetricId> {

  private static final ExpandableIntValues<MetricId> VALUES =
      ExpandableIntValues.create("MetricId", MetricId::new);

  /** 0: sent. */
  public static final MetricId SENT = VALUES.register(0, "SENT");

  /** 1: delivered. */
  public static final MetricId DELIVERED = VALUES.register(1, "DELIVERED");

  /** 2: opened. */
  public static final MetricId OPENED = VALUES.register(2, "OPENED");

  /** 3: clicked. */
  public static final MetricId CLICKED = VALUES.register(3, "CLICKED");

  /** 4: unsubscribed. */
  public static final MetricId UNSUBSCRIBED = VALUES.register(4, "UNSUBSCRIBED");

  /** 5: dropped (rejected before sending). */
  public static final MetricId DROPPED = VALUES.register(5, "DROPPED");

  /** 6: reported as spam. */
  public static final MetricId SPAM_REPORTED = VALUES.register(6, "SPAM_REPORTED");

  /** 9: bounced (INFERRED; some integrations use 7). */
  public static final MetricId BOUNCED = VALUES.register(9, "BOUNCED");

  private MetricId(int id, String name) {
    super(id, name);
  }

  /**
   * The value for an id: a constant when known, otherwise a new value keeping the raw id.
   *
   * @param id the wire id
   * @return the value
   */
  @JsonCreator
  public static MetricId of(int id) {
    return VALUES.of(id);
  }

  /**
   * Reads a value from text: the numeric id or a constant's name (any case).
   *
   * @param value e.g. {@code "1"} or a constant's name
   * @return the value
   * @throws IllegalArgumentException if the text is neither a number nor a known name
   */
  public static MetricId fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The known constants, in order of declaration.
   *
   * @return an unmodifiable collection
   */
  public static Collection<MetricId> values() {
    return VALUES.known();
  }
}
