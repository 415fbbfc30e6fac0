package io.campaignrelay.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The one merge rule and the one validation of every vendor client's builder. */
class ClientBuilderTest {

  /** A client that only shows what its builder merged. */
  record Built(ClientOptions options, Secret credential) {}

  static final class AcmeBuilder extends ClientBuilder<AcmeBuilder, Secret, Built> {
    int size = 1;
    String defaultEndpoint;

    AcmeBuilder size(int size) {
      this.size = size;
      return this;
    }

    @Override
    protected String subject() {
      return "Acme client";
    }

    @Override
    protected String credentialFix() {
      return "set the Acme key";
    }

    @Override
    protected String defaultEndpoint() {
      return defaultEndpoint;
    }

    @Override
    protected void checkCredential(Secret credential, List<ConfigurationProblem> problems) {
      if (credential.containsAnyOf("\n")) {
        problems.add(ConfigurationProblem.ofSecret("credential", "remove the line break"));
      }
    }

    @Override
    protected void validate(List<ConfigurationProblem> problems) {
      if (size < 1) {
        problems.add(ConfigurationProblem.of("size", size, "use at least 1"));
      }
    }

    @Override
    protected Built newClient(ClientOptions options, Secret credential) {
      return new Built(options, credential);
    }
  }

  static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void aBuilderSettingWinsOverTheSameSettingOfTheOptionsWhateverTheOrder() {
    OkHttpClient mine = new OkHttpClient();
    ClientOptions options =
        ClientOptions.builder()
            .endpoint("https://options.example/")
            .retryOptions(RetryOptions.none())
            .applicationId("app-1")
            .build();

    Built built =
        new AcmeBuilder()
            .retryOptions(RetryOptions.defaults())
            .endpoint("https://builder.example")
            .clock(FIXED)
            .httpClient(mine)
            .clientOptions(options)
            .credential(Secret.of("k"))
            .buildClient();

    assertThat(built.options().endpoint()).contains("https://builder.example/");
    assertThat(built.options().retryOptions()).isEqualTo(RetryOptions.defaults());
    assertThat(built.options().clock()).isSameAs(FIXED);
    assertThat(built.options().httpClient()).containsSame(mine);
    assertThat(built.options().applicationId()).contains("app-1");
  }

  @Test
  void nullMeansNotSetHereSoTheOptionsValueOrTheDefaultApplies() {
    ClientOptions options =
        ClientOptions.builder()
            .endpoint("https://options.example/")
            .retryOptions(RetryOptions.none())
            .clock(FIXED)
            .build();

    Built fromOptions =
        new AcmeBuilder()
            .clientOptions(options)
            .endpoint(null)
            .retryOptions(null)
            .clock(null)
            .httpClient(null)
            .sleeper(null)
            .credential(Secret.of("k"))
            .buildClient();
    assertThat(fromOptions.options().endpoint()).contains("https://options.example/");
    assertThat(fromOptions.options().retryOptions()).isEqualTo(RetryOptions.none());
    assertThat(fromOptions.options().clock()).isSameAs(FIXED);

    AcmeBuilder defaults = new AcmeBuilder().clientOptions(null).credential(Secret.of("k"));
    defaults.defaultEndpoint = "https://default.example/";
    Built built = defaults.buildClient();
    assertThat(built.options().endpoint()).contains("https://default.example/");
    assertThat(built.options().retryOptions()).isEqualTo(RetryOptions.defaults());
    assertThat(built.options().sleeper()).isSameAs(Sleeper.SYSTEM);
  }

  @Test
  void everyProblemIsListedAtOnceWithoutAnNpeAndWithoutTheSecret() {
    assertThatThrownBy(
            () ->
                new AcmeBuilder()
                    .clientOptions(null)
                    .retryOptions(null)
                    .size(0)
                    .credential(Secret.of("top-secret\n"))
                    .buildClient())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigurationProblem::field)
                  .containsExactly("endpoint", "credential", "size");
              assertThat(e.getMessage()).contains("Acme client").doesNotContain("top-secret");
            });

    assertThatThrownBy(() -> new AcmeBuilder().endpoint("ftp://x.example/").buildClient())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("credential", "endpoint"));
  }
}
