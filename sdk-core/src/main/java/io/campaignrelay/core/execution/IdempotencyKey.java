package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.implementation.Texts;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The key that makes sending one message to one customer idempotent: derived deterministically from
 * campaign + customer, so a retried or resumed run produces the same key and a vendor that honours
 * idempotency keys (or the execution journal) sends the message once.
 *
 * <p>Derived keys are {@code "cr1-"} followed by 32 lower-case hex digits (the first 128 bits of
 * SHA-256 over the campaign id, a NUL and the customer id): 36 ASCII characters, safe in headers,
 * form fields and JSON, and free of personal data.
 *
 * <p>A key in that form (lower-case hex) also keeps its 128 bits as two numbers, which the engine
 * and the journals use instead of the text. Two keys are equal when their texts are. Immutable and
 * thread-safe.
 */
public final class IdempotencyKey {

  /** Longest key accepted (the common limit of vendors' idempotency headers). */
  public static final int MAX_LENGTH = 255;

  private static final String PREFIX = "cr1-";
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * One thread's digest and buffers, so that deriving a key allocates only the key: a million
   * recipients derive a million keys.
   */
  private static final class Scratch {
    private final MessageDigest sha;
    private final byte[] digest = new byte[32];
    private final byte[] text = new byte[64];

    Scratch() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every Java platform", e);
      }
    }

    // The bytes of the last campaign id and its 0 separator, at the start of `pair`, kept while
    // the same id's keys are derived (a run derives all its keys for one campaign).
    private final byte[] pair = new byte[128];
    private String pairCampaign;
    private int prefix;

    /**
     * Digests an ASCII campaign id, a 0 byte and an ASCII customer id with one update (the same
     * bytes as three), reusing the campaign's bytes from the previous call. False, having digested
     * nothing, when either is not ASCII or both do not fit.
     */
    boolean digestPair(String campaign, String customer) {
      if (!campaign.equals(pairCampaign)) {
        int end = ascii(campaign, pair, 0, 1);
        if (end < 0) {
          pairCampaign = null; // its bytes may be half overwritten
          return false;
        }
        pair[end] = 0;
        prefix = end + 1;
        pairCampaign = campaign;
      }
      int end = ascii(customer, pair, prefix, 0);
      if (end < 0) {
        return false;
      }
      sha.update(pair, 0, end);
      return true;
    }

    /** Digests the text's UTF-8 bytes (an ASCII text without encoding it first). */
    void update(String v) {
      int end = ascii(v, text, 0, 0);
      if (end < 0) {
        sha.update(v.getBytes(StandardCharsets.UTF_8));
      } else {
        sha.update(text, 0, end);
      }
    }

    /**
     * Copies an ASCII text's bytes into {@code into} at {@code at}, leaving {@code spare} bytes
     * free after it; returns where the text ends, or -1 (having copied part of it, or nothing) when
     * it is not ASCII or does not fit.
     */
    private static int ascii(String v, byte[] into, int at, int spare) {
      int n = v.length();
      if (at + n + spare > into.length) {
        return -1;
      }
      for (int i = 0; i < n; i++) {
        char c = v.charAt(i);
        if (c >= 0x80) {
          return -1;
        }
        into[at + i] = (byte) c;
      }
      return at + n;
    }

    IdempotencyKey finish() {
      try {
        sha.digest(digest, 0, digest.length);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 digest failed", e);
      }
      long h = 0;
      long l = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (digest[i] & 0xff);
        l = (l << 8) | (digest[i + 8] & 0xff);
      }
      // The text is written when first asked for (usually on the thread that sends the message).
      return new IdempotencyKey(null, h, l, true);
    }
  }

  // Null until first asked for, for a derived key (the text of its bits); the race of two threads
  // writing it is benign: both write equal immutable strings.
  private String value;
  private final long hi;
  private final long lo;
  private final boolean hasBits;

  private IdempotencyKey(String value, long hi, long lo, boolean hasBits) {
    this.value = value;
    this.hi = hi;
    this.lo = lo;
    this.hasBits = hasBits;
  }

  /**
   * Validates the key.
   *
   * @param value the key: 1 to {@value #MAX_LENGTH} printable ASCII characters
   * @throws ConfigurationException if the key is empty, too long or not printable ASCII
   */
  public IdempotencyKey(String value) {
    String fix = null;
    if (value == null || value.isEmpty()) {
      fix = "is empty: derive it with IdempotencyKey.derive(campaignId, customerId)";
    } else if (value.length() > MAX_LENGTH) {
      fix = "is " + value.length() + " characters: give at most " + MAX_LENGTH;
    } else if (!Texts.isPrintableToken(value)) {
      fix = "has a space, control or non-ASCII character: use printable ASCII only";
    }
    if (fix != null) {
      throw new ConfigurationException(
          "idempotency key",
          ConfigurationProblem.of("idempotencyKey", Texts.printable(value), fix));
    }
    this.value = value;
    long h = 0;
    long l = 0;
    boolean bits = value.length() == PREFIX.length() + 32 && value.startsWith(PREFIX);
    for (int i = 0; bits && i < 32; i++) {
      int d = hexDigit(value.charAt(PREFIX.length() + i));
      if (d < 0) {
        bits = false;
      } else if (i < 16) {
        h = (h << 4) | d;
      } else {
        l = (l << 4) | d;
      }
    }
    this.hi = bits ? h : 0;
    this.lo = bits ? l : 0;
    this.hasBits = bits;
  }

  /** A lower-case hex digit's value, else -1 (upper case is another key's text). */
  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /**
   * Derives the key of a campaign's message to a customer.
   *
   * @param campaignId the campaign
   * @param customerId the customer
   * @return the same key for the same pair, every time
   */
  public static IdempotencyKey derive(CampaignId campaignId, CustomerId customerId) {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(customerId, "customerId");
    Scratch s = SCRATCH.get();
    if (!s.digestPair(campaignId.value(), customerId.value())) {
      s.update(campaignId.value());
      s.sha.update((byte) 0);
      s.update(customerId.value());
    }
    return s.finish();
  }

  /**
   * The key.
   *
   * @return 1 to {@value #MAX_LENGTH} printable ASCII characters
   */
  public String value() {
    String v = value;
    if (v == null) {
      v = text(hi, lo);
      value = v;
    }
    return v;
  }

  /** {@code "cr1-"} and the 32 lower-case hex digits of the two halves. */
  private static String text(long h, long l) {
    byte[] key = new byte[PREFIX.length() + 32];
    for (int i = 0; i < PREFIX.length(); i++) {
      key[i] = (byte) PREFIX.charAt(i);
    }
    int at = PREFIX.length();
    for (int shift = 60; shift >= 0; shift -= 4) {
      key[at++] = HEX[(int) (h >>> shift) & 0xf];
    }
    for (int shift = 60; shift >= 0; shift -= 4) {
      key[at++] = HEX[(int) (l >>> shift) & 0xf];
    }
    return new String(key, StandardCharsets.ISO_8859_1);
  }

  /**
   * Whether the key is {@code "cr1-"} and 32 lower-case hex digits (every derived key is), whose
   * 128 bits {@link #hi()} and {@link #lo()} give: two such keys are equal exactly when their bits
   * are.
   */
  boolean hasBits() {
    return hasBits;
  }

  /** The first 64 of the 128 bits; 0 when the key has none. */
  long hi() {
    return hi;
  }

  /** The last 64 of the 128 bits; 0 when the key has none. */
  long lo() {
    return lo;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IdempotencyKey k)) {
      return false;
    }
    if (hasBits && k.hasBits) {
      return hi == k.hi && lo == k.lo;
    }
    return hasBits == k.hasBits && value().equals(k.value());
  }

  @Override
  public int hashCode() {
    if (hasBits) {
      long m = (hi ^ lo) * 0x9E3779B97F4A7C15L;
      return (int) (m ^ (m >>> 32));
    }
    return value().hashCode();
  }

  /** Returns the key itself. */
  @Override
  public String toString() {
    return value();
  }
}
