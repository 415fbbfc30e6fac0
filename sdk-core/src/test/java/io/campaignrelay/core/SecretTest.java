package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void blankSecretsAreRejected() {
    assertThatThrownBy(() -> Secret.of("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
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
