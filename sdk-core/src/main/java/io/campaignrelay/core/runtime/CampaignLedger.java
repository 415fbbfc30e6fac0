package io.campaignrelay.core.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Port: the runtime's record of each campaign on each channel ({@link CampaignRecord}): what is to
 * be sent when, what was sent, which metric days are reported. Implementations must be thread-safe;
 * {@link #put} is durable when it returns.
 */
public interface CampaignLedger {

  /**
   * A campaign's record.
   *
   * @param key {@link CampaignRecord#keyOf}
   * @return the record, if any
   */
  Optional<CampaignRecord> find(String key);

  /**
   * Stores a record unless one with its key exists.
   *
   * @param record the record
   * @return true if stored; false if the key was taken (the stored one is unchanged)
   */
  boolean putIfAbsent(CampaignRecord record);

  /**
   * Stores (replaces) a record.
   *
   * @param record the record
   */
  void put(CampaignRecord record);

  /**
   * Every record, by key.
   *
   * @return the records
   */
  List<CampaignRecord> all();
}
