package io.campaignrelay.delivyr.implementation;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import okio.Buffer;

/**
 * Appends JSON to an okio {@link Buffer} in chunks: pre-encoded constant parts as they are, and
 * texts quoted and escaped exactly as Jackson's {@code UTF8JsonGenerator} does with its default
 * settings (the tests compare both on every character below U+0800, on escapes and on surrogates):
 * {@code "} and {@code \} and the controls with a short escape ({@code \b \t \n \f \r}) as that
 * escape, the other controls as a six-character escape (backslash, {@code u}, four hex digits),
 * each surrogate (paired or not) as such an escape in upper-case hex, everything else as UTF-8. No
 * generator state is checked per value: the caller writes a fixed shape.
 *
 * <p>{@link #writesLike(JsonFactory)} tells whether a factory's generator would write the same
 * bytes (a factory configured to escape non-ASCII, to combine surrogates or to escape {@code /}
 * would not); {@link BatchBody} falls back to the generator then. Not thread-safe: one writer per
 * body.
 */
final class Utf8JsonWriter {

  /**
   * Per ASCII character: 0 when written as is, -1 for a six-character escape (backslash, {@code u},
   * four hex digits), else the short escape.
   */
  private static final byte[] ESCAPES = new byte[128];

  private static final byte[] HEX =
      "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = -1;
    }
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\n'] = 'n';
    ESCAPES['\f'] = 'f';
    ESCAPES['\r'] = 'r';
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
  }

  /** Every ASCII character, the UTF-8 length boundaries, a pair and lone surrogates. */
  static final String PROBE;

  static {
    StringBuilder b = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      b.append(c);
    }
    b.append("\u0080\u00e9\u07ff\u0800\u20ac\u2028\uffff\ud83d\ude00x\ud83dy\ude00z\udbff\udfff");
    PROBE = b.toString();
  }

  private final Buffer sink;
  private byte[] bytes = new byte[CHUNK];
  private int length;
  private char[] chars = new char[256];

  /** The bytes gathered before they are copied into the sink's segments. */
  private static final int CHUNK = 8192;

  /**
   * A writer.
   *
   * @param sink receives the bytes, in chunks and at {@link #flush()}
   */
  Utf8JsonWriter(Buffer sink) {
    this.sink = sink;
  }

  /** Copies the bytes not yet copied into the sink. */
  void flush() {
    if (length > 0) {
      sink.write(bytes, 0, length);
      length = 0;
    }
  }

  /** Appends pre-encoded bytes. */
  void raw(byte[] part) {
    ensure(part.length);
    System.arraycopy(part, 0, bytes, length, part.length);
    length += part.length;
  }

  /** Appends one ASCII character. */
  void raw(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
  }

  /** Appends a text as a JSON string (null as {@code null}, as the generator writes it). */
  void string(String s) {
    if (s == null) {
      raw(NULL);
      return;
    }
    int n = s.length();
    ensure(n + 2);
    char[] c = chars;
    if (c.length < n) {
      c = chars = new char[Math.max(n, c.length * 2)];
    }
    s.getChars(0, n, c, 0);
    byte[] b = bytes;
    int p = length;
    b[p++] = '"';
    int i = 0;
    while (i < n) {
      char ch = c[i];
      if (ch >= 0x80 || ESCAPES[ch] != 0) {
        break;
      }
      b[p++] = (byte) ch;
      i++;
    }
    length = p;
    if (i < n) {
      escaped(c, i, n);
    }
    ensure(1);
    bytes[length++] = '"';
  }

  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /** The rest of a text, from its first character that is not plain ASCII. */
  private void escaped(char[] c, int from, int n) {
    ensure((n - from) * 6); // at most six bytes per character (an escape)
    byte[] b = bytes;
    int p = length;
    for (int i = from; i < n; i++) {
      char ch = c[i];
      if (ch < 0x80) {
        int e = ESCAPES[ch];
        if (e == 0) {
          b[p++] = (byte) ch;
        } else if (e > 0) {
          b[p++] = '\\';
          b[p++] = (byte) e;
        } else {
          p = unicodeEscape(b, p, ch);
        }
      } else if (ch < 0x800) {
        b[p++] = (byte) (0xc0 | (ch >> 6));
        b[p++] = (byte) (0x80 | (ch & 0x3f));
      } else if (Character.isSurrogate(ch)) {
        p = unicodeEscape(b, p, ch);
      } else {
        b[p++] = (byte) (0xe0 | (ch >> 12));
        b[p++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (ch & 0x3f));
      }
    }
    length = p;
  }

  private static int unicodeEscape(byte[] b, int p, char ch) {
    b[p++] = '\\';
    b[p++] = 'u';
    b[p++] = HEX[(ch >> 12) & 0xf];
    b[p++] = HEX[(ch >> 8) & 0xf];
    b[p++] = HEX[(ch >> 4) & 0xf];
    b[p++] = HEX[ch & 0xf];
    return p;
  }

  /**
   * Room for {@code more} bytes: the chunk goes to the sink when full (and grows for a long text).
   */
  private void ensure(int more) {
    if (length + more > bytes.length) {
      flush();
      if (more > bytes.length) {
        bytes = new byte[more];
      }
    }
  }

  /**
   * Whether the factory's generator writes texts, names and booleans as this writer does: the probe
   * (every ASCII character, multi-byte characters, surrogates) is written both ways as a name and
   * as a value, and the bytes compared.
   *
   * @param factory the factory
   * @return true when the bytes are the same
   */
  static boolean writesLike(JsonFactory factory) {
    ByteArrayOutputStream generated = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = factory.createGenerator(generated, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeFieldName(PROBE);
      g.writeString(PROBE);
      g.writeFieldName("t");
      g.writeBoolean(true);
      g.writeFieldName("f");
      g.writeBoolean(false);
      g.writeEndObject();
    } catch (IOException | RuntimeException e) {
      return false; // a generator that refuses the probe is not this writer
    }
    Buffer written = new Buffer();
    Utf8JsonWriter w = new Utf8JsonWriter(written);
    w.raw('{');
    w.string(PROBE);
    w.raw(':');
    w.string(PROBE);
    w.raw(",\"t\":true,\"f\":false}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    w.flush();
    return Arrays.equals(generated.toByteArray(), written.readByteArray());
  }
}
