package com.example.relay;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.runtime.InboundHandler;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.delivyr.DelivyrWebhook;
import io.campaignrelay.delivyr.WebhookReplayException;
import io.campaignrelay.delivyr.WebhookSignatureException;
import io.campaignrelay.delivyr.WebhookTimestampException;
import io.campaignrelay.delivyr.WebhookVerificationException;
import io.campaignrelay.spring.CampaignRelayInbound;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delivyr's webhooks, verified with sdk-delivyr's {@link DelivyrWebhook} (signature over the raw
 * body, timestamp tolerance, replay memory): a forgery is refused with 401, a stale one with 401, a
 * replay answered 200 {@code duplicate} (so Delivyr stops retrying), a verified event 202. The
 * starter maps it at {@code campaignrelay.delivyr.runtime.webhook-path} by its bean name. (The
 * Delivyr channel runtime will register its own handler under this name.)
 */
@Component(CampaignRelayInbound.DELIVYR_WEBHOOK_HANDLER)
public final class DelivyrWebhookHandler implements InboundHandler {
  private final DelivyrWebhook verifier = DelivyrWebhook.create();
  private final Secret secret;
  private final Clock clock = Clock.systemUTC();

  /**
   * Creates the handler.
   *
   * @param secret the webhook signing secret ({@code relay.delivyr.webhook-secret})
   */
  public DelivyrWebhookHandler(@Value("${relay.delivyr.webhook-secret}") String secret) {
    this.secret = Secret.of(secret);
  }

  @Override
  public InboundResponse handle(InboundRequest request) {
    if (!"POST".equals(request.method())) {
      return InboundResponse.refused(405, "method_not_allowed", "webhooks are POSTed");
    }
    try {
      verifier.verifyAndParse(
          request.bodyText(),
          request.header(DelivyrWebhook.SIGNATURE_HEADER).orElse(null),
          secret,
          clock);
      return InboundResponse.accepted("accepted");
    } catch (WebhookReplayException e) {
      return InboundResponse.duplicate("this event was already accepted");
    } catch (WebhookSignatureException e) {
      return InboundResponse.refused(401, "bad_signature", "the signature does not match");
    } catch (WebhookTimestampException e) {
      return InboundResponse.refused(401, "stale", "the timestamp is outside the tolerance");
    } catch (WebhookVerificationException e) {
      return InboundResponse.refused(400, "bad_event", "the body is not a Delivyr event");
    }
  }
}
