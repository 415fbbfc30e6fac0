package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretTest {

  @Test
  void printsRedactedButRevealsOnDemand() {
    Secret s = Secret.of("abc$123");
    assertThat(s.toString()).isEqualTo("****");
    assertThat(String.valueOf(s)).doesNotContain("abc");
    assertThat(s.reveal()).isEqualTo("abc$123");
    assertThat(s.containsAnyOf("$&=")).isTrue();
    assertThat(Secret.of("plain").containsAnyOf("$&=")).isFalse();
    assertThat(s).isEqualTo(Secret.of("abc$123")).isNotEqualTo(Secret.of("abc$124"));
  }

  @Test
  void blankSecretsAreAConfigurationErrorNamingAGenericFieldAndTheFix() {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> Secret.of("  "));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).field()).isEqualTo("secret");
    assertThat(e.problems().get(0).value()).isEqualTo("<blank>");
    assertThat(e.getMessage()).contains("secret", "only whitespace", "pass the credential");
  }

  @Test
  void nullAndEmptySecretsAreConfigurationErrorsToo() {
    ConfigurationException missing =
        catchThrowableOfType(ConfigurationException.class, () -> Secret.of(null));
    assertThat(missing.problems().get(0).field()).isEqualTo("secret");
    assertThat(missing.problems().get(0).value()).isEqualTo(ConfigurationProblem.MISSING);
    assertThat(missing.getMessage()).contains("environment variable");

    ConfigurationException empty =
        catchThrowableOfType(ConfigurationException.class, () -> Secret.of(""));
    assertThat(empty.problems().get(0).value()).isEqualTo("<empty>");
    assertThat(empty.getMessage()).contains("empty");
  }

  @Test
  void theTwoArgumentFormNamesTheField() {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> Secret.of("apiKey", "\t "));
    assertThat(e.problems().get(0).field()).isEqualTo("apiKey");
    assertThat(e.getMessage()).startsWith("Invalid secret (1 problem): apiKey='<blank>'");
    assertThat(
            catchThrowableOfType(ConfigurationException.class, () -> Secret.of("tenantToken", null))
                .problems()
                .get(0)
                .field())
        .isEqualTo("tenantToken");
    assertThat(
            catchThrowableOfType(ConfigurationException.class, () -> Secret.of(null, null))
                .problems()
                .get(0)
                .field())
        .isEqualTo("secret");
    assertThat(Secret.of("apiKey", "k-1").reveal()).isEqualTo("k-1");
  }

  @Test
  void configurationProblemsNeverCarryTheSecretValue() {
    ConfigurationException e =
        new ConfigurationException(
            "settings",
            List.of(
                ConfigurationProblem.ofSecret("apiKey", "remove '$'"),
                ConfigurationProblem.of("endpoint", null, "set it")));
    assertThat(e.getMessage())
        .isEqualTo(
            "Invalid settings (2 problems): apiKey='****': remove '$'; endpoint='<missing>': set it");
  }
}
