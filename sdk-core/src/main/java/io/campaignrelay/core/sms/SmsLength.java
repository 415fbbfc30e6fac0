package io.campaignrelay.core.sms;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The length of an SMS text: its {@link #encoding()}, its size in {@link #units()} and how many
 * {@link #segments()} (parts) it is sent and billed as.
 *
 * <ul>
 *   <li>{@link SmsEncoding#GSM_7} when every character is in the GSM 03.38 default alphabet. Units
 *       are septets: 1 per basic-table character, 2 per extension-table character ({@code ^ { } \ [
 *       ~ ] |}, {@code €} and form feed, each sent as an escape plus a code). One part holds 160; a
 *       split message holds 153 per part.
 *   <li>{@link SmsEncoding#UCS_2} otherwise. Units are UTF-16 code units, so most emoji (a
 *       surrogate pair) count 2. One part holds 70; a split message holds 67 per part.
 * </ul>
 *
 * <p>When splitting, an escape pair or a surrogate pair is never cut across two parts: the part
 * ends one unit early instead (a GSM part may then carry 152 septets, a UCS-2 part 66 units).
 *
 * <p>{@link #of(CharSequence)} makes one pass over the text and allocates nothing but the result
 * for GSM-7 text; for UCS-2 text it also collects the characters that forced UCS-2 ({@link
 * #nonGsmCharacters()}). Immutable and thread-safe.
 */
public final class SmsLength {

  // For chars below 0x100: 1 = basic table, 2 = extension table, 0 = not GSM.
  private static final byte[] LATIN1 = new byte[256];

  static {
    String basic =
        "@£$¥èéùìòÇ\nØø\rÅå_ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    for (int i = 0; i < basic.length(); i++) {
      LATIN1[basic.charAt(i)] = 1;
    }
    String extension = "\f^{}\\[~]|";
    for (int i = 0; i < extension.length(); i++) {
      LATIN1[extension.charAt(i)] = 2;
    }
  }

  private static final SmsLength EMPTY = new SmsLength(SmsEncoding.GSM_7, 0, 1, List.of());

  // The single-part GSM-7 lengths (nearly every message), made once: SmsLength is immutable.
  private static final SmsLength[] SINGLE_GSM = new SmsLength[161];

  static {
    SINGLE_GSM[0] = EMPTY;
    for (int u = 1; u < SINGLE_GSM.length; u++) {
      SINGLE_GSM[u] = new SmsLength(SmsEncoding.GSM_7, u, 1, List.of());
    }
  }

  private final SmsEncoding encoding;
  private final int units;
  private final int segments;
  private final List<String> nonGsmCharacters;

  private SmsLength(SmsEncoding encoding, int units, int segments, List<String> nonGsmCharacters) {
    this.encoding = encoding;
    this.units = units;
    this.segments = segments;
    this.nonGsmCharacters = nonGsmCharacters;
  }

  /**
   * Measures a text.
   *
   * @param text the message text as it will be sent
   * @return its length
   */
  public static SmsLength of(CharSequence text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    if (n == 0) {
      return EMPTY;
    }
    // One pass computes the GSM-7 total and the GSM-7 multi-part packing; the UCS-2 packing is
    // computed only if a non-GSM character turns up.
    int septets = 0;
    int gsmParts = 1;
    int gsmFill = 0;
    int firstNonGsm = -1;
    for (int i = 0; i < n; i++) {
      int cost = gsmCost(text.charAt(i));
      if (cost == 0) {
        firstNonGsm = i;
        break;
      }
      septets += cost;
      if (gsmFill + cost > 153) {
        gsmParts++;
        gsmFill = cost;
      } else {
        gsmFill += cost;
      }
    }
    if (firstNonGsm < 0) {
      if (septets <= 160) {
        return SINGLE_GSM[septets];
      }
      return new SmsLength(SmsEncoding.GSM_7, septets, gsmParts, List.of());
    }
    int ucsParts = 1;
    int ucsFill = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      int cost =
          Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))
              ? 2
              : 1;
      if (ucsFill + cost > 67) {
        ucsParts++;
        ucsFill = cost;
      } else {
        ucsFill += cost;
      }
      i += cost - 1;
    }
    return new SmsLength(
        SmsEncoding.UCS_2, n, n <= 70 ? 1 : ucsParts, collectNonGsm(text, firstNonGsm));
  }

  /**
   * The length of a text in the GSM 03.38 alphabet that fits one part, from its septets alone: what
   * {@link #of(CharSequence)} returns for such a text (for a caller that counted the septets while
   * writing the text, say with {@link #gsmSeptets(char)}).
   *
   * @param septets the text's septets, 0 to 160
   * @return the length (GSM-7, one part, no non-GSM characters)
   * @throws IllegalArgumentException if the septets do not fit one part
   */
  public static SmsLength ofSinglePartGsm7(int septets) {
    if (septets < 0 || septets >= SINGLE_GSM.length) {
      throw new IllegalArgumentException(
          "a one-part GSM-7 text has 0 to 160 septets, not " + septets);
    }
    return SINGLE_GSM[septets];
  }

  /**
   * Whether a character is in the GSM 03.38 default alphabet (basic or extension table).
   *
   * @param c the character
   * @return true if it can be sent in GSM-7
   */
  public static boolean isGsm7(char c) {
    return gsmCost(c) != 0;
  }

  /**
   * The septets a character costs in GSM-7.
   *
   * @param c the character
   * @return 1 for the basic table, 2 for the extension table, 0 if the character is not GSM-7
   */
  public static int gsmSeptets(char c) {
    return gsmCost(c);
  }

  private static int gsmCost(char c) {
    if (c < 0x100) {
      return LATIN1[c];
    }
    switch (c) {
      case '\u0394': // Δ
      case '\u03A6': // Φ
      case '\u0393': // Γ
      case '\u039B': // Λ
      case '\u03A9': // Ω
      case '\u03A0': // Π
      case '\u03A8': // Ψ
      case '\u03A3': // Σ
      case '\u0398': // Θ
      case '\u039E': // Ξ
        return 1;
      case '\u20AC': // €
        return 2;
      default:
        return 0;
    }
  }

  private static List<String> collectNonGsm(CharSequence text, int from) {
    int[] found = new int[8];
    int count = 0;
    int n = text.length();
    for (int i = from; i < n; i++) {
      char c = text.charAt(i);
      int cp = c;
      if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(i + 1));
        i++;
      } else if (gsmCost(c) != 0) {
        continue;
      }
      boolean seen = false;
      for (int k = 0; k < count; k++) {
        if (found[k] == cp) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = cp;
      }
    }
    String[] result = new String[count];
    for (int k = 0; k < count; k++) {
      result[k] = new String(Character.toChars(found[k]));
    }
    return Collections.unmodifiableList(Arrays.asList(result));
  }

  /**
   * The encoding the text is sent in.
   *
   * @return GSM-7 or UCS-2
   */
  public SmsEncoding encoding() {
    return encoding;
  }

  /**
   * The size of the text: septets for GSM-7 (extension characters count 2), UTF-16 code units for
   * UCS-2 (a surrogate pair counts 2).
   *
   * @return the units, zero for an empty text
   */
  public int units() {
    return units;
  }

  /**
   * How many parts the text is sent and billed as. An empty text still takes one part.
   *
   * @return one or more
   */
  public int segments() {
    return segments;
  }

  /**
   * The distinct characters that forced UCS-2, in order of first appearance (each a full code
   * point, so an emoji is one element). Use it to tell a user which character to replace.
   *
   * @return an unmodifiable list; empty for GSM-7 text
   */
  public List<String> nonGsmCharacters() {
    return nonGsmCharacters;
  }

  /**
   * Whether the text is sent as more than one part.
   *
   * @return true if {@link #segments()} is more than one
   */
  public boolean isMultipart() {
    return segments > 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SmsLength s
        && encoding == s.encoding
        && units == s.units
        && segments == s.segments
        && nonGsmCharacters.equals(s.nonGsmCharacters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(encoding, units, segments, nonGsmCharacters);
  }

  @Override
  public String toString() {
    return "SmsLength{"
        + encoding
        + ", units="
        + units
        + ", segments="
        + segments
        + (nonGsmCharacters.isEmpty() ? "" : ", nonGsm=" + nonGsmCharacters)
        + '}';
  }
}
