package io.campaignrelay.textlocal;

import io.campaignrelay.core.CampaignId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the flow records each campaign's batches and temporary group: the input of metric pulls
 * (daily for a week) and of temporary-group clean-up. Implement it on durable storage in
 * production; {@link #inMemory()} is for tests and demos. Implementations must be thread-safe;
 * saving a campaign again replaces its record.
 */
public interface CampaignLedger {

  /**
   * Saves (or replaces) a campaign's record.
   *
   * @param dispatch the record
   */
  void save(CampaignDispatch dispatch);

  /**
   * A campaign's record.
   *
   * @param campaignId the campaign
   * @return the record, if any
   */
  Optional<CampaignDispatch> find(CampaignId campaignId);

  /**
   * Every record.
   *
   * @return the records
   */
  List<CampaignDispatch> all();

  /**
   * A durable ledger kept in a core campaign ledger (for example {@code
   * io.campaignrelay.core.runtime.FileCampaignLedger}, or a database-backed one): each campaign's
   * record survives a restart, so the send-once guard of the same-text route holds across
   * processes. Records are kept under the key {@code <campaign>:textlocal}.
   *
   * @param store the core ledger
   * @return the ledger
   */
  static CampaignLedger durable(io.campaignrelay.core.runtime.CampaignLedger store) {
    return new DurableCampaignLedger(store);
  }

  /**
   * A ledger in memory.
   *
   * @return a new empty ledger
   */
  static CampaignLedger inMemory() {
    Map<String, CampaignDispatch> map = new ConcurrentHashMap<>();
    return new CampaignLedger() {
      @Override
      public void save(CampaignDispatch dispatch) {
        map.put(dispatch.campaignId().value(), dispatch);
      }

      @Override
      public Optional<CampaignDispatch> find(CampaignId campaignId) {
        return Optional.ofNullable(map.get(campaignId.value()));
      }

      @Override
      public List<CampaignDispatch> all() {
        return List.copyOf(new ArrayList<>(map.values()));
      }
    };
  }
}
