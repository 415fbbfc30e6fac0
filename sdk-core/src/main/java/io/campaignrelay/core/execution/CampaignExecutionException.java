package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignRelayException;

/**
 * A campaign run stopped part-way because a channel call failed. Everything done before the failure
 * is in the journal; the batch that failed stays PENDING. Run the campaign again with the same
 * journal to resume: done recipients are skipped and the failed batch is re-sent with the same
 * idempotency keys only if the channel deduplicates by them (otherwise it is reported as uncertain,
 * never sent twice).
 */
public class CampaignExecutionException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  private final transient ExecutionReport partialReport;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param partialReport what the run had done before the failure
   * @param cause the channel's exception
   */
  public CampaignExecutionException(
      String message, ExecutionReport partialReport, Throwable cause) {
    super(message, cause);
    this.partialReport = partialReport;
  }

  /**
   * What the run had done before it stopped.
   *
   * @return the partial report (null only after deserialization)
   */
  public ExecutionReport partialReport() {
    return partialReport;
  }
}
