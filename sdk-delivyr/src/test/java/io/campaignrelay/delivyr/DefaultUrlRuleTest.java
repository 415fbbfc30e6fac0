package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.delivyr.models.DelivyrTemplate;
import io.campaignrelay.delivyr.models.TemplateStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultUrlRuleTest {

  static final Instant ENABLED = Instant.parse("2026-06-01T00:00:00Z");

  static DelivyrTemplate template(Instant createdAt, String redirect) {
    return new DelivyrTemplate(
        "HDS7F3Y2",
        "Welcome",
        "Hi {{FIRST_NAME}}",
        TemplateStatus.APPROVED,
        List.of(),
        redirect,
        createdAt,
        null);
  }

  @Test
  void olderTemplatesGetTheDefaultUrlEvenOverTheirOwnLink() {
    DefaultUrlRule rule = DefaultUrlRule.of("https://shop.example.com/", ENABLED);
    assertThat(rule.redirectUrlFor(template(ENABLED.minusSeconds(1), null)))
        .contains("https://shop.example.com/");
    assertThat(rule.redirectUrlFor(template(ENABLED.minusSeconds(1), "https://own.example.com/")))
        .contains("https://shop.example.com/");
  }

  @Test
  void laterTemplatesKeepTheirOwnRedirectLink() {
    DefaultUrlRule rule = DefaultUrlRule.of("https://shop.example.com/", ENABLED);
    assertThat(rule.redirectUrlFor(template(ENABLED, "https://own.example.com/")))
        .contains("https://own.example.com/");
    assertThat(rule.redirectUrlFor(template(ENABLED.plusSeconds(60), null))).isEmpty();
    assertThat(rule.getsDefaultUrl(template(ENABLED.plusSeconds(60), null))).isFalse();
  }

  @Test
  void unknownCreationTimeCountsAsOlderAndNoDefaultMeansOwnLinks() {
    assertThat(
            DefaultUrlRule.of("https://shop.example.com/", ENABLED)
                .redirectUrlFor(template(null, "https://own.example.com/")))
        .contains("https://shop.example.com/");
    assertThat(
            DefaultUrlRule.of(null, ENABLED)
                .redirectUrlFor(template(ENABLED.minusSeconds(5), "https://own.example.com/")))
        .contains("https://own.example.com/");
  }
}
