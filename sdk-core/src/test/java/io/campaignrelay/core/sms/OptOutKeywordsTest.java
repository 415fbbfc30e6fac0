package io.campaignrelay.core.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.sms.OptOutKeywords.Intent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptOutKeywordsTest {

  private final OptOutKeywords keywords = OptOutKeywords.standard();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "STOP",
        "stop",
        "Stop",
        " STOP ",
        "\tstop\n",
        "STOPALL",
        "unsubscribe",
        "Cancel",
        "END",
        "quit",
        "\u00a0STOP\u2003"
      })
  void optOutKeywords(String text) {
    assertThat(keywords.classify(text)).isEqualTo(Intent.OPT_OUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"START", "start", " Yes ", "UNSTOP", "unStop"})
  void optInKeywords(String text) {
    assertThat(keywords.classify(text)).isEqualTo(Intent.OPT_IN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "stop please",
        "please stop",
        "STOP STOP",
        "STOP.",
        "STOP!",
        "S TOP",
        "stopp",
        "HELP",
        "yes please",
        "no",
        "unsubscribe me",
        "thanks"
      })
  void anythingElseIsNone(String text) {
    assertThat(keywords.classify(text)).isEqualTo(Intent.NONE);
  }

  @Test
  void nullIsNone() {
    assertThat(keywords.classify(null)).isEqualTo(Intent.NONE);
  }

  @Test
  void standardSetsAreExactly() {
    assertThat(keywords.optOutKeywords())
        .containsExactly("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    assertThat(keywords.optInKeywords()).containsExactly("START", "YES", "UNSTOP");
  }

  @Test
  void localeKeywordsCanBeAdded() {
    OptOutKeywords fr = keywords.toBuilder().optOut("arret", "ARR\u00caTE").build();
    assertThat(fr.classify("ARRET")).isEqualTo(Intent.OPT_OUT);
    assertThat(fr.classify("arr\u00eate")).isEqualTo(Intent.OPT_OUT);
    assertThat(fr.classify("STOP")).isEqualTo(Intent.OPT_OUT);
    assertThat(keywords.classify("ARRET")).isEqualTo(Intent.NONE);
  }

  @Test
  void badKeywordsAreRejectedWithTheFix() {
    assertThatThrownBy(() -> OptOutKeywords.builder().optOut("STOP NOW", "").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("optOut='STOP NOW'")
        .hasMessageContaining("single word")
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(2));
  }

  @Test
  void aKeywordCannotMeanBoth() {
    assertThatThrownBy(() -> OptOutKeywords.builder().optOut("STOP").optIn("stop").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("optIn='STOP'")
        .hasMessageContaining("one thing");
  }

  @Test
  void thereMustBeAnOptOutKeyword() {
    assertThatThrownBy(() -> OptOutKeywords.builder().optIn("START").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("add STOP");
  }
}
