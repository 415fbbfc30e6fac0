package io.campaignrelay.core.runtime;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link CampaignLedger} in memory. Thread-safe. */
public class InMemoryCampaignLedger implements CampaignLedger {
  private final TreeMap<String, CampaignRecord> records = new TreeMap<>();

  /**
   * An empty ledger.
   *
   * @return the ledger
   */
  public static InMemoryCampaignLedger create() {
    return new InMemoryCampaignLedger();
  }

  InMemoryCampaignLedger() {}

  @Override
  public synchronized Optional<CampaignRecord> find(String key) {
    return Optional.ofNullable(records.get(key));
  }

  @Override
  public synchronized boolean putIfAbsent(CampaignRecord record) {
    if (records.containsKey(record.key())) {
      return false;
    }
    put(record);
    return true;
  }

  @Override
  public synchronized void put(CampaignRecord record) {
    store(record);
    records.put(record.key(), record);
  }

  /** Hook for a durable subclass: called under the lock before the record is kept. */
  void store(CampaignRecord record) {}

  final synchronized void load(CampaignRecord record) {
    records.put(record.key(), record);
  }

  @Override
  public synchronized List<CampaignRecord> all() {
    return List.copyOf(records.values());
  }
}
