package io.campaignrelay.core.implementation;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * An append-only file of records, one line each: tab-separated escaped fields, then the CRC-32 of
 * the line's content in hex. Opening reads every intact record; a line whose checksum fails (a torn
 * tail of any kind, inside a multi-byte character too) is discarded and the file is cut back to its
 * last intact line. An append that fails is cut off again so that the next one starts on a line of
 * its own; if that fails too, the log refuses further appends. The durable stores of sdk-core (the
 * file journal, job store, ledger, processed ids) are built on it. Internal API.
 */
public final class RecordLog implements Closeable {

  private final Path path;
  private final boolean sync;
  private final FileChannel channel;
  private final int discardedLines;
  private String broken;

  private RecordLog(Path path, boolean sync, Predicate<String[]> onRecord) throws IOException {
    this.path = path;
    this.sync = sync;
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    this.discardedLines = Files.exists(path) ? load(path, onRecord) : 0;
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Opens (or creates) a log, handing every intact record to {@code onRecord} in file order.
   *
   * @param path the file
   * @param sync whether each append is forced to stable storage before it returns
   * @param onRecord takes a record's fields; returns false for a record it cannot use (counted as
   *     discarded, as a torn line is)
   * @return the open log
   * @throws IOException if the file cannot be read or opened for appending
   */
  public static RecordLog open(Path path, boolean sync, Predicate<String[]> onRecord)
      throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(onRecord, "onRecord");
    return new RecordLog(path, sync, onRecord);
  }

  /**
   * The file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * How many lines opening discarded (torn, garbled or unusable).
   *
   * @return the count
   */
  public int discardedLines() {
    return discardedLines;
  }

  /**
   * Appends records as one write (forced to stable storage when the log syncs).
   *
   * @param records the records' fields
   * @throws IOException if the write fails; nothing of it is then in the file
   */
  public synchronized void append(List<String[]> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    if (broken != null) {
      throw new IOException(
          "an earlier write failed and could not be cut off again (" + broken + ")");
    }
    StringBuilder sb = new StringBuilder(records.size() * 96);
    for (String[] r : records) {
      appendLine(sb, r);
    }
    ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    long before = -1;
    try {
      before = channel.size();
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      if (sync) {
        channel.force(false);
      }
    } catch (IOException e) {
      rollBack(before, e);
      throw e;
    }
  }

  private void rollBack(long before, IOException cause) {
    if (before < 0) {
      broken = String.valueOf(cause.getMessage());
      return;
    }
    try {
      channel.truncate(before);
      if (sync) {
        channel.force(false);
      }
    } catch (IOException | RuntimeException again) {
      cause.addSuppressed(again);
      broken = String.valueOf(cause.getMessage());
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }

  /**
   * Writes one record as a line in this format (for files that manage their own writes, such as one
   * rewritten by compaction): escaped fields, tab-separated, the CRC-32 and a newline.
   *
   * @param sb where to write
   * @param fields the record's fields
   */
  public static void appendRecord(StringBuilder sb, String... fields) {
    appendLine(sb, fields);
  }

  /**
   * Reads one line of this format (without its newline).
   *
   * @param line the line
   * @return the unescaped fields, or null if the line is torn or its checksum fails
   */
  public static String[] parseRecord(String line) {
    return parse(line);
  }

  private static void appendLine(StringBuilder sb, String[] fields) {
    int start = sb.length();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append('\t');
      }
      escape(sb, fields[i]);
    }
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

  private static int load(Path file, Predicate<String[]> onRecord) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    int discarded = 0;
    int intactBytes = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      boolean complete = end < bytes.length; // a line without its newline is a torn tail
      String[] fields =
          complete
              ? parse(decoder.decode(ByteBuffer.wrap(bytes, start, end - start)).toString())
              : null;
      boolean used = false;
      if (fields != null) {
        try {
          used = onRecord.test(fields);
        } catch (RuntimeException unusable) {
          used = false;
        }
      }
      if (used) {
        intactBytes = end + 1;
      } else {
        discarded++;
      }
      start = end + 1;
    }
    if (intactBytes < bytes.length) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(intactBytes);
      }
    }
    return discarded;
  }

  private static String[] parse(String line) {
    int lastTab = line.lastIndexOf('\t');
    if (lastTab < 0) {
      return null;
    }
    String content = line.substring(0, lastTab);
    try {
      if (Long.parseLong(line.substring(lastTab + 1), 16) != crc(content)) {
        return null;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    String[] f = content.split("\t", -1);
    List<String> out = new ArrayList<>(f.length);
    for (String s : f) {
      out.add(unescape(s));
    }
    return out.toArray(new String[0]);
  }
}
