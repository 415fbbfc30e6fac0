package io.campaignrelay.core.runtime;

/**
 * Pulls one day of a sent campaign's metrics from the vendor and reports them (for {@link
 * CampaignJobs}). Day 1 is the day after the send; a guide's "daily for a week" is days 1 to 7.
 */
@FunctionalInterface
public interface MetricsPull {

  /**
   * Pulls and reports a day's metrics.
   *
   * @param record the campaign as the ledger has it (vendor references in its attributes)
   * @param day 1 or more
   * @throws RuntimeException to have the pull retried later
   */
  void pull(CampaignRecord record, int day);
}
