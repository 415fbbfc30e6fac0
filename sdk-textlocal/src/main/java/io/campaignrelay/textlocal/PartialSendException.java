package io.campaignrelay.textlocal;

import io.campaignrelay.core.CampaignRelayException;
import java.util.List;

/**
 * A chunked send stopped part-way: the chunks before the failing one were accepted by TextLocal
 * (their batch ids are here, so they can be tracked and are not re-sent), the failing chunk's
 * outcome is in {@link #getCause()}, and the chunks after it were not attempted.
 *
 * <p>When {@link #outcomeUnknown()} is true, the failing chunk may have been sent: check
 * TextLocal's history before sending it again. TextLocal has no idempotency key, so the SDK never
 * re-sends it. Only a positive refusal (or TextLocal never reached) makes it false.
 */
public class PartialSendException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // immutable List.copyOf of strings
  private final List<String> batchIds;

  private final long messagesAccepted;
  private final long recipientsNotAttempted;

  /**
   * Creates the exception.
   *
   * @param batchIds batch ids of the accepted chunks
   * @param messagesAccepted messages TextLocal accepted before the failure
   * @param recipientsNotAttempted recipients of the failing chunk and every later one
   * @param cause the failure of the failing chunk
   */
  public PartialSendException(
      List<String> batchIds,
      long messagesAccepted,
      long recipientsNotAttempted,
      RuntimeException cause) {
    super(
        "TextLocal send stopped after "
            + batchIds.size()
            + " accepted batches ("
            + messagesAccepted
            + " messages); of the "
            + recipientsNotAttempted
            + " recipients from the failing chunk on, "
            + (SendOutcomes.definitelyNotSent(cause)
                ? "none was sent (the failing chunk was refused, the later ones not attempted)"
                : "the failing chunk's have an unknown outcome (check TextLocal's history for"
                    + " them before re-sending) and the later chunks were not attempted")
            + ": "
            + cause.getMessage(),
        cause);
    this.batchIds = List.copyOf(batchIds);
    this.messagesAccepted = messagesAccepted;
    this.recipientsNotAttempted = recipientsNotAttempted;
  }

  /**
   * Batch ids of the chunks TextLocal accepted.
   *
   * @return the ids, in order
   */
  public List<String> batchIds() {
    return batchIds;
  }

  /**
   * Messages TextLocal accepted before the failure.
   *
   * @return the count
   */
  public long messagesAccepted() {
    return messagesAccepted;
  }

  /**
   * Recipients of the failing chunk and of every chunk after it.
   *
   * @return the count
   */
  public long recipientsNotAttempted() {
    return recipientsNotAttempted;
  }

  /**
   * Whether the failing chunk may have been sent: true unless TextLocal positively refused it
   * ({@code requestRefused()}), was never reached, or a check failed before the call.
   *
   * @return true if its outcome is unknown
   */
  public boolean outcomeUnknown() {
    return !SendOutcomes.definitelyNotSent(getCause());
  }
}
