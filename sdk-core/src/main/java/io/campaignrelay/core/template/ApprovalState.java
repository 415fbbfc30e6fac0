package io.campaignrelay.core.template;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;
import java.util.Locale;

/**
 * Whether a vendor approved a template for sending. An expandable set: {@link #APPROVED}, {@link
 * #PENDING} and {@link #REJECTED} are known; any other value a vendor sends is kept as read by
 * {@link #fromString(String)} and counts as not approved. Immutable and thread-safe.
 */
public final class ApprovalState extends ExpandableStringEnum<ApprovalState> {

  private static final ExpandableValues<ApprovalState> VALUES =
      ExpandableValues.create(ApprovalState::new);

  /** Approved: may be published to channels and sent. */
  public static final ApprovalState APPROVED = VALUES.register("APPROVED");

  /** Waiting for the vendor's review. */
  public static final ApprovalState PENDING = VALUES.register("PENDING");

  /** Refused by the vendor's review. */
  public static final ApprovalState REJECTED = VALUES.register("REJECTED");

  private ApprovalState(String value) {
    super(value);
  }

  /**
   * Reads a state, ignoring case and surrounding whitespace; an unknown value is kept (upper-cased)
   * and is not approved.
   *
   * @param value the vendor's text, e.g. {@code "approved"}
   * @return the known constant or a state holding the value
   * @throws ConfigurationException if the text is blank
   */
  public static ApprovalState fromString(String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          "approval state",
          ConfigurationProblem.of(
              "approvalState",
              value,
              "is blank: give APPROVED, PENDING, REJECTED or the vendor's" + " state"));
    }
    return VALUES.fromString(value.strip().toUpperCase(Locale.ROOT));
  }

  /**
   * Whether the template may be published and sent.
   *
   * @return true only for {@link #APPROVED}
   */
  public boolean isApproved() {
    return this.equals(APPROVED);
  }

  /**
   * Whether this is one of the states this SDK knows.
   *
   * @return true for the three constants
   */
  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }

  /**
   * The states this SDK version knows.
   *
   * @return APPROVED, PENDING, REJECTED
   */
  public static List<ApprovalState> values() {
    return VALUES.known();
  }
}
