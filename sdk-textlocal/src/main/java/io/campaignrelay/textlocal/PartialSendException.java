package io.campaignrelay.textlocal;

import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.http.ApiConnectionException;
import java.util.List;

/**
 * A chunked send stopped part-way: the chunks before the failing one were accepted by TextLocal
 * (their batch ids are here, so they can be tracked and are not re-sent), the failing chunk's
 * outcome is in {@link #getCause()}, and the chunks after it were not attempted.
 *
 * <p>When {@link #outcomeUnknown()} is true, the failing chunk may have been sent: check
 * TextLocal's history before sending it again. TextLocal has no idempotency key, so the SDK never
 * re-sends it.
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
            + " messages); "
            + recipientsNotAttempted
            + " recipients from the failing chunk on were not sent"
            + (isOutcomeUnknown(cause)
                ? " or have an unknown outcome: check TextLocal's history before re-sending"
                : "")
            + ": "
            + cause.getMessage(),
        cause);
    this.batchIds = List.copyOf(batchIds);
    this.messagesAccepted = messagesAccepted;
    this.recipientsNotAttempted = recipientsNotAttempted;
  }

  private static boolean isOutcomeUnknown(Throwable cause) {
    return cause instanceof ApiConnectionException c && c.outcomeUnknown();
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
   * Whether the failing chunk may have reached TextLocal.
   *
   * @return true if its outcome is unknown
   */
  public boolean outcomeUnknown() {
    return isOutcomeUnknown(getCause());
  }
}
