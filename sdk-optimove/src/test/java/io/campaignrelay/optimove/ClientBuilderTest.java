package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientBuilderTest {

  @Test
  void missingSettingsAreListedTogether() {
    assertThatThrownBy(() -> OptimoveClient.builder().pathStyle(null).buildClient())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(p -> p.field())
                    .containsExactly("endpoint", "credential", "pathStyle"));
  }

  @Test
  void paddedKeyIsRejectedWithoutShowingIt() {
    assertThatThrownBy(
            () ->
                OptimoveClient.builder()
                    .sandbox()
                    .credential(Secret.of(" secret-key-1 "))
                    .buildClient())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("credential='****'")
        .hasMessageNotContaining("secret-key-1");
  }

  @Test
  void buildingMakesNoCallAndToStringHidesTheKey() {
    OptimoveClient c =
        OptimoveClient.builder()
            .endpoint("https://api5.optimove.net")
            .credential(Secret.of("secret-key-1"))
            .clientOptions(ClientOptions.builder().readTimeout(Duration.ofSeconds(5)).build())
            .buildClient();
    assertThat(c.endpoint()).isEqualTo("https://api5.optimove.net/");
    assertThat(c.clientOptions().readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.pathStyle()).isEqualTo(OptimovePathStyle.CLASSIC);
    assertThat(c.toString()).contains("api5.optimove.net").doesNotContain("secret-key-1");
  }

  @Test
  void endpointMayComeFromClientOptions() {
    OptimoveClient c =
        OptimoveClient.builder()
            .credential(Secret.of("k"))
            .clientOptions(ClientOptions.builder().endpoint("https://api4.optimove.net/").build())
            .buildClient();
    assertThat(c.endpoint()).isEqualTo("https://api4.optimove.net/");
  }

  /** Core's merge rule, once for this client: set here wins, null means the options'. */
  @Test
  void theSharedMergeRuleAndToBuilder() {
    java.time.Clock fixed =
        java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);
    ClientOptions options =
        ClientOptions.builder()
            .endpoint("https://api4.optimove.net/")
            .clock(fixed)
            .retryOptions(io.campaignrelay.core.http.RetryOptions.none())
            .build();
    OptimoveClient c =
        OptimoveClient.builder()
            .endpoint("https://api5.optimove.net/")
            .clientOptions(options)
            .clock(null)
            .retryOptions(null)
            .credential(Secret.of("k"))
            .buildClient();
    assertThat(c.endpoint()).isEqualTo("https://api5.optimove.net/");
    assertThat(c.clientOptions().clock()).isSameAs(fixed);
    assertThat(c.clientOptions().retryOptions())
        .isEqualTo(io.campaignrelay.core.http.RetryOptions.none());
    assertThat(
            OptimoveClient.builder()
                .clientOptions(null)
                .sandbox()
                .credential(Secret.of("k"))
                .buildClient()
                .clientOptions()
                .retryOptions())
        .isEqualTo(io.campaignrelay.core.http.RetryOptions.defaults());

    OptimoveClient copy = c.toBuilder().pathStyle(OptimovePathStyle.UNVERSIONED).buildClient();
    assertThat(copy.endpoint()).isEqualTo(c.endpoint());
    assertThat(copy.clientOptions().clock()).isSameAs(fixed);
    assertThat(copy.pathStyle()).isEqualTo(OptimovePathStyle.UNVERSIONED);
    assertThat(c.pathStyle()).isEqualTo(OptimovePathStyle.CLASSIC);
  }

  @Test
  void sandboxEndpoint() {
    OptimoveClient c = OptimoveClient.builder().sandbox().credential(Secret.of("k")).buildClient();
    assertThat(c.endpoint()).isEqualTo("https://sandbox-api.optimove.net/");
  }

  @Test
  void pathStyles() {
    assertThat(OptimovePathStyle.CLASSIC.category("customers")).isEqualTo("current/customers");
    assertThat(OptimovePathStyle.UNVERSIONED.category("customers")).isEqualTo("Customers");
    assertThat(OptimovePathStyle.of("v3", true).category("actions")).isEqualTo("v3/Actions");
    assertThatThrownBy(() -> OptimovePathStyle.of("/abs/", false))
        .hasMessageContaining("relative to the endpoint");
  }
}
