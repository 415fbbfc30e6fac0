package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.Secret;
import org.junit.jupiter.api.Test;

/** The channel's own settings: defaults, bounds, and every problem named at once. */
class ChannelSettingsTest {
  final DelivyrClient client =
      DelivyrClient.builder()
          .endpoint("http://localhost:9/v1/")
          .credential(Secret.of("dk_test_key"))
          .buildClient();

  @Test
  void fourBatchesInFlightAndTestModeByDefaultAndTheCopyKeepsWhatWasSet() {
    DelivyrMessageChannel channel = DelivyrMessageChannel.create(client);
    assertThat(channel.maxConcurrentBatches()).isEqualTo(4);
    assertThat(channel.mode()).isEqualTo(ExecutionMode.TEST);

    DelivyrMessageChannel eight =
        channel.toBuilder().maxConcurrentBatches(8).mode(ExecutionMode.LIVE).build();
    assertThat(eight.maxConcurrentBatches()).isEqualTo(8);
    assertThat(eight.mode()).isEqualTo(ExecutionMode.LIVE);
    assertThat(eight.toBuilder().build().maxConcurrentBatches()).isEqualTo(8);
  }

  @Test
  void everyBadSettingIsNamedWithItsValueAndFix() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> DelivyrMessageChannel.builder().mode(null).maxConcurrentBatches(0).build());

    assertThat(e.problems())
        .extracting(p -> p.field())
        .containsExactlyInAnyOrder("client", "mode", "maxConcurrentBatches");
    assertThat(e.getMessage()).contains("maxConcurrentBatches").contains("0").contains("1");
    assertThat(
            catchThrowableOfType(
                ConfigurationException.class,
                () ->
                    DelivyrMessageChannel.builder()
                        .client(client)
                        .maxConcurrentBatches(33)
                        .build()))
        .hasMessageContaining("33");
  }
}
