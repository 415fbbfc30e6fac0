package io.campaignrelay.jdbc;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.RecipientState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bytes of one row of the journal's log ({@code <prefix>journal_log}): the entries of one
 * {@code recordAll} call of one campaign, in order. Format 1: the byte {@code 1}, the count, then
 * per entry the customer id, the state's name, the idempotency key, the time (seconds since the
 * epoch, then microseconds) and the detail. Counts, lengths and numbers are unsigned varints
 * (seconds zigzag-encoded); strings are UTF-8. The campaign is the row's own column.
 *
 * <p>A row this SDK cannot read (a newer format, a state it does not know, cut bytes) is a {@link
 * DatabaseException} naming the table, never a guess: the journal decides who is sent.
 */
final class JournalLogFormat {
  static final byte FORMAT = 1;

  private static final RecipientState[] STATES = RecipientState.values();

  private JournalLogFormat() {}

  /** The bytes of {@code entries} (all of one campaign). */
  static byte[] encode(List<JournalEntry> entries) {
    Writer w = new Writer(64 + entries.size() * 120);
    w.buf[w.pos++] = FORMAT;
    w.varint(entries.size());
    for (JournalEntry e : entries) {
      w.string(e.customerId().value());
      w.string(e.state().name());
      w.string(e.idempotencyKey().value());
      Instant at = e.at();
      long seconds = at.getEpochSecond();
      w.varint((seconds << 1) ^ (seconds >> 63));
      w.varint(at.getNano() / 1000);
      w.string(e.detail());
    }
    return w.bytes();
  }

  /**
   * Passes each entry of {@code bytes} to {@code sink}, in order.
   *
   * @param table the log table's name, for the error
   * @param database the store's database (no password), for the error
   */
  static void decode(
      byte[] bytes,
      CampaignId campaignId,
      String table,
      String database,
      Consumer<JournalEntry> sink) {
    Reader r = new Reader(bytes, table, database);
    if (bytes.length == 0 || bytes[0] != FORMAT) {
      throw r.unreadable(
          bytes.length == 0
              ? "an empty row"
              : "a row of format "
                  + (bytes[0] & 0xff)
                  + ", unknown to this Campaign Relay: it was written by a newer version; upgrade"
                  + " this one");
    }
    r.pos = 1;
    long count = r.varint();
    for (long i = 0; i < count; i++) {
      CustomerId customer = CustomerId.of(r.string());
      String stateName = r.string();
      RecipientState state = state(stateName);
      if (state == null) {
        throw r.unreadable(
            "the state '"
                + stateName
                + "', unknown to this Campaign Relay: it was written by a newer version; upgrade"
                + " this one");
      }
      IdempotencyKey key = new IdempotencyKey(r.string());
      long zig = r.varint();
      long seconds = (zig >>> 1) ^ -(zig & 1);
      long micros = r.varint();
      if (micros >= 1_000_000) {
        throw r.unreadable("a time of " + micros + " microseconds past the second");
      }
      Instant at;
      try {
        at = Instant.ofEpochSecond(seconds, micros * 1000);
      } catch (java.time.DateTimeException e) {
        throw r.unreadable("a time of " + seconds + " seconds, out of range");
      }
      String detail = r.string();
      sink.accept(new JournalEntry(campaignId, customer, state, key, at, detail));
    }
    if (r.pos != bytes.length) {
      throw r.unreadable((bytes.length - r.pos) + " bytes after its last entry");
    }
  }

  private static RecipientState state(String name) {
    for (RecipientState s : STATES) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static final class Writer {
    byte[] buf;
    int pos;

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    void ensure(int more) {
      if (pos + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
      }
    }

    void varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    void string(String s) {
      int n = s.length();
      boolean ascii = true;
      for (int i = 0; i < n; i++) {
        if (s.charAt(i) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        varint(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
          buf[pos++] = (byte) s.charAt(i);
        }
      } else {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
      }
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, pos);
    }
  }

  private static final class Reader {
    final byte[] buf;
    final String table;
    final String database;
    int pos;

    Reader(byte[] buf, String table, String database) {
      this.buf = buf;
      this.table = table;
      this.database = database;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= buf.length) {
          throw unreadable("cut bytes (" + buf.length + " in all)");
        }
        byte b = buf[pos++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw unreadable("a number longer than 64 bits at byte " + pos);
    }

    String string() {
      long n = varint();
      if (n > buf.length - pos) {
        throw unreadable("cut bytes (a string of " + n + " bytes at byte " + pos + ")");
      }
      String s = new String(buf, pos, (int) n, StandardCharsets.UTF_8);
      pos += (int) n;
      return s;
    }

    DatabaseException unreadable(String what) {
      return new DatabaseException(
          "the journal's log " + table + " (" + database + ") holds " + what, null, null);
    }
  }
}
