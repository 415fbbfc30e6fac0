package io.campaignrelay.examples;

import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalCredential;
import io.campaignrelay.textlocal.models.SendRequest;
import io.campaignrelay.textlocal.models.SendResult;
import java.util.List;

/**
 * Example: send one SMS in test mode. A TextLocal client built with {@code testMode(true)} has
 * TextLocal validate and price every send without delivering it or using credit. Runs against an
 * in-process fake of TextLocal; set {@code TEXTLOCAL_API_KEY} (and optionally {@code
 * TEXTLOCAL_ENDPOINT}, {@code TEXTLOCAL_TEST_NUMBER}) to ask the real service instead.
 */
public final class SendOneSmsInTestMode {

  private SendOneSmsInTestMode() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String key = System.getenv("TEXTLOCAL_API_KEY");
    try (FakeTextLocal fake =
        key == null ? FakeTextLocal.builder().senders("SHOPCO").start() : null) {
      String endpoint =
          fake != null
              ? fake.baseUrl()
              : System.getenv().getOrDefault("TEXTLOCAL_ENDPOINT", TextLocalClient.UK_ENDPOINT);
      TextLocalClient client =
          TextLocalClient.builder()
              .clientOptions(ClientOptions.defaults())
              .endpoint(endpoint)
              .credential(
                  TextLocalCredential.apiKey(
                      Secret.of(fake != null ? FakeTextLocal.DEFAULT_API_KEY : key)))
              .testMode(true)
              .buildClient();
      String to = System.getenv().getOrDefault("TEXTLOCAL_TEST_NUMBER", "+447700900123");
      SendResult result =
          client.send(
              SendRequest.builder()
                  .numbers(List.of(PhoneNumber.ofE164(to)))
                  .sender("SHOPCO")
                  .message("Hello from Campaign Relay (test mode: not delivered)")
                  .build());
      System.out.println(
          "test mode: "
              + result.testMode()
              + ", cost "
              + result.cost()
              + ", messages "
              + result.numMessages());
      if (fake != null) {
        System.out.println(
            "the fake delivered "
                + fake.sentMessages().count()
                + " and recorded "
                + fake.testModeMessages().count()
                + " test-mode send");
      }
    }
  }
}
