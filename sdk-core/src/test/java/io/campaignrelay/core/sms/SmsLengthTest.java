package io.campaignrelay.core.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsLengthTest {

  private static final String EMOJI = "\uD83D\uDE00"; // 😀, one code point, two UTF-16 units
  private static final String CYR = "\u0436"; // ж, outside GSM-7, one unit

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  /**
   * Reference segmentation written independently of SmsLength: split the text into atoms (a GSM
   * escape pair or a surrogate pair is one atom) and pack atoms greedily into parts.
   */
  private static int referenceSegments(String text, boolean gsm) {
    List<Integer> atoms = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (gsm) {
        atoms.add("^{}\\[~]|\u20ac\f".indexOf(c) >= 0 ? 2 : 1);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        atoms.add(2);
        i++;
      } else {
        atoms.add(1);
      }
    }
    int total = atoms.stream().mapToInt(Integer::intValue).sum();
    int single = gsm ? 160 : 70;
    int multi = gsm ? 153 : 67;
    if (total <= single) {
      return 1;
    }
    int parts = 1;
    int fill = 0;
    for (int a : atoms) {
      if (fill + a > multi) {
        parts++;
        fill = 0;
      }
      fill += a;
    }
    return parts;
  }

  @Test
  void emptyTextIsOneGsmPartOfZeroUnits() {
    SmsLength l = SmsLength.of("");
    assertThat(l.encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(l.units()).isZero();
    assertThat(l.segments()).isEqualTo(1);
    assertThat(l.nonGsmCharacters()).isEmpty();
    assertThat(l.isMultipart()).isFalse();
  }

  @Test
  void nullTextIsRejected() {
    assertThatThrownBy(() -> SmsLength.of(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "1,1", "152,1", "153,1", "154,1", "159,1", "160,1", "161,2", "305,2", "306,2", "307,3", "458,3",
    "459,3", "460,4", "612,4", "613,5", "765,5", "766,6"
  })
  void gsmBoundaries(int n, int segments) {
    SmsLength l = SmsLength.of(repeat("a", n));
    assertThat(l.encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(l.units()).isEqualTo(n);
    assertThat(l.segments()).isEqualTo(segments);
    assertThat(l.isMultipart()).isEqualTo(segments > 1);
  }

  @Test
  void gsmEveryLengthUpTo2000MatchesTheFormula() {
    for (int n = 0; n <= 2000; n++) {
      int expected = n <= 160 ? 1 : (n + 152) / 153;
      assertThat(SmsLength.of(repeat("x", n)).segments()).as("length %d", n).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "1,1", "66,1", "67,1", "68,1", "69,1", "70,1", "71,2", "133,2", "134,2", "135,3", "201,3",
    "202,4"
  })
  void ucs2Boundaries(int n, int segments) {
    SmsLength l = SmsLength.of(repeat(CYR, n));
    assertThat(l.encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(l.units()).isEqualTo(n);
    assertThat(l.segments()).isEqualTo(segments);
    assertThat(l.nonGsmCharacters()).containsExactly(CYR);
  }

  @Test
  void ucs2EveryLengthUpTo1000MatchesTheFormula() {
    for (int n = 1; n <= 1000; n++) {
      int expected = n <= 70 ? 1 : (n + 66) / 67;
      assertThat(SmsLength.of(repeat(CYR, n)).segments()).as("length %d", n).isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"^", "{", "}", "\\", "[", "~", "]", "|", "\u20ac", "\f"})
  void extensionCharactersCountTwoSeptets(String c) {
    SmsLength l = SmsLength.of(c);
    assertThat(l.encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(l.units()).isEqualTo(2);
    assertThat(SmsLength.gsmSeptets(c.charAt(0))).isEqualTo(2);
    // 80 of them fill one part exactly; 81 need two
    assertThat(SmsLength.of(repeat(c, 80)).segments()).isEqualTo(1);
    assertThat(SmsLength.of(repeat(c, 80)).units()).isEqualTo(160);
    assertThat(SmsLength.of(repeat(c, 81)).segments()).isEqualTo(2);
  }

  @Test
  void euroSignAndFormFeedAreGsm() {
    assertThat(SmsLength.isGsm7('\u20ac')).isTrue();
    assertThat(SmsLength.isGsm7('\f')).isTrue();
    SmsLength l = SmsLength.of("Only 5\u20ac!\f");
    assertThat(l.encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(l.units()).isEqualTo(6 + 2 + 1 + 2);
  }

  @Test
  void basicTableCountsOneSeptetEach() {
    String basic =
        "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
            + "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u00c6\u00e6\u00df\u00c9"
            + " !\"#\u00a4%&'()*+,-./0123456789:;<=>?"
            + "\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7"
            + "\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0";
    assertThat(basic).hasSize(128 - 1); // the 128 codes minus the escape itself
    SmsLength l = SmsLength.of(basic);
    assertThat(l.encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(l.units()).isEqualTo(basic.length());
    for (char c : basic.toCharArray()) {
      assertThat(SmsLength.gsmSeptets(c)).as("char U+%04X", (int) c).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "`", "\u00e7", "\u00ea", "\u00e1", "\u00ed", "\u00fa", "\u2019", "\u201c", "\u2013",
        "\u2014", "\u00a0", "\u0436", "\u001b", "\t", "\u03b1"
      })
  void charactersOutsideGsmForceUcs2AndAreReported(String c) {
    SmsLength l = SmsLength.of("Hello " + c + " there");
    assertThat(l.encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(l.units()).isEqualTo(13);
    assertThat(l.nonGsmCharacters()).containsExactly(c);
    assertThat(SmsLength.isGsm7(c.charAt(0))).isFalse();
  }

  @Test
  void oneNonGsmCharacterMakesTheWholeMessageUcs2() {
    assertThat(SmsLength.of(repeat("a", 69) + CYR).segments()).isEqualTo(1);
    SmsLength l = SmsLength.of(repeat("a", 70) + CYR);
    assertThat(l.encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(l.units()).isEqualTo(71);
    assertThat(l.segments()).isEqualTo(2);
    // 160 GSM chars would fit in one part; one UCS-2 char at the end makes it three
    assertThat(SmsLength.of(repeat("a", 159) + CYR).segments()).isEqualTo(3);
  }

  @Test
  void nonGsmCharactersAreDistinctCodePointsInOrderOfFirstUse() {
    SmsLength l = SmsLength.of("\u2019Hi " + EMOJI + " \u0436\u2019 " + EMOJI + "\u00e7");
    assertThat(l.nonGsmCharacters()).containsExactly("\u2019", EMOJI, "\u0436", "\u00e7");
  }

  @Test
  void manyDistinctNonGsmCharactersAreAllReported() {
    StringBuilder sb = new StringBuilder();
    for (char c = '\u0410'; c < '\u0430'; c++) {
      sb.append(c).append(c);
    }
    assertThat(SmsLength.of(sb).nonGsmCharacters()).hasSize(32).first().isEqualTo("\u0410");
  }

  @Test
  void emojiCountTwoUnits() {
    SmsLength one = SmsLength.of(EMOJI);
    assertThat(one.encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(one.units()).isEqualTo(2);
    assertThat(one.nonGsmCharacters()).containsExactly(EMOJI);
    assertThat(SmsLength.of(repeat(EMOJI, 35)).segments()).isEqualTo(1); // 70 units
    SmsLength l = SmsLength.of(repeat(EMOJI, 36)); // 72 units: 33 emoji (66 units) per part
    assertThat(l.units()).isEqualTo(72);
    assertThat(l.segments()).isEqualTo(2);
    assertThat(SmsLength.of(repeat(EMOJI, 66)).segments()).isEqualTo(2);
    assertThat(SmsLength.of(repeat(EMOJI, 67)).segments()).isEqualTo(3);
  }

  @Test
  void escapePairIsNeverSplitAcrossParts() {
    // 152 + € (2) + 152 = 306 septets, but the € cannot start at septet 153: 152 | 153 | 1
    SmsLength split = SmsLength.of(repeat("a", 152) + "\u20ac" + repeat("a", 152));
    assertThat(split.units()).isEqualTo(306);
    assertThat(split.segments()).isEqualTo(3);
    // 151 + € + 153 = 306 septets and the € ends part one exactly: 153 | 153
    SmsLength fits = SmsLength.of(repeat("a", 151) + "\u20ac" + repeat("a", 153));
    assertThat(fits.units()).isEqualTo(306);
    assertThat(fits.segments()).isEqualTo(2);
    // 153 + € + 151 = 306: part two starts with the € : 153 | 153
    assertThat(SmsLength.of(repeat("a", 153) + "\u20ac" + repeat("a", 151)).segments())
        .isEqualTo(2);
  }

  @Test
  void surrogatePairIsNeverSplitAcrossParts() {
    // 66 + emoji (2) + 66 = 134 units, but the emoji cannot straddle: 66 | 67 | 1
    SmsLength split = SmsLength.of(repeat(CYR, 66) + EMOJI + repeat(CYR, 66));
    assertThat(split.units()).isEqualTo(134);
    assertThat(split.segments()).isEqualTo(3);
    // 65 + emoji + 67 = 134 and the emoji ends part one: 67 | 67
    SmsLength fits = SmsLength.of(repeat(CYR, 65) + EMOJI + repeat(CYR, 67));
    assertThat(fits.units()).isEqualTo(134);
    assertThat(fits.segments()).isEqualTo(2);
    // 67 + emoji + 65 = 134: 67 | 67
    assertThat(SmsLength.of(repeat(CYR, 67) + EMOJI + repeat(CYR, 65)).segments()).isEqualTo(2);
  }

  @Test
  void escapeAtEveryPositionMatchesTheReference() {
    for (int total = 150; total <= 470; total += 1) {
      for (int pos = 140; pos < Math.min(total, 320); pos += 1) {
        String text = repeat("a", pos) + "]" + repeat("a", total - pos - 1);
        assertThat(SmsLength.of(text).segments())
            .as("total %d, ']' at %d", total, pos)
            .isEqualTo(referenceSegments(text, true));
      }
    }
  }

  @Test
  void surrogateAtEveryPositionMatchesTheReference() {
    for (int total = 60; total <= 210; total++) {
      for (int pos = 0; pos < total - 1; pos++) {
        String text = repeat(CYR, pos) + EMOJI + repeat(CYR, total - pos - 2);
        assertThat(SmsLength.of(text).segments())
            .as("total %d, emoji at %d", total, pos)
            .isEqualTo(referenceSegments(text, false));
        assertThat(SmsLength.of(text).units()).isEqualTo(total);
      }
    }
  }

  @Test
  void mixedGsmExtensionTextMatchesTheReference() {
    String[] alphabet = {"a", "b", "\u20ac", "[", " ", "\f"};
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 100 + random.nextInt(400);
      for (int k = 0; k < n; k++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String text = sb.toString();
      assertThat(SmsLength.of(text).segments()).as(text).isEqualTo(referenceSegments(text, true));
    }
  }

  @Test
  void loneSurrogateIsOneUcs2Unit() {
    SmsLength l = SmsLength.of("a\uD83D");
    assertThat(l.encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(l.units()).isEqualTo(2);
    assertThat(l.nonGsmCharacters()).containsExactly("\uD83D");
  }

  @Test
  void acceptsAnyCharSequenceAndIsAValue() {
    SmsLength fromBuilder = SmsLength.of(new StringBuilder("Hello"));
    assertThat(fromBuilder)
        .isEqualTo(SmsLength.of("Hello"))
        .hasSameHashCodeAs(SmsLength.of("Hello"));
    assertThat(fromBuilder.toString()).contains("GSM_7", "units=5", "segments=1");
    assertThat(SmsLength.of(EMOJI).toString()).contains("UCS_2", "nonGsm");
  }

  @Test
  void encodingCapacities() {
    assertThat(SmsEncoding.GSM_7.singlePartUnits()).isEqualTo(160);
    assertThat(SmsEncoding.GSM_7.multiPartUnits()).isEqualTo(153);
    assertThat(SmsEncoding.UCS_2.singlePartUnits()).isEqualTo(70);
    assertThat(SmsEncoding.UCS_2.multiPartUnits()).isEqualTo(67);
  }
}
