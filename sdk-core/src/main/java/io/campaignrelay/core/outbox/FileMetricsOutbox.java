package io.campaignrelay.core.outbox;

import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.implementation.RecordLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetricsOutbox} in an append-only file, so that metrics waiting for delivery survive a
 * crash and a restart.
 *
 * <p>Each change is one line ending with a CRC-32 of its content: an appended entry, or an
 * acknowledged id. {@link #append(List)} and {@link #acknowledge(java.util.Collection)} write their
 * lines with one write and, with {@link Durability#SYNC} (the default), force them to stable
 * storage before returning. When the file is opened again:
 *
 * <ul>
 *   <li>a torn tail (the bytes a crash left after the last intact line: a line without its newline,
 *       with a bad checksum or cut inside a UTF-8 sequence) is discarded and cut off the file,
 *       which is safe: the call that wrote it never returned, so its entries were never handed to a
 *       receiver and its acknowledgements are merely repeated (the entries are delivered again);
 *   <li>a damaged line followed by intact ones (not a crash: the storage was damaged) is skipped,
 *       counted in {@link #discardedRecords()} and logged.
 * </ul>
 *
 * <p>If a write fails part-way (for example the disk is full), the file is cut back to where it
 * was, the call throws and nothing changes; if even that fails, the outbox refuses further writes
 * until it is opened again (which discards the torn tail).
 *
 * <p>The file is rewritten (to a temporary file, then moved over it atomically) when it is opened
 * and whenever dead lines (delivered entries, ids past the retention) make up a third of it, so it
 * holds about the pending entries and the ids acknowledged within the {@link #retention()}.
 * Thread-safe; one process per file. Close it when done.
 */
public final class FileMetricsOutbox extends OutboxState implements Closeable {

  /** When appended lines reach stable storage. */
  public enum Durability {
    /** {@code fsync} after every write: survives a power loss. */
    SYNC,
    /** Left to the operating system: survives a process crash, not a power loss; faster. */
    OS_BUFFERED
  }

  private static final Logger LOG = LoggerFactory.getLogger(FileMetricsOutbox.class);
  private static final String VERSION = "ob1";
  private static final int COMPACT_SLACK = 1_000;

  private final Path path;
  private final Durability durability;
  private final int discardedRecords;
  private FileChannel channel;
  private long lines;
  private boolean broken;

  private FileMetricsOutbox(Path path, Durability durability, Clock clock, Duration retention)
      throws IOException {
    super(clock, retention);
    this.path = path;
    this.durability = durability;
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    this.discardedRecords = Files.exists(path) ? load() : 0;
    this.channel = openForAppend();
    prune();
    if (mostlyDead() || discardedRecords > 0) {
      compact();
    }
  }

  /**
   * Opens (or creates) an outbox file with {@link Durability#SYNC}, the system clock and the {@link
   * MetricsOutbox#DEFAULT_RETENTION}.
   *
   * @param path the file
   * @return the outbox, holding every intact entry of the file
   * @throws CampaignRelayException if the file cannot be read or written
   */
  public static FileMetricsOutbox open(Path path) {
    return open(path, Durability.SYNC, Clock.systemUTC(), DEFAULT_RETENTION);
  }

  /**
   * Opens (or creates) an outbox file.
   *
   * @param path the file
   * @param durability when written lines reach stable storage
   * @param clock the clock of acknowledgements and of the retention
   * @param retention how long acknowledged ids are remembered
   * @return the outbox, holding every intact entry of the file
   * @throws CampaignRelayException if the file cannot be read or written
   * @throws io.campaignrelay.core.ConfigurationException if the clock or retention is missing
   */
  public static FileMetricsOutbox open(
      Path path, Durability durability, Clock clock, Duration retention) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(durability, "durability");
    try {
      return new FileMetricsOutbox(path, durability, clock, retention);
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot open the metrics outbox "
              + path
              + ": "
              + e.getMessage()
              + "; check that the file and its directory are readable and writable",
          e);
    }
  }

  /**
   * The outbox file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * How many torn or damaged lines were discarded when the file was opened.
   *
   * @return the count, normally 0 (1 after a crash in the middle of a write)
   */
  public int discardedRecords() {
    return discardedRecords;
  }

  @Override
  void persistAppend(List<OutboxEntry> entries) {
    StringBuilder sb = new StringBuilder(entries.size() * 256);
    for (OutboxEntry e : entries) {
      appendEntry(sb, e);
    }
    write(sb, entries.size(), "append to");
  }

  @Override
  void persistAcknowledge(List<String> ids, Instant at) {
    StringBuilder sb = new StringBuilder(ids.size() * 64);
    for (String id : ids) {
      appendDelivered(sb, id, at);
    }
    write(sb, ids.size(), "acknowledge in");
  }

  @Override
  void afterAcknowledge() {
    if (mostlyDead()) {
      compact();
    }
  }

  private void write(StringBuilder sb, int count, String what) {
    if (broken) {
      throw new CampaignRelayException(
          "the metrics outbox "
              + path
              + " refused the write: an earlier write failed and could not be undone; open the"
              + " file again (its torn tail is discarded)");
    }
    ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    long before;
    try {
      before = channel.size();
    } catch (IOException e) {
      throw failure(what, e);
    }
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      if (durability == Durability.SYNC) {
        channel.force(false);
      }
    } catch (IOException e) {
      try {
        channel.truncate(before);
        if (durability == Durability.SYNC) {
          channel.force(false);
        }
      } catch (IOException undo) {
        broken = true;
        e.addSuppressed(undo);
      }
      throw failure(what, e);
    }
    lines += count;
  }

  private CampaignRelayException failure(String what, IOException e) {
    return new CampaignRelayException(
        "cannot " + what + " the metrics outbox " + path + ": " + e.getMessage(), e);
  }

  /** Whether the dead lines (delivered entries, forgotten ids) are many and a third or more. */
  private boolean mostlyDead() {
    long live = depth() + rememberedCount();
    long dead = lines - live;
    return dead > COMPACT_SLACK && dead * 2 > live;
  }

  /** Rewrites the file with the pending entries and the remembered ids only. */
  private void compact() {
    Path tmp = path.resolveSibling(path.getFileName() + ".compact");
    StringBuilder sb = new StringBuilder();
    long count = 0;
    for (OutboxEntry e : allPending()) {
      appendEntry(sb, e);
      count++;
    }
    for (Delivered d : remembered()) {
      appendDelivered(sb, d.id(), d.at());
      count++;
    }
    try {
      try (FileChannel out =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          out.write(buf);
        }
        out.force(true);
      }
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory();
      FileChannel old = channel;
      channel = openForAppend();
      old.close();
      lines = count;
    } catch (IOException e) {
      LOG.warn(
          "could not rewrite the metrics outbox {} ({}); it keeps growing until the next try",
          path,
          e.toString());
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the next rewrite truncates it
      }
    }
  }

  private void syncDirectory() {
    Path dir = path.toAbsolutePath().getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // not every platform can sync a directory; the move itself is atomic
    }
  }

  private FileChannel openForAppend() throws IOException {
    return FileChannel.open(
        path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot close the metrics outbox " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized String toString() {
    return "FileMetricsOutbox{" + path + ", " + durability + ", depth=" + depth() + '}';
  }

  // ------------------------------------------------------------------ reading

  /** Loads the intact lines; cuts a torn tail off so that later appends start on a fresh line. */
  private int load() throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int damaged = 0;
    int badSinceIntact = 0;
    long intactEnd = 0;
    int start = 0;
    while (start < bytes.length) {
      int nl = start;
      while (nl < bytes.length && bytes[nl] != '\n') {
        nl++;
      }
      boolean ok = false;
      if (nl < bytes.length) {
        String line = decode(decoder, bytes, start, nl - start);
        ok = line != null && apply(line);
      }
      if (ok) {
        damaged += badSinceIntact;
        badSinceIntact = 0;
        intactEnd = nl + 1L;
        lines++;
      } else {
        badSinceIntact++;
      }
      start = nl + 1;
    }
    if (damaged > 0) {
      LOG.warn(
          "metrics outbox {}: skipped {} damaged line(s) between intact ones; the storage may be"
              + " damaged (a crash only tears the end of the file)",
          path,
          damaged);
    }
    if (intactEnd < bytes.length) {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
        ch.truncate(intactEnd);
        ch.force(true);
      }
    }
    return damaged + badSinceIntact;
  }

  private static String decode(CharsetDecoder decoder, byte[] bytes, int offset, int length) {
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, offset, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private boolean apply(String line) {
    String[] f = RecordLog.parseRecord(line);
    if (f == null || f.length < 3 || !VERSION.equals(f[0])) {
      return false;
    }
    try {
      Instant at = Instant.ofEpochMilli(Long.parseLong(f[2]));
      if (f[1].equals("A") && f.length == 6) {
        applyAppend(new OutboxEntry(f[4], f[3], f[5], at));
        return true;
      }
      if (f[1].equals("D") && f.length == 4) {
        applyAcknowledge(f[3], at);
        return true;
      }
      return false;
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  // ------------------------------------------------------------------ line format
  // A line: ob1 TAB A TAB createdMillis TAB topic TAB id TAB payload TAB crc32hex
  //      or ob1 TAB D TAB ackedMillis TAB id TAB crc32hex

  private static void appendEntry(StringBuilder sb, OutboxEntry e) {
    RecordLog.appendRecord(
        sb,
        VERSION,
        "A",
        Long.toString(e.createdAt().toEpochMilli()),
        e.topic(),
        e.id(),
        e.payload());
  }

  private static void appendDelivered(StringBuilder sb, String id, Instant at) {
    RecordLog.appendRecord(sb, VERSION, "D", Long.toString(at.toEpochMilli()), id);
  }
}
