package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimoveIntegrationSettingsTest {

  static final Secret KEY = Secret.of("opti-key-SECRET-123");
  static final Secret TOKEN = Secret.of("tenant-token-SECRET-456");

  static OptimoveIntegrationSettings.Builder valid() {
    return OptimoveIntegrationSettings.builder()
        .apiEndpoint("https://api4.optimove.net/")
        .apiKey(KEY, OptimoveAccessType.INTEGRATIONS)
        .customerAttributes("PHONENUMBER", "FIRST_NAME", "EMAIL");
  }

  static List<ConfigurationProblem> problems(UnaryOperator<OptimoveIntegrationSettings.Builder> f) {
    try {
      f.apply(valid()).build();
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigurationException");
  }

  static List<String> fields(UnaryOperator<OptimoveIntegrationSettings.Builder> f) {
    return problems(f).stream().map(ConfigurationProblem::field).toList();
  }

  @Test
  void testingModeIsOnByDefaultAndOffOnlyWhenAsked() {
    assertThat(valid().build().testingMode()).isTrue();
    assertThat(valid().testingMode(false).build().testingMode()).isFalse();
    assertThat(valid().testingMode(false).build().toBuilder().build().testingMode()).isFalse();
  }

  @Test
  void validSettingsExposeEveryField() {
    OptimoveIntegrationSettings s =
        valid()
            .tenant("1234", TOKEN)
            .defaultUrl("https://shop.example.com/sale")
            .triggeredOverride("phone", "personalization.purchase.mobile_number")
            .build();
    assertThat(s.apiEndpoint()).isEqualTo("https://api4.optimove.net/");
    assertThat(s.apiKey()).isEqualTo(KEY);
    assertThat(s.apiKeyAccessType()).isEqualTo(OptimoveAccessType.INTEGRATIONS);
    assertThat(s.phoneNumberAttribute()).isEqualTo("PHONENUMBER");
    assertThat(s.variableAttributes()).containsExactly("FIRST_NAME", "EMAIL");
    assertThat(s.tenantId()).contains("1234");
    assertThat(s.tenantToken()).contains(TOKEN);
    assertThat(s.defaultUrl()).contains("https://shop.example.com/sale");
    assertThat(s.triggeredOverrides())
        .containsEntry("phone", "personalization.purchase.mobile_number");
    assertThat(s.toBuilder().build()).isEqualTo(s);
  }

  @Test
  void endpointMustBeApiNumberOptimoveWithTrailingSlash() {
    assertThat(problems(b -> b.apiEndpoint("https://api4.optimove.net")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("apiEndpoint");
              assertThat(p.fix()).contains("trailing slash").contains("https://api4.optimove.net/");
            });
    for (String bad :
        List.of(
            "http://api4.optimove.net/",
            "https://api.optimove.net/",
            "https://apiX.optimove.net/",
            "https://api4.optimove.com/",
            "https://api4.optimove.net/current/",
            "api4.optimove.net/")) {
      assertThat(fields(b -> b.apiEndpoint(bad))).as(bad).containsExactly("apiEndpoint");
    }
    assertThat(fields(b -> b.apiEndpoint(null))).containsExactly("apiEndpoint");
    assertThat(valid().apiEndpoint("https://api12.optimove.net/").build().apiEndpoint())
        .isEqualTo("https://api12.optimove.net/");
  }

  @Test
  void keyMustBeOfTheIntegrationsAccessType() {
    assertThat(problems(b -> b.apiKey(KEY, OptimoveAccessType.ADMIN)))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("apiKeyAccessType");
              assertThat(p.value()).isEqualTo("admin");
              assertThat(p.fix()).contains("Integrations");
            });
    assertThat(fields(b -> b.apiKey(KEY, OptimoveAccessType.fromString("Transaction"))))
        .containsExactly("apiKeyAccessType");
    assertThat(fields(b -> b.apiKey(KEY, OptimoveAccessType.TRANSACTIONAL)))
        .containsExactly("apiKeyAccessType");
    assertThat(fields(b -> b.apiKey(KEY, null))).containsExactly("apiKeyAccessType");
    assertThat(fields(b -> b.apiKey(null, null))).containsExactly("apiKey");
    assertThat(OptimoveAccessType.fromString("Integrations"))
        .isEqualTo(OptimoveAccessType.INTEGRATIONS);
  }

  @Test
  void phoneNumberMustBeTheFirstAttribute() {
    List<ConfigurationProblem> p =
        problems(b -> b.customerAttributes("FIRST_NAME", "PHONENUMBER", "EMAIL"));
    assertThat(p)
        .singleElement()
        .extracting(ConfigurationProblem::field)
        .isEqualTo("customerAttributes");
    assertThat(p.get(0).fix()).contains("first").contains("move PHONENUMBER to the front");
    assertThat(fields(b -> b.customerAttributes("FIRST_NAME", "EMAIL")))
        .containsExactly("customerAttributes");
    assertThat(fields(b -> b.customerAttributes(List.of()))).containsExactly("customerAttributes");
  }

  @Test
  void explicitPhoneAttributeMustBeFirstAndSkipsTheNameHeuristic() {
    OptimoveIntegrationSettings s =
        valid().customerAttributes("TEL_NR", "FIRST_NAME").phoneNumberAttribute("TEL_NR").build();
    assertThat(s.phoneNumberAttribute()).isEqualTo("TEL_NR");
    assertThat(
            fields(
                b -> b.customerAttributes("FIRST_NAME", "TEL_NR").phoneNumberAttribute("TEL_NR")))
        .containsExactly("customerAttributes");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PHONENUMBER", "MOBILE_NUMBER", "Phone", "msisdn", "CELL_PHONE"})
  void phoneLikeNamesAreAcceptedFirst(String name) {
    assertThat(valid().customerAttributes(name, "FIRST_NAME").build().phoneNumberAttribute())
        .isEqualTo(name);
  }

  @Test
  void attributesMayNotRepeatOrBeBlank() {
    assertThat(fields(b -> b.customerAttributes("PHONENUMBER", "EMAIL", "email")))
        .containsExactly("customerAttributes[2]");
    assertThat(fields(b -> b.customerAttributes("PHONENUMBER", " ")))
        .containsExactly("customerAttributes[1]");
    assertThat(fields(b -> b.customerAttributes("PHONENUMBER", " EMAIL")))
        .containsExactly("customerAttributes[1]");
  }

  @Test
  void tenantIdAndTokenAreGivenTogether() {
    assertThat(fields(b -> b.tenantId("1234"))).containsExactly("tenantToken");
    assertThat(problems(b -> b.tenantId("1234")).get(0).value()).isEqualTo("****");
    assertThat(fields(b -> b.tenantToken(TOKEN))).containsExactly("tenantId");
    assertThat(fields(b -> b.tenant("bad id!", TOKEN))).containsExactly("tenantId");
    assertThat(valid().tenant("1234", TOKEN).build().tenantId()).contains("1234");
    assertThat(valid().build().tenantId()).isEmpty();
    assertThat(valid().build().tenantToken()).isEmpty();
  }

  @Test
  void defaultUrlMustBeAbsoluteHttps() {
    for (String bad :
        List.of(
            "http://shop.example.com/", "/sale", "shop.example.com", "https:///x", "ht tp://x")) {
      assertThat(fields(b -> b.defaultUrl(bad))).as(bad).containsExactly("defaultUrl");
    }
    assertThat(valid().defaultUrl("https://shop.example.com/a?b=c").build().defaultUrl())
        .contains("https://shop.example.com/a?b=c");
  }

  @Test
  void triggeredOverridesNameThePhoneOrASelectedAttributeAndAPath() {
    assertThat(
            valid()
                .triggeredOverride("phone", "personalization.purchase.mobile_number")
                .triggeredOverride("FIRST_NAME", "personalization.purchase.name")
                .build()
                .triggeredOverrides())
        .hasSize(2);
    assertThat(fields(b -> b.triggeredOverride("LAST_NAME", "a.b")))
        .containsExactly("triggeredOverrides[LAST_NAME]");
    assertThat(fields(b -> b.triggeredOverride("phone", "a..b")))
        .containsExactly("triggeredOverrides[phone]");
    assertThat(fields(b -> b.triggeredOverride("phone", " ")))
        .containsExactly("triggeredOverrides[phone]");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigurationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigurationException.class,
            () ->
                OptimoveIntegrationSettings.builder()
                    .apiEndpoint("https://api4.optimove.net")
                    .apiKey(KEY, OptimoveAccessType.ADMIN)
                    .customerAttributes("FIRST_NAME", "PHONENUMBER")
                    .tenantId("1234")
                    .defaultUrl("http://insecure.example.com")
                    .build());
    assertThat(e.problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly(
            "apiEndpoint", "apiKeyAccessType", "customerAttributes", "tenantToken", "defaultUrl");
    assertThat(e.getMessage()).doesNotContain(KEY.reveal()).contains("5 problems");
  }

  @Test
  void toStringNeverShowsTheKeyOrToken() {
    String text = valid().tenant("1234", TOKEN).build().toString();
    assertThat(text).doesNotContain(KEY.reveal()).doesNotContain(TOKEN.reveal()).contains("****");
    assertThatThrownBy(() -> valid().apiKey(KEY, OptimoveAccessType.ADMIN).build())
        .hasMessageNotContaining(KEY.reveal());
  }
}
