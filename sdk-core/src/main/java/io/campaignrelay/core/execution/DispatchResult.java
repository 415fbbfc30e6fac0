package io.campaignrelay.core.execution;

import io.campaignrelay.core.metrics.RejectionReason;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MessageChannel} did with one message of a batch: accepted (with the vendor's
 * message id and, when the vendor groups sends, its batch id) or rejected (with a {@link
 * RejectionReason} and the vendor's detail). Matched to the message by its {@link IdempotencyKey}.
 * Immutable and thread-safe.
 */
public final class DispatchResult {

  private final IdempotencyKey idempotencyKey;
  private final boolean accepted;
  private final String vendorMessageId;
  private final String batchId;
  private final RejectionReason rejectionReason;
  private final String detail;

  private DispatchResult(
      IdempotencyKey idempotencyKey,
      boolean accepted,
      String vendorMessageId,
      String batchId,
      RejectionReason rejectionReason,
      String detail) {
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    this.accepted = accepted;
    this.vendorMessageId = vendorMessageId;
    this.batchId = batchId;
    this.rejectionReason = rejectionReason;
    this.detail = detail;
  }

  /**
   * The vendor accepted the message.
   *
   * @param idempotencyKey the message's key
   * @param vendorMessageId the vendor's message id, or null if the vendor gives none per message
   * @return the result
   */
  public static DispatchResult accepted(IdempotencyKey idempotencyKey, String vendorMessageId) {
    return new DispatchResult(idempotencyKey, true, blankToNull(vendorMessageId), null, null, null);
  }

  /**
   * The vendor accepted the message as part of a batch.
   *
   * @param idempotencyKey the message's key
   * @param vendorMessageId the vendor's message id, or null
   * @param batchId the vendor's batch id, or null
   * @return the result
   */
  public static DispatchResult accepted(
      IdempotencyKey idempotencyKey, String vendorMessageId, String batchId) {
    return new DispatchResult(
        idempotencyKey, true, blankToNull(vendorMessageId), blankToNull(batchId), null, null);
  }

  /**
   * The vendor (or the channel's own validation) rejected the message; it was not sent.
   *
   * @param idempotencyKey the message's key
   * @param reason why
   * @param detail the vendor's words (error code and message), or null
   * @return the result
   */
  public static DispatchResult rejected(
      IdempotencyKey idempotencyKey, RejectionReason reason, String detail) {
    return new DispatchResult(
        idempotencyKey,
        false,
        null,
        null,
        Objects.requireNonNull(reason, "reason"),
        blankToNull(detail));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
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
   * Whether the vendor accepted the message.
   *
   * @return true if accepted
   */
  public boolean isAccepted() {
    return accepted;
  }

  /**
   * The vendor's message id of an accepted message.
   *
   * @return the id, or empty
   */
  public Optional<String> vendorMessageId() {
    return Optional.ofNullable(vendorMessageId);
  }

  /**
   * The vendor's batch id of an accepted message.
   *
   * @return the id, or empty
   */
  public Optional<String> batchId() {
    return Optional.ofNullable(batchId);
  }

  /** The vendor's message id, or null (the engine reads it per message, without an Optional). */
  String vendorMessageIdOrNull() {
    return vendorMessageId;
  }

  /** The vendor's batch id, or null (the engine reads it per message, without an Optional). */
  String batchIdOrNull() {
    return batchId;
  }

  /**
   * Why a rejected message was rejected.
   *
   * @return the reason, or empty when accepted
   */
  public Optional<RejectionReason> rejectionReason() {
    return Optional.ofNullable(rejectionReason);
  }

  /**
   * The vendor's words about a rejection.
   *
   * @return the detail, or empty
   */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DispatchResult d
        && accepted == d.accepted
        && idempotencyKey.equals(d.idempotencyKey)
        && Objects.equals(vendorMessageId, d.vendorMessageId)
        && Objects.equals(batchId, d.batchId)
        && rejectionReason == d.rejectionReason
        && Objects.equals(detail, d.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        idempotencyKey, accepted, vendorMessageId, batchId, rejectionReason, detail);
  }

  @Override
  public String toString() {
    return accepted
        ? "Accepted{key="
            + idempotencyKey
            + ", messageId="
            + vendorMessageId
            + (batchId == null ? "" : ", batchId=" + batchId)
            + '}'
        : "Rejected{key="
            + idempotencyKey
            + ", reason="
            + rejectionReason
            + (detail == null ? "" : ", detail=" + detail)
            + '}';
  }
}
