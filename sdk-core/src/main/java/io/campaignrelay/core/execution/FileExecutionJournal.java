package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.implementation.RecordLog;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link ExecutionJournal} in an append-only file, so that a process that crashes at any point
 * can be re-run and resume: recipients recorded as done are skipped, PENDING ones (handed to a
 * channel, outcome never recorded) are re-sent with the same idempotency key only on channels that
 * deduplicate by it, and reported as uncertain otherwise.
 *
 * <p>Each entry is one line ending with a CRC-32 of its content; {@link #recordAll(List)} writes a
 * batch's lines with one append and, with {@link Durability#SYNC} (the default), forces them to
 * stable storage before returning. A line torn by a crash (no newline or a bad checksum) is
 * discarded when the file is opened again, which is safe: the engine writes PENDING before it
 * sends, so a torn PENDING line means the batch was never handed over.
 *
 * <p>Thread-safe. Memory: a compact index of about 40 bytes per recipient. Close it when done.
 */
public final class FileExecutionJournal extends IndexedJournal implements Closeable {

  /** When appended lines reach stable storage. */
  public enum Durability {
    /** {@code fsync} after every {@link #recordAll(List)}: survives a power loss. */
    SYNC,
    /** Left to the operating system: survives a process crash, not a power loss; faster. */
    OS_BUFFERED
  }

  private static final String VERSION = "cr1";
  private static final RecipientState[] STATES = RecipientState.values();

  private final Path path;
  private final Durability durability;
  private final RecordLog log;

  private FileExecutionJournal(Path path, Durability durability) throws IOException {
    this.path = path;
    this.durability = durability;
    List<JournalEntry> loaded = new ArrayList<>(1024);
    this.log =
        RecordLog.open(
            path,
            durability == Durability.SYNC,
            fields -> {
              JournalEntry e = parse(fields);
              if (e == null) {
                return false;
              }
              loaded.add(e);
              if (loaded.size() == 1024) {
                index(loaded);
                loaded.clear();
              }
              return true;
            });
    index(loaded);
  }

  /**
   * Opens (or creates) a journal file with {@link Durability#SYNC}.
   *
   * @param path the file
   * @return the journal, with every intact entry of the file loaded
   * @throws CampaignRelayException if the file cannot be read or written
   */
  public static FileExecutionJournal open(Path path) {
    return open(path, Durability.SYNC);
  }

  /**
   * Opens (or creates) a journal file.
   *
   * @param path the file
   * @param durability when appended entries reach stable storage
   * @return the journal, with every intact entry of the file loaded
   * @throws CampaignRelayException if the file cannot be read or written
   */
  public static FileExecutionJournal open(Path path, Durability durability) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(durability, "durability");
    try {
      return new FileExecutionJournal(path, durability);
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot open the execution journal "
              + path
              + ": "
              + e.getMessage()
              + "; fix the cause (a writable directory, disk space, permissions) and open the"
              + " same file again: never start a new journal for a campaign that has one, or"
              + " recipients already texted would be texted again",
          e);
    }
  }

  /**
   * The journal file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * How many torn or corrupt lines were discarded when the file was opened.
   *
   * @return the count, normally 0 (1 after a crash in the middle of a write)
   */
  public int discardedLines() {
    return log.discardedLines();
  }

  @Override
  public void record(JournalEntry entry) {
    recordAll(List.of(entry));
  }

  @Override
  public synchronized void recordAll(List<JournalEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<String[]> records = new ArrayList<>(entries.size());
    for (JournalEntry e : entries) {
      records.add(fields(Objects.requireNonNull(e, "entry")));
    }
    try {
      log.append(records);
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot append to the execution journal "
              + path
              + ": "
              + e.getMessage()
              + "; nothing of this step was recorded: fix the cause (disk space, permissions) and"
              + " run the campaign again with the same journal",
          e);
    }
    index(entries);
  }

  @Override
  public synchronized void close() {
    try {
      log.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "FileExecutionJournal{" + path + ", " + durability + '}';
  }

  // Record: cr1 TAB state TAB epochMillis TAB campaign TAB customer TAB key TAB detail (then the
  // record log's CRC-32).
  private static String[] fields(JournalEntry e) {
    return new String[] {
      VERSION,
      e.state().name(),
      Long.toString(e.at().toEpochMilli()),
      e.campaignId().value(),
      e.customerId().value(),
      e.idempotencyKey().value(),
      e.detail()
    };
  }

  private static JournalEntry parse(String[] f) {
    if (f.length != 7 || !VERSION.equals(f[0])) {
      return null;
    }
    RecipientState state = null;
    for (RecipientState s : STATES) {
      if (s.name().equals(f[1])) {
        state = s;
      }
    }
    if (state == null) {
      return null;
    }
    try {
      return new JournalEntry(
          CampaignId.of(f[3]),
          CustomerId.of(f[4]),
          state,
          new IdempotencyKey(f[5]),
          Instant.ofEpochMilli(Long.parseLong(f[2])),
          f[6]);
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
