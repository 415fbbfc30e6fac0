package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;

/**
 * The Optimove channel kind a Delivyr template is offered in: scheduled campaigns (Optimove channel
 * 452) or triggered campaigns (Optimove channel 250).
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing and {@link #isKnown()} is false; compare
 * with {@code equals}, never {@code ==}. Built on core's {@link ExpandableStringEnum}.
 */
public final class TemplateChannel extends ExpandableStringEnum<TemplateChannel> {

  private static final ExpandableValues<TemplateChannel> VALUES =
      ExpandableValues.create(TemplateChannel::new);

  /**
   * Scheduled campaigns (Optimove channel 452, Delivyr Scheduled SMS). Wire value {@code
   * scheduled}.
   */
  public static final TemplateChannel SCHEDULED = VALUES.register("scheduled");

  /**
   * Triggered campaigns (Optimove channel 250, Delivyr Triggered SMS). Wire value {@code
   * triggered}.
   */
  public static final TemplateChannel TRIGGERED = VALUES.register("triggered");

  private TemplateChannel(String value) {
    super(value);
  }

  /**
   * Returns the value with this wire text, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static TemplateChannel fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The values known to this version of the SDK, in declaration order.
   *
   * @return the known constants (unmodifiable)
   */
  public static List<TemplateChannel> values() {
    return VALUES.known();
  }

  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }
}
