package io.campaignrelay.delivyr;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import mockwebserver3.MockWebServer;

/** The Delivyr client the unit tests point at a {@link MockWebServer}: retries never sleep. */
final class TestClients {

  static final Secret KEY = Secret.of("dlv-SECRET");

  private TestClients() {}

  static DelivyrClient delivyr(MockWebServer server) {
    return DelivyrClient.builder()
        .endpoint(server.url("/").toString())
        .credential(KEY)
        .clientOptions(ClientOptions.builder().sleeper(d -> {}).build())
        .buildClient();
  }
}
