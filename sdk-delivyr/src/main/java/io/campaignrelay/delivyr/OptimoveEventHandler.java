package io.campaignrelay.delivyr;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.runtime.InboundHandler;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.optimove.OptimoveEventParseException;
import io.campaignrelay.optimove.OptimoveEvents;
import io.campaignrelay.optimove.models.CampaignEvent;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.optimove.models.OptimoveEvent;
import io.campaignrelay.optimove.models.TriggeredEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
 *   <li>the listener token, when the runtime has one, must be the request's {@code token} query
 *       parameter, compared in constant time (else 401 {@code bad_token}), before the body is read;
 *   <li>the body must be at most the runtime's {@code maxBodyBytes} (else 413 {@code too_large});
 *   <li>it must parse as an Optimove event (else 400 {@code malformed});
 *   <li>event 13 must be on channel 452 and event 11 on 250, the channels registered (else 422
 *       {@code not_registered}); other event types are answered 200 {@code ignored};
 *   <li>a repeat (event 13: campaign and channel; event 11: its {@code requestId}) is answered 200
 *       {@code duplicate} and schedules nothing;
 *   <li>otherwise the event is recorded, its job scheduled, and the answer is 202 {@code accepted}.
 * </ol>
 *
 * <p>Optimove documents no signature on listener calls (UNKNOWN), hence the token in the URL.
 * Thread-safe.
 */
public final class OptimoveEventHandler implements InboundHandler {

  /**
   * The namespace of handled Optimove events in {@link io.campaignrelay.core.runtime.ProcessedIds}.
   */
  public static final String NAMESPACE = "optimove-event";

  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.runtime.inbound");

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
    Optional<Secret> token = runtime.listenerToken();
    if (token.isPresent() && !sameToken(token.get(), request.queryParameter("token"))) {
      return refuse(401, "bad_token", "the listener URL's token is missing or wrong");
    }
    if (request.bodyLength() > runtime.maxBodyBytes()) {
      return refuse(413, "too_large", "the body exceeds " + runtime.maxBodyBytes() + " bytes");
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
        return InboundResponse.duplicate("campaign " + c.campaignId() + " is already scheduled");
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
        return InboundResponse.duplicate("trigger already handled");
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
    return new InboundResponse(200, "ignored", "this integration acts on events 13 and 11 only");
  }

  private static InboundResponse refuse(int status, String outcome, String reason) {
    LOG.info("Optimove event refused: {} {}", status, outcome);
    return InboundResponse.refused(status, outcome, reason);
  }

  private static boolean sameToken(Secret expected, Optional<String> given) {
    if (given.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.reveal().getBytes(StandardCharsets.UTF_8),
        given.get().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "OptimoveEventHandler{}";
  }
}
