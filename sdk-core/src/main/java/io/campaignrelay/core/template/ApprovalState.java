package io.campaignrelay.core.template;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether a vendor approved a template for sending. An expandable set: {@link #APPROVED}, {@link
 * #PENDING} and {@link #REJECTED} are known; any other value a vendor sends is kept as read by
 * {@link #fromString(String)} and counts as not approved. Immutable and thread-safe.
 */
public final class ApprovalState {

  /** Approved: may be published to channels and sent. */
  public static final ApprovalState APPROVED = new ApprovalState("APPROVED");

  /** Waiting for the vendor's review. */
  public static final ApprovalState PENDING = new ApprovalState("PENDING");

  /** Refused by the vendor's review. */
  public static final ApprovalState REJECTED = new ApprovalState("REJECTED");

  private final String value;

  private ApprovalState(String value) {
    this.value = value;
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
    String v = value.strip().toUpperCase(Locale.ROOT);
    return switch (v) {
      case "APPROVED" -> APPROVED;
      case "PENDING" -> PENDING;
      case "REJECTED" -> REJECTED;
      default -> new ApprovalState(v);
    };
  }

  /**
   * The state's name.
   *
   * @return e.g. {@code "APPROVED"}
   */
  public String value() {
    return value;
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
  public boolean isKnown() {
    return equals(APPROVED) || equals(PENDING) || equals(REJECTED);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApprovalState a && value.equals(a.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  /** Returns the state's name. */
  @Override
  public String toString() {
    return value;
  }
}
