package io.campaignrelay.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.sms.SmsEncoding;
import io.campaignrelay.core.sms.SmsLength;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The renderer counts a text's GSM-7 septets while writing it (the literals' counts are made once
 * per template): the length it reports must be exactly {@link SmsLength#of(CharSequence)} of the
 * text, whatever the characters of literals, values and defaults.
 */
class RenderLengthTest {

  private static final TemplateRenderer RENDERER = TemplateRenderer.create();
  private static final TemplateRenderer WITH_DEFAULTS =
      TemplateRenderer.builder()
          .missingValuePolicy(MissingValuePolicy.USE_TEMPLATE_DEFAULT)
          .build();

  // basic table, extension table (2 septets), UCS-2 only, a surrogate pair and its halves
  private static final String[] PIECES = {
    "a",
    "Z",
    "0",
    " ",
    "@",
    "\u00e9",
    "\u0394",
    "\n",
    "{",
    "}",
    "[",
    "]",
    "\\",
    "~",
    "^",
    "|",
    "\u20ac",
    "\f",
    "\u0107",
    "\u0142",
    "\u00e2",
    "\ud83d\ude00",
    "\ud83d",
    "\ude00",
    "Hello ",
    "x".repeat(40),
    "\u20ac".repeat(10)
  };

  private static Template template(String body) {
    return Template.builder()
        .id(TemplateId.of("T1"))
        .name("OPT_x")
        .body(body)
        .defaultValue("CITY", "Z\u00fcrich")
        .build();
  }

  private static void assertSameLength(RenderResult r) {
    assertThat(r.isRendered()).isTrue();
    SmsLength expected = SmsLength.of(r.text());
    assertThat(r.length()).isEqualTo(expected);
    assertThat(r.length().nonGsmCharacters()).isEqualTo(expected.nonGsmCharacters());
  }

  private static String randomText(Random random, int maxPieces) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  @Test
  void equalsSmsLengthOfTheTextOverRandomTextsAndValues() {
    Random random = new Random(17);
    for (int round = 0; round < 20_000; round++) {
      String body =
          randomText(random, 6)
              + "[%NAME%]"
              + randomText(random, 4)
              + "[%tier%]"
              + randomText(random, 3)
              + "[%CITY%]";
      List<String> values =
          Arrays.asList("+447700900123", randomText(random, 5) + "n", randomText(random, 3) + "t");
      CustomerAttributes attributes =
          CustomerAttributes.of(List.of("PHONE", "NAME", "TIER"), values);
      assertSameLength(WITH_DEFAULTS.render(template(body), attributes, List.of()));
    }
  }

  @Test
  void equalsSmsLengthAtThePartBoundaries() {
    for (int fill = 150; fill <= 165; fill++) {
      for (String last : List.of("a", "{", "\u20ac", "\u0107", "\ud83d\ude00")) {
        for (int split = 0; split <= fill; split += 7) {
          String body = "x".repeat(split) + "[%V%]" + last;
          CustomerAttributes a =
              CustomerAttributes.of(List.of("V"), List.of("y".repeat(fill - split + 1)));
          RenderResult r = RENDERER.render(template(body), a, List.of());
          assertSameLength(r);
        }
      }
    }
  }

  @Test
  void extensionCharactersCountTwoAndOneMoreTipsIntoTwoParts() {
    CustomerAttributes a = CustomerAttributes.of(List.of("V"), List.of("{}"));
    RenderResult r = RENDERER.render(template("x".repeat(156) + "[%V%]"), a, List.of());
    assertThat(r.length().units()).isEqualTo(160);
    assertThat(r.length().segments()).isEqualTo(1);
    RenderResult over = RENDERER.render(template("x".repeat(157) + "[%V%]"), a, List.of());
    assertThat(over.length().units()).isEqualTo(161);
    assertThat(over.length().segments()).isEqualTo(2);
    assertSameLength(r);
    assertSameLength(over);
  }

  @Test
  void aValueOrADefaultOutsideGsm7MakesTheTextUcs2() {
    CustomerAttributes a = CustomerAttributes.of(List.of("V"), List.of("Micha\u0142"));
    RenderResult r = RENDERER.render(template("Hi [%V%]"), a, List.of());
    assertThat(r.length().encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(r.length().nonGsmCharacters()).containsExactly("\u0142");
    assertSameLength(r);
    CustomerAttributes none = CustomerAttributes.of(List.of("V"), Arrays.asList((String) null));
    RenderResult defaulted = WITH_DEFAULTS.render(template("Hi [%V%] [%CITY%]"), none, List.of());
    assertThat(defaulted.isRendered()).isFalse(); // V has no default
    RenderResult city =
        WITH_DEFAULTS.render(template("Hi [%CITY%]"), CustomerAttributes.empty(), List.of());
    assertThat(city.text()).isEqualTo("Hi Z\u00fcrich");
    assertSameLength(city);
  }

  @Test
  void aTemplateRenderedForRowsOfDifferentNameListsReadsEachRowsOwnPositions() {
    Template t = template("[%A%]-[%B%]-[%PROMO_CODE%]");
    CustomerAttributes ab = CustomerAttributes.of(List.of("A", "B"), List.of("1", "2"));
    CustomerAttributes ba = CustomerAttributes.of(List.of("B", "A"), List.of("3", "4"));
    CustomerAttributes abRow = ab.withValues(List.of("5", "6"));
    List<String> texts = new ArrayList<>();
    for (CustomerAttributes a : List.of(ab, ba, abRow, ba, ab)) {
      texts.add(RENDERER.render(t, a, List.of("P")).text());
    }
    assertThat(texts).containsExactly("1-2-P", "4-3-P", "5-6-P", "4-3-P", "1-2-P");
    CustomerAttributes onlyA = CustomerAttributes.of(List.of("a"), List.of("7"));
    RenderResult missingB = RENDERER.render(t, onlyA, List.of("P"));
    assertThat(missingB.isRendered()).isFalse();
    assertThat(missingB.problems().get(0).kind()).isEqualTo(RenderProblem.Kind.UNKNOWN_TAG);
  }

  @Test
  void singlePartLengthsAreThoseOfTheTexts() {
    for (int septets = 0; septets <= 160; septets++) {
      assertThat(SmsLength.ofSinglePartGsm7(septets)).isEqualTo(SmsLength.of("a".repeat(septets)));
    }
    assertThatThrownBy(() -> SmsLength.ofSinglePartGsm7(161))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SmsLength.ofSinglePartGsm7(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
