package io.campaignrelay.delivyr;

import io.campaignrelay.core.metrics.DeliveryEvent;
import io.campaignrelay.core.runtime.InboundHandler;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.delivyr.models.WebhookEvent;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivyr's webhook endpoint of a {@link DelivyrRuntime}: verify, map, hand to the metrics outbox.
 * In order:
 *
 * <ol>
 *   <li>the method must be POST (else 405); the body at most {@code maxBodyBytes} (else 413 {@code
 *       too_large}), checked before the signature is computed or the body parsed;
 *   <li>the {@value DelivyrWebhook#SIGNATURE_HEADER} header must carry a valid HMAC of the raw body
 *       with the webhook secret (else 401 {@code bad_signature}) and a timestamp within 300 s (else
 *       401 {@code stale});
 *   <li>a signed body that is not a Delivyr event: 400 {@code malformed};
 *   <li>an event id already handled (kept in {@link io.campaignrelay.core.runtime.ProcessedIds}, so
 *       across restarts): 200 {@code duplicate}, nothing counted;
 *   <li>otherwise the event is mapped with the guide's table ({@link DelivyrMetrics}: delivered ->
 *       Delivered, rejected -> Dropped, undelivered -> Bounced, click -> Clicked, opt out ->
 *       Unsubscribed) and handed to the metrics sink, whose flush runs in a job: 202 {@code
 *       accepted}.
 * </ol>
 *
 * <p>A signed body is then also held to the JSON parse limits (400 {@code limits}). Every refusal
 * and duplicate is logged and counted in {@link DelivyrRuntime#inboundRefusals()} under {@code
 * delivyr-webhooks <status> <outcome>}. Thread-safe.
 */
public final class DelivyrWebhookHandler implements InboundHandler {

  /** The namespace of handled webhook ids in {@link io.campaignrelay.core.runtime.ProcessedIds}. */
  public static final String NAMESPACE = "delivyr-webhook";

  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.runtime.inbound");

  /** The endpoint's name in the refusal counters. */
  public static final String ENDPOINT = "delivyr-webhooks";

  private final DelivyrRuntime runtime;
  private final DelivyrWebhook verifier = DelivyrWebhook.create();

  DelivyrWebhookHandler(DelivyrRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public InboundResponse handle(InboundRequest request) {
    if (request == null) {
      return InboundResponse.refused(400, "malformed", "no request");
    }
    if (!"POST".equalsIgnoreCase(request.method())) {
      return refuse(405, "method_not_allowed", "POST the webhook");
    }
    if (request.bodyLength() > runtime.maxBodyBytes()) {
      return refuse(413, "too_large", "the body exceeds " + runtime.maxBodyBytes() + " bytes");
    }
    if (request.header(DelivyrWebhook.SIGNATURE_HEADER).isEmpty()) {
      return refuse(401, "bad_signature", "the signature is missing or does not match");
    }
    try {
      DelivyrWebhook.verifySignature(
          request.bodyText(),
          request.header(DelivyrWebhook.SIGNATURE_HEADER).orElse(null),
          java.util.List.of(runtime.webhookSecret()));
    } catch (RuntimeException e) {
      return refuse(401, "bad_signature", "the signature is missing or does not match");
    }
    // signed, so Delivyr's: the parse limits guard against a fault there, not an attacker
    Optional<InboundJsonLimits.Refusal> tooMuch = runtime.jsonLimits().check(request.body());
    if (tooMuch.isPresent()) {
      return refuse(400, tooMuch.get().outcome(), tooMuch.get().reason());
    }
    WebhookEvent event;
    try {
      event =
          verifier.verifyAndParse(
              request.bodyText(),
              request.header(DelivyrWebhook.SIGNATURE_HEADER).orElse(null),
              runtime.webhookSecret(),
              runtime.clock());
    } catch (WebhookReplayException e) {
      return duplicate();
    } catch (WebhookTimestampException e) {
      return refuse(401, "stale", "the signature's timestamp is too far from now");
    } catch (WebhookSignatureException e) {
      return refuse(401, "bad_signature", "the signature is missing or does not match");
    } catch (WebhookVerificationException e) {
      return refuse(400, "malformed", "not a Delivyr event");
    } catch (RuntimeException e) {
      return refuse(400, "malformed", "not a Delivyr event");
    }
    Instant now = runtime.clock().instant();
    if (event.id() == null || event.id().isBlank()) {
      return refuse(400, "malformed", "the event has no id");
    }
    if (runtime.processedIds().contains(NAMESPACE, event.id(), now)) {
      return duplicate();
    }
    Optional<DeliveryEvent> mapped;
    try {
      mapped = DelivyrMetrics.deliveryEventOf(event);
    } catch (RuntimeException e) {
      return refuse(400, "malformed", "the event names an unusable campaign or customer");
    }
    // handed over first, then marked: a crash in between makes Delivyr's retry hand it over again,
    // and the sink's outbox holds an event id once (at least once into the outbox, once out of it)
    mapped.ifPresent(runtime.metrics()::accept);
    runtime
        .processedIds()
        .markIfAbsent(NAMESPACE, event.id(), now, now.plus(DelivyrRuntime.KEEP_IDS));
    if (mapped.isPresent()) {
      runtime.scheduleOutboxFlush();
      return InboundResponse.accepted("accepted");
    }
    runtime.inboundRefusals().count(ENDPOINT + " 200 ignored");
    return new InboundResponse(200, "ignored", "the event names no campaign or customer");
  }

  private InboundResponse refuse(int status, String outcome, String reason) {
    LOG.info("Delivyr webhook refused: {} {}", status, outcome);
    runtime.inboundRefusals().count(ENDPOINT + " " + status + " " + outcome);
    return InboundResponse.refused(status, outcome, reason);
  }

  private InboundResponse duplicate() {
    runtime.inboundRefusals().count(ENDPOINT + " 200 duplicate");
    return InboundResponse.duplicate("webhook already handled");
  }

  @Override
  public String toString() {
    return "DelivyrWebhookHandler{}";
  }
}
