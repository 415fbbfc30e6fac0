package io.campaignrelay.delivyr;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.runtime.InboundHandler;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.optimove.OptimoveEventParseException;
import io.campaignrelay.optimove.OptimoveEvents;
import io.campaignrelay.optimove.models.CampaignEvent;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.optimove.models.OptimoveEvent;
import io.campaignrelay.optimove.models.TriggeredEvent;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optimove's event-listener endpoint of a {@link DelivyrRuntime}: raw body and headers in, a status
 * out; no vendor call and no send on the request thread. In order:
 *
 * <ol>
 *   <li>the method must be POST (else 405);
 *   <li>the listener token must be the request's {@code token} query parameter, compared in
 *       constant time with the runtime's current {@link
 *       io.campaignrelay.core.runtime.ListenerTokens token} (else 401 {@code bad_token}; before any
 *       token was registered: 401 {@code no_token}), before the body is read; a token from before
 *       the last rotation is refused the same way;
 *   <li>the body must be at most the runtime's {@code maxBodyBytes} (else 413 {@code too_large});
 *   <li>it must stay within the JSON parse limits (nesting depth 16, 1,000 elements per array,
 *       20,000 tokens; else 400 {@code limits}) and parse as an Optimove event (else 400 {@code
 *       malformed}); unknown fields are ignored (Optimove may add fields: UNKNOWN), wrong types of
 *       the fields read are refused;
 *   <li>event 13 must be on channel 452 and event 11 on 250, the channels registered (else 422
 *       {@code not_registered}); other event types are answered 200 {@code ignored};
 *   <li>a repeat (event 13: campaign and channel; event 11: its {@code requestId}) is answered 200
 *       {@code duplicate} and schedules nothing;
 *   <li>otherwise the event is recorded, its job scheduled, and the answer is 202 {@code accepted}.
 * </ol>
 *
 * <p>Optimove documents no signature on listener calls (UNKNOWN), hence the token in the URL. Every
 * refusal and duplicate is logged (never with the token) and counted in the runtime's {@link
 * DelivyrRuntime#inboundRefusals()} under {@code optimove-events <status> <outcome>}. Thread-safe.
 */
public final class OptimoveEventHandler implements InboundHandler {

  /**
   * The namespace of handled Optimove events in {@link io.campaignrelay.core.runtime.ProcessedIds}.
   */
  public static final String NAMESPACE = "optimove-event";

  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.runtime.inbound");

  /** The endpoint's name in the refusal counters. */
  public static final String ENDPOINT = "optimove-events";

  private final DelivyrRuntime runtime;

  OptimoveEventHandler(DelivyrRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public InboundResponse handle(InboundRequest request) {
    if (request == null) {
      return InboundResponse.refused(400, "malformed", "no request");
    }
    if (!"POST".equalsIgnoreCase(request.method())) {
      return refuse(405, "method_not_allowed", "POST the event");
    }
    if (runtime.listenerTokens().current().isEmpty()) {
      return refuse(401, "no_token", "no listener token is registered yet: install the runtime");
    }
    if (!runtime.listenerTokens().matches(request.queryParameter("token").orElse(null))) {
      return refuse(401, "bad_token", "the listener URL's token is missing or wrong");
    }
    if (request.bodyLength() > runtime.maxBodyBytes()) {
      return refuse(413, "too_large", "the body exceeds " + runtime.maxBodyBytes() + " bytes");
    }
    Optional<InboundJsonLimits.Refusal> tooMuch = runtime.jsonLimits().check(request.body());
    if (tooMuch.isPresent()) {
      return refuse(400, tooMuch.get().outcome(), tooMuch.get().reason());
    }
    OptimoveEvent event;
    try {
      event = OptimoveEvents.parse(request.body());
    } catch (OptimoveEventParseException | ConfigurationException e) {
      return refuse(400, "malformed", "not an Optimove event");
    } catch (RuntimeException e) {
      return refuse(400, "malformed", "not an Optimove event");
    }
    Instant now = runtime.clock().instant();
    Instant expires = now.plus(DelivyrRuntime.KEEP_IDS);
    if (event instanceof CampaignEvent c && EventType.CHANNEL_EXECUTED.equals(c.eventType())) {
      int channel = c.channelId() == null ? ChannelId.SCHEDULED_SMS.value() : c.channelId();
      if (channel != ChannelId.SCHEDULED_SMS.value()) {
        return refuse(422, "not_registered", "event 13 is registered for channel 452 only");
      }
      if (c.campaignId() <= 0) {
        return refuse(400, "malformed", "event 13 without a positive CampaignID");
      }
      String id = "13:" + c.campaignId() + ":" + channel;
      if (!runtime.processedIds().markIfAbsent(NAMESPACE, id, now, expires)) {
        return duplicate("campaign " + c.campaignId() + " is already scheduled");
      }
      runtime.acceptCampaignEvent(c.campaignId(), channel);
      LOG.info("event 13 accepted: campaign {} on channel {}", c.campaignId(), channel);
      return InboundResponse.accepted("accepted");
    }
    if (event instanceof TriggeredEvent t) {
      int channel = t.channelId() == null ? ChannelId.TRIGGERED_SMS.value() : t.channelId();
      if (channel != ChannelId.TRIGGERED_SMS.value()) {
        return refuse(422, "not_registered", "event 11 is registered for channel 250 only");
      }
      if (t.requestId() == null
          || t.requestId().isBlank()
          || t.customerId() == null
          || t.customerId().isBlank()
          || t.campaignId() == null
          || t.templateId() == null) {
        return refuse(
            400, "malformed", "event 11 needs requestId, customerID, campaignID and templateID");
      }
      String id = "11:" + t.requestId();
      if (runtime.processedIds().contains(NAMESPACE, id, now)) {
        return duplicate("trigger already handled");
      }
      try {
        runtime.acceptTrigger(t, request.bodyText());
      } catch (ConfigurationException e) {
        return refuse(400, "malformed", "event 11 has an unusable campaign or template id");
      }
      runtime.processedIds().markIfAbsent(NAMESPACE, id, now, expires);
      LOG.info("event 11 accepted: campaign {}", t.campaignId());
      return InboundResponse.accepted("accepted");
    }
    runtime.inboundRefusals().count(ENDPOINT + " 200 ignored");
    return new InboundResponse(200, "ignored", "this integration acts on events 13 and 11 only");
  }

  private InboundResponse refuse(int status, String outcome, String reason) {
    LOG.info("Optimove event refused: {} {}", status, outcome);
    runtime.inboundRefusals().count(ENDPOINT + " " + status + " " + outcome);
    return InboundResponse.refused(status, outcome, reason);
  }

  private InboundResponse duplicate(String reason) {
    runtime.inboundRefusals().count(ENDPOINT + " 200 duplicate");
    return InboundResponse.duplicate(reason);
  }

  @Override
  public String toString() {
    return "OptimoveEventHandler{}";
  }
}
