package io.campaignrelay.core.execution;

import java.util.List;
import java.util.Objects;

/**
 * An {@link ExecutionJournal} in memory: the default, good for one process that does not crash. A
 * re-run in the same process resumes; a new process starts from nothing (use {@link
 * FileExecutionJournal} to survive a crash). Thread-safe. Keeps a compact index (about 40 bytes per
 * recipient), not entry objects, so a million-recipient campaign fits in a small heap.
 */
public final class InMemoryExecutionJournal extends IndexedJournal {

  private InMemoryExecutionJournal() {}

  /**
   * Creates an empty journal.
   *
   * @return the journal
   */
  public static InMemoryExecutionJournal create() {
    return new InMemoryExecutionJournal();
  }

  @Override
  public void record(JournalEntry entry) {
    index(List.of(Objects.requireNonNull(entry, "entry")));
  }

  @Override
  public void recordAll(List<JournalEntry> entries) {
    index(entries);
  }

  @Override
  public synchronized String toString() {
    return "InMemoryExecutionJournal{recipients=" + size() + '}';
  }
}
