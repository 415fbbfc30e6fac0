package io.campaignrelay.core.optout;

import io.campaignrelay.core.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** An {@link OptOutList} in memory. Thread-safe. */
public final class InMemoryOptOutList implements OptOutList {

  private final ConcurrentMap<PhoneNumber, OptOutEntry> entries = new ConcurrentHashMap<>();

  /** Creates an empty list. */
  public InMemoryOptOutList() {}

  @Override
  public boolean isOptedOut(PhoneNumber phoneNumber) {
    Objects.requireNonNull(phoneNumber, "phoneNumber");
    // an empty list (the common case) answers without hashing the number
    return !entries.isEmpty() && entries.containsKey(phoneNumber);
  }

  @Override
  public Optional<OptOutEntry> entry(PhoneNumber phoneNumber) {
    return Optional.ofNullable(entries.get(Objects.requireNonNull(phoneNumber, "phoneNumber")));
  }

  @Override
  public boolean optOut(OptOutEntry entry) {
    Objects.requireNonNull(entry, "entry");
    return entries.putIfAbsent(entry.phoneNumber(), entry) == null;
  }

  @Override
  public boolean optIn(PhoneNumber phoneNumber) {
    return entries.remove(Objects.requireNonNull(phoneNumber, "phoneNumber")) != null;
  }

  /**
   * Every opt-out, in no particular order.
   *
   * @return a snapshot list
   */
  public List<OptOutEntry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * How many numbers opted out.
   *
   * @return the count
   */
  public int size() {
    return entries.size();
  }

  @Override
  public String toString() {
    return "InMemoryOptOutList{size=" + size() + '}';
  }
}
