package io.campaignrelay.core.metrics;

import io.campaignrelay.core.implementation.Texts;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of a message, as a vendor reports it. An open set: the known outcomes are constants
 * (and {@link #rejected(RejectionReason)}), and anything a vendor adds later becomes {@link
 * Kind#UNKNOWN} keeping the raw value ({@link #unknown(String)}, {@link #fromString(String)}). Each
 * outcome knows whether it is {@link #isFinal() final}. Immutable and thread-safe.
 */
public final class DeliveryOutcome {

  /** The kinds of outcome. */
  public enum Kind {
    /** Confirmed received by the phone. Final. */
    DELIVERED(true),
    /** Could not be delivered to the phone (landline, no credit, phone off). Final. */
    UNDELIVERED(true),
    /** Refused before sending; carries a {@link RejectionReason}. Final. */
    REJECTED(true),
    /** The customer opted out (texted STOP). Final. */
    OPTED_OUT(true),
    /**
     * The customer clicked a link. Final for delivery purposes (the message evidently arrived);
     * several click events may follow one message.
     */
    CLICKED(true),
    /** Accepted and on its way; a later report will tell. Not final. */
    PENDING(false),
    /** The network gave up before delivering (validity period elapsed). Final. */
    EXPIRED(true),
    /**
     * A value this SDK does not know, or a receipt saying the status is unknown. Not final:
     * receipts may still arrive (carriers may also never report, so polls must tolerate it).
     */
    UNKNOWN(false);

    private final boolean isFinal;

    Kind(boolean isFinal) {
      this.isFinal = isFinal;
    }

    /**
     * Whether this outcome will not change any more.
     *
     * @return true if final
     */
    public boolean isFinal() {
      return isFinal;
    }
  }

  /** Confirmed received. */
  public static final DeliveryOutcome DELIVERED = new DeliveryOutcome(Kind.DELIVERED, null, null);

  /** Not delivered to the phone. */
  public static final DeliveryOutcome UNDELIVERED =
      new DeliveryOutcome(Kind.UNDELIVERED, null, null);

  /** The customer opted out. */
  public static final DeliveryOutcome OPTED_OUT = new DeliveryOutcome(Kind.OPTED_OUT, null, null);

  /** The customer clicked a link. */
  public static final DeliveryOutcome CLICKED = new DeliveryOutcome(Kind.CLICKED, null, null);

  /** On its way. */
  public static final DeliveryOutcome PENDING = new DeliveryOutcome(Kind.PENDING, null, null);

  /** Expired in the network. */
  public static final DeliveryOutcome EXPIRED = new DeliveryOutcome(Kind.EXPIRED, null, null);

  private final Kind kind;
  private final RejectionReason reason; // REJECTED only
  private final String detail; // REJECTED: vendor detail; UNKNOWN: the raw value

  private DeliveryOutcome(Kind kind, RejectionReason reason, String detail) {
    this.kind = kind;
    this.reason = reason;
    this.detail = detail;
  }

  /**
   * A rejection.
   *
   * @param reason why
   * @return the outcome
   */
  public static DeliveryOutcome rejected(RejectionReason reason) {
    return new DeliveryOutcome(Kind.REJECTED, Objects.requireNonNull(reason, "reason"), null);
  }

  /**
   * A rejection with the vendor's own words.
   *
   * @param reason why
   * @param detail the vendor's reason text, e.g. {@code "landline"}; may be null
   * @return the outcome
   */
  public static DeliveryOutcome rejected(RejectionReason reason, String detail) {
    return new DeliveryOutcome(
        Kind.REJECTED,
        Objects.requireNonNull(reason, "reason"),
        detail == null || detail.isBlank() ? null : detail);
  }

  /**
   * An outcome this SDK does not know, keeping the vendor's raw value.
   *
   * @param raw the vendor's value, e.g. {@code "?"} or {@code "carrier_hold"}
   * @return the outcome, of kind {@link Kind#UNKNOWN}
   */
  public static DeliveryOutcome unknown(String raw) {
    return new DeliveryOutcome(Kind.UNKNOWN, null, raw == null ? "" : raw);
  }

  /**
   * The outcome for a kind that carries no data.
   *
   * @param kind any kind but {@link Kind#REJECTED} (use {@link #rejected(RejectionReason)}) and
   *     {@link Kind#UNKNOWN} (use {@link #unknown(String)})
   * @return the constant
   * @throws IllegalArgumentException for REJECTED or UNKNOWN
   */
  public static DeliveryOutcome of(Kind kind) {
    return switch (Objects.requireNonNull(kind, "kind")) {
      case DELIVERED -> DELIVERED;
      case UNDELIVERED -> UNDELIVERED;
      case OPTED_OUT -> OPTED_OUT;
      case CLICKED -> CLICKED;
      case PENDING -> PENDING;
      case EXPIRED -> EXPIRED;
      case REJECTED, UNKNOWN ->
          throw new IllegalArgumentException(
              "kind " + kind + " carries data: use rejected(reason) or unknown(raw)");
    };
  }

  /**
   * Reads an outcome written by {@link #toString()} or named by its kind, ignoring case ({@code
   * "delivered"}, {@code "REJECTED(OPTED_OUT)"}, {@code "rejected"} = rejected for {@link
   * RejectionReason#OTHER}). Anything else is {@link Kind#UNKNOWN} keeping the raw text. Vendor
   * codes (single letters, vendor words) are mapped by the vendor modules, not here.
   *
   * @param value the text; may be null
   * @return the outcome; never null
   */
  public static DeliveryOutcome fromString(String value) {
    if (value == null) {
      return unknown("");
    }
    String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    if (v.startsWith("REJECTED(") && v.endsWith(")")) {
      String r = v.substring("REJECTED(".length(), v.length() - 1);
      return rejected(RejectionReason.fromString(r));
    }
    for (Kind k : Kind.values()) {
      if (k.name().equals(v)) {
        if (k == Kind.REJECTED) {
          return rejected(RejectionReason.OTHER);
        }
        if (k == Kind.UNKNOWN) {
          return unknown(value);
        }
        return of(k);
      }
    }
    return unknown(value);
  }

  /**
   * The kind of outcome.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Whether this outcome will not change any more.
   *
   * @return true if final
   */
  public boolean isFinal() {
    return kind.isFinal();
  }

  /**
   * Why the message was rejected.
   *
   * @return the reason for {@link Kind#REJECTED}, else empty
   */
  public Optional<RejectionReason> rejectionReason() {
    return Optional.ofNullable(reason);
  }

  /**
   * The vendor's own words for a rejection.
   *
   * @return the detail, or empty
   */
  public Optional<String> detail() {
    return kind == Kind.REJECTED ? Optional.ofNullable(detail) : Optional.empty();
  }

  /**
   * The vendor's raw value of an unknown outcome.
   *
   * @return the raw value for {@link Kind#UNKNOWN}, else empty
   */
  public Optional<String> raw() {
    return kind == Kind.UNKNOWN ? Optional.of(detail) : Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryOutcome d
        && kind == d.kind
        && reason == d.reason
        && Objects.equals(detail, d.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, reason, detail);
  }

  /**
   * The kind, with the reason for a rejection and the raw value for an unknown outcome: {@code
   * DELIVERED}, {@code REJECTED(OPTED_OUT)}, {@code UNKNOWN(?)}.
   */
  @Override
  public String toString() {
    return switch (kind) {
      case REJECTED -> "REJECTED(" + reason + ")";
      case UNKNOWN -> "UNKNOWN(" + Texts.printable(detail) + ")";
      default -> kind.name();
    };
  }
}
