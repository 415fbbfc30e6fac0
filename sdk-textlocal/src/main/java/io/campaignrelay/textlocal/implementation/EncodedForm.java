package io.campaignrelay.textlocal.implementation;

import java.io.Writer;
import java.util.Arrays;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A form body ({@code application/x-www-form-urlencoded}) encoded once, into one array, with the
 * bytes OkHttp's {@code FormBody.Builder.add} would produce: its length is known without a second
 * walk, and a large field (a {@code bulk_json} {@code data} document) can be written into it by a
 * JSON generator without first becoming a {@code String}. {@link FormAuthentication} puts the
 * credential fields in front of it as it does for a {@code FormBody}. Can be written any number of
 * times.
 */
public final class EncodedForm extends RequestBody {

  private static final MediaType CONTENT_TYPE = MediaType.get("application/x-www-form-urlencoded");

  private final byte[] bytes;
  private final int length;

  private EncodedForm(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
  }

  /**
   * A new encoder.
   *
   * @param estimate the expected encoded size in bytes (the array grows when it is too small)
   * @return the encoder
   */
  public static Encoder encoder(int estimate) {
    return new Encoder(estimate);
  }

  @Override
  public MediaType contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public long contentLength() {
    return length;
  }

  /**
   * The encoded size.
   *
   * @return bytes
   */
  int length() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws java.io.IOException {
    sink.write(bytes, 0, length);
  }

  /** Shows the size only: a form may carry personal data. */
  @Override
  public String toString() {
    return "EncodedForm{" + length + " bytes}";
  }

  /**
   * Encodes fields one after another: {@link #field(String)} starts one, and the value is written
   * through this {@link Writer} (or {@link #value(String)}). Encodes as OkHttp's {@code FormBody}
   * does: letters, digits and {@code -._*} and the other characters OkHttp leaves alone are kept, a
   * space becomes {@code +}, everything else is percent-encoded as UTF-8 with upper-case hex, and a
   * lone surrogate becomes {@code %3F}. Not thread-safe; used once.
   */
  public static final class Encoder extends Writer {

    private static final byte[] HEX =
        "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** OkHttp's FORM_ENCODE_SET, plus '%' and '+' (never kept as they are in a value). */
    private static final String ENCODED_ASCII = " !\"#$&'()+,/:;<=>?@[\\]^`{|}~%";

    /** For each ASCII character: 1 when it is written as it is. */
    private static final boolean[] KEEP = new boolean[128];

    static {
      for (int c = 0x20; c < 0x7f; c++) {
        KEEP[c] = ENCODED_ASCII.indexOf(c) < 0;
      }
    }

    private byte[] buf;
    private int size;
    private boolean any;
    private char high; // a high surrogate waiting for its low half, or 0

    private Encoder(int estimate) {
      this.buf = new byte[Math.max(64, estimate)];
    }

    /**
     * Starts a field: writes {@code &} after an earlier field, the encoded name and {@code =}.
     *
     * @param name the field name
     * @return this encoder, to write the value through
     */
    public Encoder field(String name) {
      endValue();
      if (any) {
        put((byte) '&');
      }
      any = true;
      write(name, 0, name.length());
      endValue();
      put((byte) '=');
      return this;
    }

    /**
     * Writes a whole value of the current field.
     *
     * @param value the value
     * @return this encoder
     */
    public Encoder value(String value) {
      write(value, 0, value.length());
      return this;
    }

    /**
     * The form written so far, as a body. The encoder is not to be used afterwards.
     *
     * @return the body
     */
    public EncodedForm toBody() {
      endValue();
      return new EncodedForm(buf, size);
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      ensure(len);
      for (int i = off, end = off + len; i < end; i++) {
        encode(cbuf[i]);
      }
    }

    @Override
    public void write(String s, int off, int len) {
      ensure(len);
      for (int i = off, end = off + len; i < end; i++) {
        encode(s.charAt(i));
      }
    }

    @Override
    public void write(int c) {
      ensure(1);
      encode((char) c);
    }

    @Override
    public void flush() {}

    /** Does nothing: a JSON generator closes its target, and the form goes on after it. */
    @Override
    public void close() {}

    private void encode(char c) {
      if (c < 0x80 && high == 0) {
        if (KEEP[c]) {
          if (size == buf.length) {
            grow(1);
          }
          buf[size++] = (byte) c;
        } else if (c == ' ') {
          put((byte) '+');
        } else {
          percent(c);
        }
        return;
      }
      if (high != 0) {
        char h = high;
        high = 0;
        if (Character.isLowSurrogate(c)) {
          int cp = Character.toCodePoint(h, c);
          percent(0xf0 | (cp >>> 18));
          percent(0x80 | ((cp >>> 12) & 0x3f));
          percent(0x80 | ((cp >>> 6) & 0x3f));
          percent(0x80 | (cp & 0x3f));
          return;
        }
        percent('?'); // a lone high surrogate, as okio writes it
        encode(c);
        return;
      }
      if (Character.isHighSurrogate(c)) {
        high = c;
      } else if (Character.isLowSurrogate(c)) {
        percent('?');
      } else if (c < 0x800) {
        percent(0xc0 | (c >>> 6));
        percent(0x80 | (c & 0x3f));
      } else {
        percent(0xe0 | (c >>> 12));
        percent(0x80 | ((c >>> 6) & 0x3f));
        percent(0x80 | (c & 0x3f));
      }
    }

    /** A value ends: a high surrogate still waiting was a lone one. */
    private void endValue() {
      if (high != 0) {
        high = 0;
        percent('?');
      }
    }

    private void percent(int b) {
      if (size + 3 > buf.length) {
        grow(3);
      }
      buf[size] = '%';
      buf[size + 1] = HEX[(b >>> 4) & 0xf];
      buf[size + 2] = HEX[b & 0xf];
      size += 3;
    }

    private void put(byte b) {
      if (size == buf.length) {
        grow(1);
      }
      buf[size++] = b;
    }

    private void ensure(int chars) {
      if (size + chars > buf.length) {
        grow(chars);
      }
    }

    private void grow(int atLeast) {
      int n = Math.max(buf.length + (buf.length >> 1), size + atLeast);
      buf = Arrays.copyOf(buf, n);
    }
  }
}
