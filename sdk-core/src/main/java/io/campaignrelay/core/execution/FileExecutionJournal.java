package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.CustomerId;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

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
  private final FileChannel channel;
  private final int discardedLines;
  private String broken;

  private FileExecutionJournal(Path path, Durability durability) throws IOException {
    this.path = path;
    this.durability = durability;
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    this.discardedLines = Files.exists(path) ? load(path) : 0;
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
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
    return discardedLines;
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
    StringBuilder sb = new StringBuilder(entries.size() * 96);
    for (JournalEntry e : entries) {
      appendLine(sb, Objects.requireNonNull(e, "entry"));
    }
    if (broken != null) {
      throw new CampaignRelayException(
          "the execution journal "
              + path
              + " refused an earlier write and could not be restored ("
              + broken
              + "): close it, fix the cause (disk space, permissions) and open the same file"
              + " again; never start a new journal for a campaign that has one");
    }
    ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    long before = -1;
    try {
      before = channel.size();
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      if (durability == Durability.SYNC) {
        channel.force(false);
      }
    } catch (IOException e) {
      rollBack(before, e);
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

  /**
   * Cuts a partly written step off the end of the file, so that the next append cannot run into it;
   * if that fails too, the journal refuses every further write.
   */
  private void rollBack(long before, IOException cause) {
    if (before < 0) {
      broken = String.valueOf(cause.getMessage());
      return;
    }
    try {
      channel.truncate(before);
      if (durability == Durability.SYNC) {
        channel.force(false);
      }
    } catch (IOException | RuntimeException again) {
      cause.addSuppressed(again);
      broken = String.valueOf(cause.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "FileExecutionJournal{" + path + ", " + durability + '}';
  }

  // Line: cr1 TAB state TAB epochMillis TAB campaign TAB customer TAB key TAB detail TAB crc32hex
  private static void appendLine(StringBuilder sb, JournalEntry e) {
    int start = sb.length();
    sb.append(VERSION).append('\t').append(e.state().name()).append('\t');
    sb.append(e.at().toEpochMilli()).append('\t');
    escape(sb, e.campaignId().value());
    sb.append('\t');
    escape(sb, e.customerId().value());
    sb.append('\t');
    escape(sb, e.idempotencyKey().value());
    sb.append('\t');
    escape(sb, e.detail());
    String content = sb.substring(start);
    sb.append('\t').append(Long.toHexString(crc(content))).append('\n');
  }

  private static long crc(String content) {
    CRC32 crc = new CRC32();
    crc.update(content.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  private static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(
            switch (n) {
              case 't' -> '\t';
              case 'n' -> '\n';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Loads intact lines; truncates a torn tail so that later appends start on a fresh line. */
  /**
   * Reads every intact line into the index. Lines are split on the newline byte and decoded
   * leniently, so a crash inside a multi-byte character, a torn or garbled tail of any kind, is a
   * line whose checksum fails: it is discarded, never an error. The file is then cut back to its
   * last intact line so that the next append starts on a line of its own.
   */
  private int load(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int discarded = 0;
    int intactBytes = 0;
    int start = 0;
    java.nio.charset.CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
    java.util.ArrayList<JournalEntry> batch = new java.util.ArrayList<>(1024);
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      boolean complete = end < bytes.length; // a line without its newline is a torn tail
      JournalEntry e = null;
      if (complete) {
        String line = decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
        e = parse(line);
      }
      if (e == null) {
        if (end > start || complete) {
          discarded++;
        }
      } else {
        batch.add(e);
        if (batch.size() == 1024) {
          index(batch);
          batch.clear();
        }
        intactBytes = end + 1;
      }
      start = end + 1;
    }
    index(batch);
    if (intactBytes < bytes.length) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(intactBytes);
      }
    }
    return discarded;
  }

  private static JournalEntry parse(String line) {
    int lastTab = line.lastIndexOf('\t');
    if (lastTab < 0) {
      return null;
    }
    String content = line.substring(0, lastTab);
    try {
      if (Long.parseLong(line.substring(lastTab + 1), 16) != crc(content)) {
        return null;
      }
      String[] f = content.split("\t", -1);
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
      return new JournalEntry(
          CampaignId.of(unescape(f[3])),
          CustomerId.of(unescape(f[4])),
          state,
          new IdempotencyKey(unescape(f[5])),
          Instant.ofEpochMilli(Long.parseLong(f[2])),
          unescape(f[6]));
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
