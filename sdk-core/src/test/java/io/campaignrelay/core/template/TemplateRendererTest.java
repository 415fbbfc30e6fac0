package io.campaignrelay.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.sms.SmsEncoding;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

  private static final CustomerAttributes DANA =
      CustomerAttributes.of(
          List.of("PHONENUMBER", "FIRST_NAME", "CITY", "NICKNAME"),
          Arrays.asList("+447700900123", "Dana", null, " "));

  private static Template body(String body) {
    return Template.builder().id(TemplateId.of("T1")).name("OPT_x").body(body).build();
  }

  private final TemplateRenderer renderer = TemplateRenderer.create();

  @Test
  void fillsAttributesIgnoringCase() {
    RenderResult r = renderer.render(body("Hi [%first_name%]!"), DANA, List.of());
    assertThat(r.isRendered()).isTrue();
    assertThat(r.text()).isEqualTo("Hi Dana!");
    assertThat(r.length().units()).isEqualTo(8);
    assertThat(r.length().encoding()).isEqualTo(SmsEncoding.GSM_7);
    assertThat(r.problems()).isEmpty();
    assertThat(r.defaultsUsed()).isEmpty();
    assertThat(r.describeProblems()).isEmpty();
    assertThat(r.templateId()).isEqualTo(TemplateId.of("T1"));
    assertThat(r.toString()).doesNotContain("Dana");
  }

  @Test
  void fillsPromoCodes() {
    RenderResult r =
        renderer.render(
            body("[%PROMO_CODE%] / [%PROMO_CODE_1%] / [%PROMO_CODE_2%]"),
            DANA,
            List.of("SAVE10", "FREE"));
    assertThat(r.text()).isEqualTo("SAVE10 / SAVE10 / FREE");
  }

  @Test
  void missingPromoCodeIsAMissingValue() {
    RenderResult r = renderer.render(body("Code [%PROMO_CODE_3%]"), DANA, List.of("A"));
    assertThat(r.isRendered()).isFalse();
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(RenderProblem.Kind.MISSING_VALUE);
              assertThat(p.tag()).isEqualTo("PROMO_CODE_3");
              assertThat(p.position()).isEqualTo(5);
            });
  }

  @Test
  void urlTagUsesTheTemplatesRedirectThenTheDefaultUrl() {
    Template own =
        body("Go [%URL%]").toBuilder().redirectUrl(URI.create("https://a.example/x")).build();
    Template legacy = body("Go [%URL%]");
    TemplateRenderer withDefault =
        TemplateRenderer.builder().defaultUrl(URI.create("https://d.example/")).build();
    assertThat(withDefault.render(own, DANA, List.of()).text()).isEqualTo("Go https://a.example/x");
    assertThat(withDefault.render(legacy, DANA, List.of()).text())
        .isEqualTo("Go https://d.example/");
    RenderResult none = renderer.render(legacy, DANA, List.of());
    assertThat(none.problems())
        .extracting(RenderProblem::kind)
        .containsExactly(RenderProblem.Kind.MISSING_VALUE);
  }

  @Test
  void attributesWinOverBuiltInTags() {
    CustomerAttributes a = CustomerAttributes.builder().add("URL", "https://mine.example").build();
    TemplateRenderer r =
        TemplateRenderer.builder().defaultUrl(URI.create("https://d.example/")).build();
    assertThat(r.render(body("[%URL%]"), a, List.of()).text()).isEqualTo("https://mine.example");
  }

  @Test
  void tagNamesAreConfigurable() {
    TemplateRenderer r =
        TemplateRenderer.builder()
            .promoCodeTag("PROMO")
            .urlTag("LINK")
            .defaultUrl(URI.create("https://d.example/"))
            .build();
    assertThat(r.render(body("[%PROMO%] [%PROMO_2%] [%LINK%]"), DANA, List.of("A", "B")).text())
        .isEqualTo("A B https://d.example/");
    assertThat(r.promoCodeTag()).isEqualTo("PROMO");
    assertThat(r.urlTag()).isEqualTo("LINK");
    assertThat(r.render(body("[%PROMO_CODE%]"), DANA, List.of("A")).isRendered()).isFalse();
  }

  @Test
  void failRecipientReportsUnknownMissingAndEmptyTogether() {
    RenderResult r =
        renderer.render(body("[%FIRSTNAME%] from [%CITY%] aka [%NICKNAME%]"), DANA, List.of());
    assertThat(r.isRendered()).isFalse();
    assertThat(r.problems())
        .extracting(RenderProblem::kind)
        .containsExactly(
            RenderProblem.Kind.UNKNOWN_TAG,
            RenderProblem.Kind.MISSING_VALUE,
            RenderProblem.Kind.EMPTY_VALUE);
    assertThat(r.problems().get(0).message())
        .contains(
            "[%FIRSTNAME%]", "template T1", "position 0", "is unknown", "fix the tag's spelling");
    assertThat(r.problems().get(1).message()).contains("[%CITY%]", "has no value");
    assertThat(r.problems().get(2).message()).contains("[%NICKNAME%]", "is empty");
    assertThat(r.describeProblems()).contains("FIRSTNAME", "CITY", "NICKNAME");
    assertThatThrownBy(r::text)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("template T1 was not rendered")
        .hasMessageContaining("[%CITY%]");
    assertThatThrownBy(r::length).isInstanceOf(IllegalStateException.class);
    assertThat(r.toString()).contains("problems");
  }

  @Test
  void useTemplateDefaultFillsFromDeclaredDefaults() {
    Template t =
        body("Hi [%CITY%] [%NICKNAME%] [%UNKNOWN%]").toBuilder()
            .defaultValue("CITY", "there")
            .defaultValue("nickname", "friend")
            .defaultValue("UNKNOWN", "!")
            .build();
    TemplateRenderer r =
        TemplateRenderer.builder()
            .missingValuePolicy(MissingValuePolicy.USE_TEMPLATE_DEFAULT)
            .build();
    RenderResult result = r.render(t, DANA, List.of());
    assertThat(result.text()).isEqualTo("Hi there friend !");
    assertThat(result.defaultsUsed()).containsExactly("CITY", "NICKNAME", "UNKNOWN");
    // the same template under FAIL_RECIPIENT fails: the policy is explicit
    assertThat(renderer.render(t, DANA, List.of()).isRendered()).isFalse();
  }

  @Test
  void useTemplateDefaultWithoutADeclaredDefaultStillFails() {
    TemplateRenderer r =
        TemplateRenderer.builder()
            .missingValuePolicy(MissingValuePolicy.USE_TEMPLATE_DEFAULT)
            .build();
    RenderResult result = r.render(body("Hi [%CITY%]"), DANA, List.of());
    assertThat(result.isRendered()).isFalse();
    assertThat(result.problems().get(0).message()).contains("declare a default");
  }

  @Test
  void malformedTagsAlwaysFail() {
    RenderResult r =
        renderer.render(
            body("Hi [%FIRST NAME%] and [%FIRST_NAME and [%%] [%-x%]"), DANA, List.of());
    assertThat(r.problems())
        .extracting(RenderProblem::kind)
        .containsOnly(RenderProblem.Kind.MALFORMED_TAG);
    assertThat(r.problems()).hasSize(4);
    assertThat(r.problems().get(0).message())
        .contains("'[%FIRST NAME%]' at position 3", "write tags as [%NAME%]");
    TemplateRenderer lenient =
        TemplateRenderer.builder()
            .missingValuePolicy(MissingValuePolicy.USE_TEMPLATE_DEFAULT)
            .build();
    assertThat(lenient.render(body("[%A"), DANA, List.of()).isRendered()).isFalse();
  }

  @Test
  void textAroundTagsIsKeptExactly() {
    RenderResult r =
        renderer.render(body("[%FIRST_NAME%][% FIRST_NAME %] 100% [ok] %] end"), DANA, List.of());
    assertThat(r.text()).isEqualTo("DanaDana 100% [ok] %] end");
  }

  @Test
  void valuesAreNotRescannedForTags() {
    CustomerAttributes a = CustomerAttributes.builder().add("NAME", "[%NAME%]").build();
    assertThat(renderer.render(body("Hi [%NAME%]"), a, List.of()).text()).isEqualTo("Hi [%NAME%]");
  }

  @Test
  void renderResultCarriesUcs2Length() {
    CustomerAttributes a = CustomerAttributes.builder().add("NAME", "Zo\u00eb").build();
    RenderResult r = renderer.render(body("Hi [%NAME%]"), a, List.of());
    assertThat(r.length().encoding()).isEqualTo(SmsEncoding.UCS_2);
    assertThat(r.length().nonGsmCharacters()).containsExactly("\u00eb");
  }

  @Test
  void checkReportsTagsNoAttributeCanFill() {
    Template t = body("Hi [%FIRST_NAME%] [%SURNAME%] [%PROMO_CODE%] [%URL%] [%BAD");
    List<RenderProblem> problems = renderer.check(t, List.of("PHONENUMBER", "first_name"));
    assertThat(problems)
        .extracting(RenderProblem::kind, RenderProblem::tag)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RenderProblem.Kind.UNKNOWN_TAG, "SURNAME"),
            org.assertj.core.groups.Tuple.tuple(RenderProblem.Kind.UNKNOWN_TAG, "URL"),
            org.assertj.core.groups.Tuple.tuple(RenderProblem.Kind.MALFORMED_TAG, "[%BAD"));
    TemplateRenderer withUrl =
        TemplateRenderer.builder()
            .defaultUrl(URI.create("https://d.example"))
            .missingValuePolicy(MissingValuePolicy.USE_TEMPLATE_DEFAULT)
            .build();
    Template withDefault =
        body("[%SURNAME%] [%URL%]").toBuilder().defaultValue("SURNAME", "-").build();
    assertThat(withUrl.check(withDefault, List.of())).isEmpty();
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(
            () ->
                TemplateRenderer.builder()
                    .missingValuePolicy(null)
                    .promoCodeTag("PROMO CODE")
                    .urlTag("")
                    .defaultUrl(URI.create("mailto:x@example.com"))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("missingValuePolicy", "promoCodeTag", "urlTag", "defaultUrl"));
    assertThatThrownBy(() -> TemplateRenderer.builder().promoCodeTag("X").urlTag("x").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("urlTag='x': is the same as promoCodeTag");
  }

  @Test
  void defaultsAndToBuilder() {
    assertThat(renderer.missingValuePolicy()).isEqualTo(MissingValuePolicy.FAIL_RECIPIENT);
    assertThat(renderer.defaultUrl()).isEmpty();
    assertThat(renderer.promoCodeTag()).isEqualTo(TemplateRenderer.DEFAULT_PROMO_CODE_TAG);
    assertThat(renderer.urlTag()).isEqualTo(TemplateRenderer.DEFAULT_URL_TAG);
    TemplateRenderer changed =
        renderer.toBuilder().missingValuePolicy(MissingValuePolicy.USE_TEMPLATE_DEFAULT).build();
    assertThat(changed.missingValuePolicy()).isEqualTo(MissingValuePolicy.USE_TEMPLATE_DEFAULT);
    assertThat(renderer.missingValuePolicy()).isEqualTo(MissingValuePolicy.FAIL_RECIPIENT);
    assertThat(TemplateRenderer.isValidTagName("A_1")).isTrue();
    assertThat(TemplateRenderer.isValidTagName("A-1")).isFalse();
    assertThat(TemplateRenderer.tagsOf("[%X%]")).containsExactly("X");
  }
}
