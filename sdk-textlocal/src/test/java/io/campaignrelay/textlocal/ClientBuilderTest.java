package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.http.ClientOptions;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Core's client-builder rules, once for TextLocal's client. */
class ClientBuilderTest {

  private TextLocalServer tl;

  @BeforeEach
  void start() throws Exception {
    tl = new TextLocalServer();
  }

  @AfterEach
  void stop() throws Exception {
    tl.close();
  }

  @Test
  void setHereWinsNullMeansTheOptionsAndClientOptionsNullMeansDefaults() {
    ClientOptions options = tl.options().toBuilder().endpoint("https://elsewhere.example/").build();
    TextLocalClient c =
        TextLocalClient.builder()
            .clientOptions(options)
            .endpoint(tl.options().endpoint().orElseThrow())
            .clock(null)
            .httpClient(null)
            .credential(TextLocalCredential.apiKey(TextLocalServer.API_KEY))
            .buildClient();
    assertThat(c.endpoint()).isEqualTo(tl.options().endpoint().orElseThrow());
    assertThat(c.clock()).isSameAs(TextLocalServer.CLOCK);

    TextLocalClient defaults =
        TextLocalClient.builder()
            .clientOptions(null)
            .credential(TextLocalCredential.apiKey(TextLocalServer.API_KEY))
            .buildClient();
    assertThat(defaults.endpoint()).isEqualTo(TextLocalClient.UK_ENDPOINT);
    assertThat(defaults.clock()).isEqualTo(Clock.systemUTC());
    assertThat(defaults.testMode()).isFalse();
  }

  @Test
  void toBuilderKeepsTheCredentialHookAndTheTestMode() throws Exception {
    TextLocalClient c = tl.client().toBuilder().testMode(true).buildClient();
    assertThat(c.testMode()).isTrue();
    assertThat(c.endpoint()).isEqualTo(tl.options().endpoint().orElseThrow());
    tl.enqueue("{\"balance\":{\"sms\":10},\"status\":\"success\"}");
    c.getBalance();
    assertThat(TextLocalServer.form(tl.take())).containsEntry("apikey", TextLocalServer.API_KEY);
  }

  @Test
  void everyProblemIsListedWithoutAnNpe() {
    assertThatThrownBy(
            () -> TextLocalClient.builder().clientOptions(null).endpoint("nope").buildClient())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigurationProblem::field)
                    .containsExactly("credential", "endpoint"));
  }
}
