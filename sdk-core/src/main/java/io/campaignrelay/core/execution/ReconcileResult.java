package io.campaignrelay.core.execution;

import io.campaignrelay.core.metrics.RejectionReason;
import java.util.Objects;
import java.util.Optional;

/**
 * What a vendor's own records say about one message whose send outcome was unknown (see {@link
 * MessageChannel#reconcile(java.util.List)}).
 *
 * <ul>
 *   <li>{@link Status#SENT}: the vendor has the message: it counts as dispatched and is never sent
 *       again;
 *   <li>{@link Status#REJECTED}: the vendor has it and refused it: it counts as dropped;
 *   <li>{@link Status#NOT_SENT}: the vendor's records prove it never arrived: it is sent once;
 *   <li>{@link Status#UNKNOWN}: the records cannot tell: the message is reported as uncertain and
 *       is re-sent only through a channel that deduplicates by idempotency key.
 * </ul>
 *
 * <p>A channel must answer {@code NOT_SENT} only when the vendor's records are complete and current
 * for that message; when in doubt it answers {@code UNKNOWN}.
 */
public final class ReconcileResult {

  /** The verdict of a reconciliation. */
  public enum Status {
    /** The vendor accepted the message. */
    SENT,
    /** The vendor has the message and refused it. */
    REJECTED,
    /** The vendor provably never received the message. */
    NOT_SENT,
    /** The vendor's records cannot tell. */
    UNKNOWN
  }

  private final IdempotencyKey idempotencyKey;
  private final Status status;
  private final String vendorMessageId;
  private final RejectionReason rejectionReason;
  private final String detail;

  private ReconcileResult(
      IdempotencyKey idempotencyKey,
      Status status,
      String vendorMessageId,
      RejectionReason rejectionReason,
      String detail) {
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    this.status = status;
    this.vendorMessageId =
        vendorMessageId == null || vendorMessageId.isBlank() ? null : vendorMessageId;
    this.rejectionReason = rejectionReason;
    this.detail = detail == null ? "" : detail;
  }

  /**
   * The vendor has the message and accepted it.
   *
   * @param key the message's key
   * @param vendorMessageId the vendor's id of it, or null
   * @return the result
   */
  public static ReconcileResult sent(IdempotencyKey key, String vendorMessageId) {
    return new ReconcileResult(
        key, Status.SENT, vendorMessageId, null, "found in the vendor's records");
  }

  /**
   * The vendor has the message and refused it.
   *
   * @param key the message's key
   * @param reason why
   * @param detail the vendor's words, or null
   * @return the result
   */
  public static ReconcileResult rejected(
      IdempotencyKey key, RejectionReason reason, String detail) {
    return new ReconcileResult(
        key, Status.REJECTED, null, Objects.requireNonNull(reason, "reason"), detail);
  }

  /**
   * The vendor's complete records prove the message never arrived.
   *
   * @param key the message's key
   * @param detail how that was established
   * @return the result
   */
  public static ReconcileResult notSent(IdempotencyKey key, String detail) {
    return new ReconcileResult(key, Status.NOT_SENT, null, null, detail);
  }

  /**
   * The vendor's records cannot tell.
   *
   * @param key the message's key
   * @param detail why
   * @return the result
   */
  public static ReconcileResult unknown(IdempotencyKey key, String detail) {
    return new ReconcileResult(key, Status.UNKNOWN, null, null, detail);
  }

  /**
   * The message's key.
   *
   * @return the key
   */
  public IdempotencyKey idempotencyKey() {
    return idempotencyKey;
  }

  /**
   * The verdict.
   *
   * @return the status
   */
  public Status status() {
    return status;
  }

  /**
   * The vendor's message id, for {@link Status#SENT}.
   *
   * @return the id, if known
   */
  public Optional<String> vendorMessageId() {
    return Optional.ofNullable(vendorMessageId);
  }

  /**
   * Why the vendor refused it, for {@link Status#REJECTED}.
   *
   * @return the reason, if refused
   */
  public Optional<RejectionReason> rejectionReason() {
    return Optional.ofNullable(rejectionReason);
  }

  /**
   * How the verdict was reached, for reports.
   *
   * @return the detail, possibly empty
   */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "ReconcileResult{key="
        + idempotencyKey
        + ", status="
        + status
        + (vendorMessageId == null ? "" : ", messageId=" + vendorMessageId)
        + (rejectionReason == null ? "" : ", reason=" + rejectionReason)
        + '}';
  }
}
