package io.campaignrelay.core.messagelog;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MessageLog} in memory, indexed by campaign, customer and status. Thread-safe; queries
 * return snapshots. Nothing is evicted: use it for tests, demos and runs that fit in memory.
 */
public final class InMemoryMessageLog implements MessageLog {

  private final Object lock = new Object();
  private final List<LoggedMessage> all = new ArrayList<>();
  private final Map<CampaignId, List<LoggedMessage>> byCampaign = new HashMap<>();
  private final Map<CustomerId, List<LoggedMessage>> byCustomer = new HashMap<>();
  private final Map<MessageStatus, List<LoggedMessage>> byStatus =
      new EnumMap<>(MessageStatus.class);

  /** Creates an empty log. */
  public InMemoryMessageLog() {}

  @Override
  public void append(LoggedMessage message) {
    Objects.requireNonNull(message, "message");
    synchronized (lock) {
      all.add(message);
      byCampaign.computeIfAbsent(message.campaignId(), k -> new ArrayList<>()).add(message);
      byCustomer.computeIfAbsent(message.customerId(), k -> new ArrayList<>()).add(message);
      byStatus.computeIfAbsent(message.status(), k -> new ArrayList<>()).add(message);
    }
  }

  @Override
  public List<LoggedMessage> byCampaign(CampaignId campaignId) {
    Objects.requireNonNull(campaignId, "campaignId");
    synchronized (lock) {
      return List.copyOf(byCampaign.getOrDefault(campaignId, List.of()));
    }
  }

  @Override
  public List<LoggedMessage> byCustomer(CustomerId customerId) {
    Objects.requireNonNull(customerId, "customerId");
    synchronized (lock) {
      return List.copyOf(byCustomer.getOrDefault(customerId, List.of()));
    }
  }

  @Override
  public List<LoggedMessage> byStatus(MessageStatus status) {
    Objects.requireNonNull(status, "status");
    synchronized (lock) {
      return List.copyOf(byStatus.getOrDefault(status, List.of()));
    }
  }

  /**
   * Every entry, in append order.
   *
   * @return a snapshot list
   */
  public List<LoggedMessage> all() {
    synchronized (lock) {
      return List.copyOf(all);
    }
  }

  /**
   * The number of entries.
   *
   * @return the size
   */
  public int size() {
    synchronized (lock) {
      return all.size();
    }
  }

  @Override
  public String toString() {
    return "InMemoryMessageLog{size=" + size() + '}';
  }
}
