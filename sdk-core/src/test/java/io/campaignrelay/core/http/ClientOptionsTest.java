package io.campaignrelay.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ClientOptions o = ClientOptions.defaults();
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.writeTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.callTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.retryOptions().maxRetries()).isEqualTo(3);
    assertThat(o.retryOptions().initialBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.retryOptions().maxBackoff()).isEqualTo(Duration.ofSeconds(8));
    assertThat(o.endpoint()).isEmpty();
    assertThat(o.httpClient()).isEmpty();
  }

  @Test
  void everyBadSettingIsReportedAtOnceWithFieldValueAndFix() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                ClientOptions.builder()
                    .endpoint("ftp://example.com")
                    .connectTimeout(Duration.ZERO)
                    .readTimeout(Duration.ofSeconds(-1))
                    .applicationId("has spaces in it")
                    .build());

    assertThat(e.problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("endpoint", "connectTimeout", "readTimeout", "applicationId");
    assertThat(e.problems().get(1).value()).isEqualTo("PT0S");
    assertThat(e.problems().get(1).fix()).contains("zero would mean wait forever");
    assertThat(e.getMessage()).startsWith("Invalid client options (4 problems)");
  }

  @Test
  void endpointGetsATrailingSlash() {
    assertThat(ClientOptions.builder().endpoint("https://api.example.com/v1").build().endpoint())
        .contains("https://api.example.com/v1/");
  }

  @Test
  void toBuilderRoundTripsAndDerivesWithoutTouchingTheOriginal() {
    ClientOptions a =
        ClientOptions.builder()
            .endpoint("https://api.example.com/")
            .readTimeout(Duration.ofSeconds(5))
            .rateLimit(RateLimit.of(5, Duration.ofSeconds(1)))
            .applicationId("app")
            .build();
    ClientOptions b = a.toBuilder().readTimeout(Duration.ofSeconds(9)).build();

    assertThat(a.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.readTimeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(b.endpoint()).isEqualTo(a.endpoint());
    assertThat(b.rateLimit()).isEqualTo(a.rateLimit());
    assertThat(b.applicationId()).contains("app");
    assertThat(a.toBuilder().build().toString()).isEqualTo(a.toString());
  }

  @Test
  void retryOptionsValidateAndRoundTrip() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                RetryOptions.builder()
                    .maxRetries(-1)
                    .initialBackoff(Duration.ofSeconds(2))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build());
    assertThat(e.problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("maxRetries", "maxBackoff");
    RetryOptions r = RetryOptions.builder().maxRetries(5).build();
    assertThat(r.toBuilder().build()).isEqualTo(r);
    assertThat(RetryOptions.none().maxRetries()).isZero();
  }
}
