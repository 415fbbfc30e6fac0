package io.campaignrelay.delivyr.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;

/**
 * The review status of a Delivyr template. Only {@link #APPROVED} custom templates are synced to
 * Optimove.
 *
 * <p>An expandable enumeration: Delivyr may add values, so {@link #fromString(String)} keeps an
 * unknown value (with its raw text) instead of failing and {@link #isKnown()} is false; compare
 * with {@code equals}, never {@code ==}. Built on core's {@link ExpandableStringEnum}.
 */
public final class TemplateStatus extends ExpandableStringEnum<TemplateStatus> {

  private static final ExpandableValues<TemplateStatus> VALUES =
      ExpandableValues.create(TemplateStatus::new);

  /** Approved: may be used and is synced to Optimove. Wire value {@code approved}. */
  public static final TemplateStatus APPROVED = VALUES.register("approved");

  /** Waiting for review. Wire value {@code pending}. */
  public static final TemplateStatus PENDING = VALUES.register("pending");

  /** Rejected by review. Wire value {@code rejected}. */
  public static final TemplateStatus REJECTED = VALUES.register("rejected");

  private TemplateStatus(String value) {
    super(value);
  }

  /**
   * Returns the value with this wire text, case-insensitively; an unknown value is kept.
   *
   * @param value the wire value
   * @return the known constant, or a new instance holding the unknown value; null for null
   */
  @JsonCreator
  public static TemplateStatus fromString(String value) {
    return VALUES.fromString(value);
  }

  /**
   * The values known to this version of the SDK, in declaration order.
   *
   * @return the known constants (unmodifiable)
   */
  public static List<TemplateStatus> values() {
    return VALUES.known();
  }

  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }
}
