package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.textlocal.models.CustomField;
import org.junit.jupiter.api.Test;

class IntegrationSettingsTest {

  static TextLocalIntegrationSettings.Builder valid() {
    return TextLocalIntegrationSettings.builder()
        .apiKey(Secret.of("key123"))
        .username("optimove@example.com")
        .password(Secret.of("pw-safe"))
        .apiLoginUrl("https://api.txtlocal.com")
        .contactGroup("189455", "Customers")
        .keyField(CustomField.CUSTOM1)
        .senderName("Shop");
  }

  @Test
  void validSettingsBuildAndNeverPrintCredentials() {
    TextLocalIntegrationSettings s = valid().addGroup("200", "VIP_").build();
    assertThat(s.apiLoginUrl()).isEqualTo("https://api.txtlocal.com/");
    assertThat(s.extraGroups()).extracting(g -> g.prefix().value()).containsExactly("VIP_");
    assertThat(s.toString()).doesNotContain("key123", "pw-safe").contains("189455");
    assertThat(s.routing().matchingGroups("VIP_Offer")).containsExactly("200");
    assertThat(s.routing().matchingGroups("Welcome")).isEmpty();
    assertThat(s.routing().defaultGroup()).contains("189455");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                TextLocalIntegrationSettings.builder()
                    .apiKey(Secret.of("ab$cd"))
                    .username("user&name")
                    .password(Secret.of("p=w"))
                    .apiLoginUrl("not a url")
                    .contactGroup("189455", " ")
                    .addGroup("200", "VIP")
                    .addGroup("201", "OPT_")
                    .addGroup("202", "opt_")
                    .build());
    assertThat(e.problems())
        .extracting(p -> p.field())
        .containsExactly(
            "apiKey",
            "username",
            "password",
            "apiLoginUrl",
            "contactGroup.name",
            "keyField",
            "groups[200].prefix",
            "groups[202].prefix");
    assertThat(e.problems().get(0).fix()).contains("$ & =");
    assertThat(e.problems().get(0).value()).isEqualTo("****");
    assertThat(e.problems().get(1).fix()).contains("'&'");
    assertThat(e.problems().get(2).fix()).contains("'='");
    assertThat(e.problems().get(7).fix()).contains("another group");
    assertThat(e.getMessage()).doesNotContain("ab$cd", "p=w", "user&name");
  }

  @Test
  void missingCredentialsAndRepeatedGroupsAreReported() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                TextLocalIntegrationSettings.builder()
                    .contactGroup("1", "Main")
                    .keyField(CustomField.CUSTOM2)
                    .addGroup("2", "AAA_")
                    .addGroup("2", "BBB_")
                    .addGroup("1", "CCC_")
                    .build());
    assertThat(e.problems())
        .extracting(p -> p.field())
        .contains("apiKey", "username", "password", "groups");
    assertThat(e.problems()).anySatisfy(p -> assertThat(p.fix()).contains("main contact group"));
    assertThat(e.problems())
        .anySatisfy(p -> assertThat(p.fix()).contains("each contact group once"));
  }
}
