package io.campaignrelay.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalCredential;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** A vendor's health against real servers: refused credentials and an unreachable host. */
class VendorHealthIndicatorTest {
  final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  TextLocalClient client(String endpoint, String key) {
    return TextLocalClient.builder()
        .endpoint(endpoint)
        .credential(TextLocalCredential.apiKey(key))
        .clientOptions(ClientOptions.builder().retryOptions(RetryOptions.none()).build())
        .buildClient();
  }

  @Test
  void refusedCredentialsAreDownWithoutTheMessage() {
    try (FakeTextLocal fake = FakeTextLocal.builder().apiKey("right-key").start()) {
      TextLocalClient c = client(fake.baseUrl(), "wrong-SECRET-key");
      Health h =
          new VendorHealthIndicator(
                  "textlocal", "balance", c::getBalance, Duration.ofSeconds(5), executor)
              .health();
      assertThat(h.getStatus()).isEqualTo(Status.DOWN);
      assertThat(h.getDetails()).containsEntry("reason", "credentials_refused");
      assertThat(h.toString()).doesNotContain("wrong-SECRET-key");
      assertThat(fake.sentMessages().all()).isEmpty();
    }
  }

  @Test
  void aClosedPortIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    TextLocalClient c = client("http://127.0.0.1:" + port + "/", "k");
    Health h =
        new VendorHealthIndicator(
                "textlocal", "balance", c::getBalance, Duration.ofSeconds(5), executor)
            .health();
    assertThat(h.getStatus()).isEqualTo(Status.DOWN);
    assertThat(h.getDetails()).containsEntry("reason", "unreachable");
  }
}
