package io.campaignrelay.core.messagelog;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.util.List;

/**
 * Port: the log of every message the SDK handled, in TEST mode (status {@link
 * MessageStatus#LOGGED}: rendered and validated, never sent) as in LIVE mode. Append-only; an entry
 * with a later status for the same message is a new entry. Implementations must be thread-safe;
 * {@link InMemoryMessageLog} is one for tests and small runs.
 */
public interface MessageLog {

  /**
   * Appends an entry.
   *
   * @param message the entry
   */
  void append(LoggedMessage message);

  /**
   * The entries of a campaign, in append order.
   *
   * @param campaignId the campaign
   * @return a snapshot list
   */
  List<LoggedMessage> byCampaign(CampaignId campaignId);

  /**
   * The entries of a customer, across campaigns, in append order.
   *
   * @param customerId the customer
   * @return a snapshot list
   */
  List<LoggedMessage> byCustomer(CustomerId customerId);

  /**
   * The entries with a status, in append order.
   *
   * @param status the status
   * @return a snapshot list
   */
  List<LoggedMessage> byStatus(MessageStatus status);
}
