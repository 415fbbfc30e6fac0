package io.campaignrelay.core.runtime;

import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionReport;

/**
 * Runs, or resumes, one campaign's execution for {@link CampaignJobs}: typically reads the
 * campaign's targets and templates and calls {@link
 * io.campaignrelay.core.execution.CampaignExecutor} with the integration's mode and a durable
 * journal, so that running it again resumes rather than repeats.
 */
@FunctionalInterface
public interface CampaignRunner {

  /**
   * Runs the campaign.
   *
   * @param record the campaign as the ledger has it
   * @param listener to pass to the executor (it renews the instance's claim as batches go out; when
   *     the claim is lost it throws, which stops the run after the batch in hand)
   * @return what the run did
   * @throws RuntimeException to have the job retried later (it resumes from the journal)
   */
  ExecutionReport run(CampaignRecord record, ExecutionListener listener);
}
