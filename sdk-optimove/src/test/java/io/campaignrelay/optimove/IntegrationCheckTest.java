package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.optimove.models.IntegrationCheckResult;
import io.campaignrelay.optimove.models.IntegrationProblem;
import io.campaignrelay.optimove.models.IntegrationProblem.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntegrationCheckTest extends OptimoveTestSupport {

  @Test
  void reportsEveryProblemAtOnce() throws Exception {
    enqueueJson(
        "[{\"RealFieldName\":\"MOBILE_NUMBER\"},{\"RealFieldName\":\"FIRST_NAME\"},"
            + "{\"RealFieldName\":\"EMAIL\"},{\"RealFieldName\":\"DATE_OF_BIRTH\"}]");

    IntegrationCheckResult result =
        client.checkIntegration(List.of("FIRST_NAME", "MOBILE_NUMBER", "LOYALTY_TIER"));

    assertThat(result.visibleAttributes())
        .containsExactly("MOBILE_NUMBER", "FIRST_NAME", "EMAIL", "DATE_OF_BIRTH");
    assertThat(result.isOk()).isFalse();
    // the loopback endpoint breaks two endpoint rules: https and the api<N>.optimove.net host
    assertThat(result.errors())
        .extracting(IntegrationProblem::field)
        .containsExactly("endpoint", "endpoint", "customerAttributes", "customerAttributes");
    assertThat(result.errors().get(2).value()).isEqualTo("LOYALTY_TIER");
    assertThat(result.errors().get(3).fix()).contains("phone number must be the first");
    assertThat(result.warnings()).hasSize(1);
    assertThat(result.warnings().get(0).value()).contains("EMAIL").contains("DATE_OF_BIRTH");
    assertThat(result.warnings().get(0).fix()).contains("over-permissive");
    assertThat(take().getTarget()).isEqualTo("/current/model/GetCustomerAttributeList");
    assertThatThrownBy(result::throwIfErrors)
        .isInstanceOfSatisfying(
            ConfigurationException.class, e -> assertThat(e.problems()).hasSize(4));
  }

  @Test
  void sampleCustomerLooksUpThatCustomersAttributes() throws Exception {
    enqueueJson(
        "[{\"RealFieldName\":\"MOBILE_NUMBER\",\"Value\":\"+447700900123\"},"
            + "{\"RealFieldName\":\"FIRST_NAME\",\"Value\":\"Ann\"}]");

    IntegrationCheckResult result =
        client.checkIntegration(List.of("MOBILE_NUMBER", "FIRST_NAME"), "C-1001");

    assertThat(result.problems()).extracting(IntegrationProblem::field).containsOnly("endpoint");
    assertThat(result.warnings()).isEmpty();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/Customers/C-1001/Attributes");
  }

  @Test
  void rejectedKeyIsReportedWithTheAccessTypeFix() {
    enqueue(403, "\"Forbidden\"");
    IntegrationCheckResult result = client.checkIntegration(List.of("MOBILE_NUMBER"));
    assertThat(result.errors())
        .anySatisfy(
            p -> {
              assertThat(p.field()).isEqualTo("credential");
              assertThat(p.fix()).contains("Integrations access type");
              assertThat(p.value()).doesNotContain(API_KEY);
            });
    assertThat(result.visibleAttributes()).isEmpty();
  }

  @Test
  void goodEndpointsPassTheFormatRules() {
    assertThat(
            OptimoveClient.checkSettings(
                "https://api5.optimove.net/", Secret.of("k"), List.of("MOBILE_NUMBER")))
        .isEmpty();
    assertThat(
            OptimoveClient.checkSettings(
                "https://sandbox-api.optimove.net/", Secret.of("k"), List.of("PHONE")))
        .isEmpty();
  }

  @Test
  void offlineSettingsCheckNamesEachRule() {
    List<IntegrationProblem> p =
        OptimoveClient.checkSettings(
            "http://api5.optimove.net", null, List.of("FIRST_NAME", "PHONE"));
    assertThat(p).extracting(IntegrationProblem::severity).containsOnly(Severity.ERROR);
    assertThat(p)
        .extracting(IntegrationProblem::fix)
        .anySatisfy(f -> assertThat(f).contains("https"))
        .anySatisfy(f -> assertThat(f).contains("trailing slash"))
        .anySatisfy(f -> assertThat(f).contains("API key"))
        .anySatisfy(f -> assertThat(f).contains("phone number must be the first"));
    assertThat(
            OptimoveClient.checkSettings(
                "https://api.optimove.com/", Secret.of("k"), List.of("PHONE")))
        .singleElement()
        .satisfies(x -> assertThat(x.fix()).contains("api<N>.optimove.net"));
    assertThat(
            OptimoveClient.checkSettings(
                "https://api5.optimove.net/current/", Secret.of("k"), List.of("PHONE")))
        .singleElement()
        .satisfies(x -> assertThat(x.fix()).contains("without a path"));
    assertThat(OptimoveClient.checkSettings(null, Secret.of("k"), List.of("PHONE")))
        .singleElement()
        .satisfies(x -> assertThat(x.fix()).contains("API Endpoint"));
  }
}
