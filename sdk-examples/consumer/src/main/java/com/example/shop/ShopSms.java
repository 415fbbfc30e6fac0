package com.example.shop;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalIntegrationSettings;
import io.campaignrelay.textlocal.models.CustomField;

/**
 * A host application's use of Campaign Relay, compiled against the published artifacts only: it
 * validates Optimove's TextLocal integration settings offline and builds a TextLocal client in
 * test mode. Building a client makes no network call, so running it needs no account.
 */
public final class ShopSms {

  private ShopSms() {}

  /**
   * Validates a configuration, shows a rejected one, and builds a test-mode client.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    TextLocalIntegrationSettings settings =
        TextLocalIntegrationSettings.builder()
            .apiKey(Secret.of("example-api-key"))
            .username("optimove-api")
            .password(Secret.of("example-password"))
            .apiLoginUrl("https://api.txtlocal.com")
            .contactGroup("123456", "Optimove customers")
            .contactGroupPrefix("OPT_")
            .keyField(CustomField.CUSTOM1)
            .build();
    System.out.println("valid: " + settings);

    try {
      TextLocalIntegrationSettings.builder()
          .apiKey(Secret.of("key-with-$-sign"))
          .username("optimove&api")
          .password(Secret.of("a=b"))
          .contactGroup("123456", "Optimove customers")
          .contactGroupPrefix("OPTIMOVE")
          .keyField(CustomField.CUSTOM1)
          .build();
    } catch (ConfigurationException e) {
      System.out.println("refused, " + e.problems().size() + " problems:");
      for (ConfigurationProblem p : e.problems()) {
        System.out.println("  " + p.field() + ": " + p.fix());
      }
    }

    TextLocalClient client =
        settings.clientBuilder(ClientOptions.defaults()).testMode(true).buildClient();
    System.out.println("client: " + client + ", test mode " + client.testMode());
  }
}
