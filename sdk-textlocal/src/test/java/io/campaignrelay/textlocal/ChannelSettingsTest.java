package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.ConfigurationException;
import org.junit.jupiter.api.Test;

/** The channel's concurrency setting: default, bounds, and the copy. */
class ChannelSettingsTest {
  final TextLocalClient client =
      TextLocalClient.builder()
          .endpoint("http://localhost:9/")
          .credential(TextLocalCredential.apiKey("tl-test-key"))
          .buildClient();

  @Test
  void fourBulkCallsInFlightByDefaultAndTheCopyKeepsWhatWasSet() {
    TextLocalMessageChannel channel = TextLocalMessageChannel.create(client);
    assertThat(channel.maxConcurrentBatches()).isEqualTo(4);

    TextLocalMessageChannel one = channel.toBuilder().maxConcurrentBatches(1).build();
    assertThat(one.maxConcurrentBatches()).isEqualTo(1);
    assertThat(one.toBuilder().build().maxConcurrentBatches()).isEqualTo(1);
  }

  @Test
  void aConcurrencyOutOfBoundsIsNamedWithItsValueAndFix() {
    for (int bad : new int[] {0, 33}) {
      ConfigurationException e =
          catchThrowableOfType(
              ConfigurationException.class,
              () ->
                  TextLocalMessageChannel.builder()
                      .client(client)
                      .maxConcurrentBatches(bad)
                      .build());
      assertThat(e.problems()).extracting(p -> p.field()).containsExactly("maxConcurrentBatches");
      assertThat(e.getMessage()).contains(String.valueOf(bad)).contains("32");
    }
  }
}
