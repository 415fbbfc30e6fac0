package io.campaignrelay.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.campaignrelay.core.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A bad configuration fails the start with every problem listed, and never echoes a secret. */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTest {
  @TempDir Path state;

  @Test
  void startFailsWithEveryProblemListed(CapturedOutput output) {
    SpringApplication app = new SpringApplication(TestApp.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    Throwable failure =
        catchThrowable(
            () ->
                app.run(
                    "--campaignrelay.state.directory=" + state,
                    "--campaignrelay.textlocal.api-key=  padded-SECRET-99  ",
                    "--campaignrelay.textlocal.endpoint=ftp://nowhere",
                    "--campaignrelay.textlocal.max-retries=42",
                    "--campaignrelay.delivyr.runtime.testing-mode=false",
                    "--campaignrelay.delivyr.runtime.webhook-path=hooks",
                    "--campaignrelay.state.store=mongo",
                    "--campaignrelay.optimove.api-key=opt-key"));
    assertThat(failure).isNotNull();
    Throwable cause = failure;
    while (cause != null && !(cause instanceof ConfigurationException)) {
      cause = cause.getCause();
    }
    assertThat(cause).isInstanceOf(ConfigurationException.class);
    ConfigurationException ce = (ConfigurationException) cause;
    assertThat(ce.problems())
        .extracting(p -> p.field())
        .containsExactlyInAnyOrder(
            "campaignrelay.optimove.endpoint",
            "campaignrelay.textlocal.endpoint",
            "campaignrelay.textlocal.max-retries",
            "campaignrelay.textlocal.api-key",
            "campaignrelay.delivyr.runtime.listener-base-url",
            "campaignrelay.delivyr.runtime.webhook-path",
            "campaignrelay.state.store");

    FailureAnalysis analysis = new CampaignRelayFailureAnalyzer().analyze(failure);
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription())
        .contains("7 problems")
        .contains("Property: campaignrelay.state.store")
        .contains("Value: mongo")
        .contains("Reason: use 'jdbc' or 'file'")
        .contains("Property: campaignrelay.textlocal.api-key\n    Value: ****");
    // Spring Boot printed the analyzer's report (not a stack trace) as the start failure
    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("Campaign Relay is not configured correctly (7 problems)")
        .doesNotContain("padded-SECRET-99");
  }

  @Test
  void aGoodConfigurationHasNoProblems() {
    CampaignRelayProperties p = new CampaignRelayProperties();
    p.getTextlocal().setApiKey("k");
    p.getDelivyr().getRuntime().setTestingMode(false);
    p.getDelivyr().getRuntime().setListenerBaseUrl("https://relay.example.com/");
    assertThat(CampaignRelaySettingsCheck.problems(p)).isEmpty();
    p.getTextlocal().setUsername("me");
    assertThat(CampaignRelaySettingsCheck.problems(p))
        .extracting(x -> x.field())
        .contains("campaignrelay.textlocal.username", "campaignrelay.textlocal.hash");
  }
}
