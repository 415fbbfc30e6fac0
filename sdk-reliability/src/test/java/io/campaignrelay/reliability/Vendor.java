package io.campaignrelay.reliability;

import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.TargetSource;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.http.Sleeper;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.delivyr.DelivyrMessageChannel;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalCredential;
import io.campaignrelay.textlocal.TextLocalMessageChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The two send paths, wired through their public builders as a user would. */
enum Vendor {
  TEXTLOCAL("TL", "tl-live-SECRET-7f3a9c1e"),
  DELIVYR("DV", "dk_live_SECRET_5b8e2d40");

  /** Retries never really wait. */
  static final Sleeper NO_SLEEP = d -> {};

  /** Short enough to keep timeout faults cheap, long enough for a loaded 2-core machine. */
  static final Duration READ_TIMEOUT = Duration.ofMillis(1000);

  final String code;
  final String apiKey;

  Vendor(String code, String apiKey) {
    this.code = code;
    this.apiKey = apiKey;
  }

  VendorServer server(Ledger ledger) throws IOException {
    return this == TEXTLOCAL
        ? new TextLocalServer(ledger, apiKey)
        : new DelivyrServer(ledger, apiKey);
  }

  static ClientOptions options() {
    return ClientOptions.builder()
        .readTimeout(READ_TIMEOUT)
        .connectTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(20))
        .sleeper(NO_SLEEP)
        .build();
  }

  MessageChannel channel(String url) {
    if (this == TEXTLOCAL) {
      TextLocalClient client =
          TextLocalClient.builder()
              .clientOptions(options())
              .endpoint(url)
              .credential(TextLocalCredential.apiKey(Secret.of(apiKey)))
              .buildClient();
      // The suite's TextLocal keeps a complete, immediate history with each send's tag: what this
      // option asks a user to check on their account before turning it on.
      return TextLocalMessageChannel.builder().client(client).inferNotSentFromHistory(true).build();
    }
    DelivyrClient client =
        DelivyrClient.builder()
            .clientOptions(options())
            .endpoint(url)
            .credential(Secret.of(apiKey))
            .buildClient();
    return DelivyrMessageChannel.create(client, ExecutionMode.LIVE);
  }

  static final String OPTIMOVE_KEY = "optimove-SECRET-key-0042";

  static TargetSource optimove(String url, int pageSize) {
    OptimoveClient client =
        OptimoveClient.builder()
            .endpoint(url)
            .credential(Secret.of(OPTIMOVE_KEY))
            .clientOptions(options())
            .sleeper(NO_SLEEP)
            .rateLimit(RateLimit.of(10_000, Duration.ofSeconds(1)))
            .buildClient();
    return OptimoveTargetSource.builder()
        .client(client)
        .customerAttributes(List.of("PHONE", "FIRST_NAME"))
        .pageSize(pageSize)
        .build();
  }
}
