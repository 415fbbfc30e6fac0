package io.campaignrelay.examples;

import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.DelivyrWebhook;
import io.campaignrelay.delivyr.WebhookVerificationException;
import io.campaignrelay.delivyr.models.WebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Example: verify a Delivyr webhook. {@link DelivyrWebhook#verifyAndParse} checks the {@code
 * Delivyr-Signature} header ({@code t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">}) against the
 * signing secret, refuses a tampered body, a timestamp more than 300 s away and a replayed event,
 * and returns the typed event. Use one verifier per endpoint for the life of the application.
 */
public final class VerifyWebhook {

  private VerifyWebhook() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Secret secret = Secret.of("whsec-example");
    Clock clock = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
    long t = clock.instant().getEpochSecond();
    String body =
        "{\"id\":\"evt_1\",\"type\":\"message.delivered\",\"createdAt\":\"2026-01-05T08:59:58Z\","
            + "\"data\":{\"messageId\":\"msg_1\",\"customerId\":\"C000000001\","
            + "\"phone\":\"+447700900123\"}}";
    String header = "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, secret);
    DelivyrWebhook verifier = DelivyrWebhook.create();

    WebhookEvent event = verifier.verifyAndParse(body, header, secret, clock);
    System.out.println("verified: " + event.type() + " for customer " + event.data().customerId());

    refused(
        "tampered body",
        () ->
            verifier.verifyAndParse(
                body.replace("C000000001", "C000000002"), header, secret, clock));
    refused("replayed event", () -> verifier.verifyAndParse(body, header, secret, clock));
    Clock later = Clock.offset(clock, java.time.Duration.ofMinutes(10));
    refused(
        "stale timestamp",
        () -> DelivyrWebhook.create().verifyAndParse(body, header, secret, later));
  }

  private static void refused(String what, Runnable attempt) {
    try {
      attempt.run();
      System.out.println(what + ": accepted (unexpected)");
    } catch (WebhookVerificationException e) {
      System.out.println(what + ": refused (" + e.getClass().getSimpleName() + ")");
    }
  }
}
