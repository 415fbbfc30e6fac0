package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.testkit.implementation.Json;
import io.campaignrelay.testkit.implementation.Outbound;
import io.campaignrelay.testkit.implementation.Seeds;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** What {@link FakeOptimove} POSTs to registered listeners: EventTypeID 1, 13 and 11 payloads. */
final class OptimoveNotifications {
  private static final DateTimeFormatter LISTENER_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private final OptimoveState state;
  private final Outbound outbound;

  OptimoveNotifications(OptimoveState state, Outbound outbound) {
    this.state = state;
    this.outbound = outbound;
  }

  List<ListenerCall> campaignProcessed(long campaignId) {
    ScheduledCampaign c;
    List<RegisteredListener> ls;
    synchronized (state.lock) {
      OptimoveState.Campaign cc = state.campaigns.get(campaignId);
      if (cc == null) {
        throw new IllegalArgumentException(
            "campaign " + campaignId + " is unknown: schedule it first");
      }
      c = cc.view();
      ls = List.copyOf(state.listeners);
    }
    String ts = LISTENER_TS.format(LocalDateTime.ofInstant(state.clock.instant(), ZoneOffset.UTC));
    List<ListenerCall> calls = new ArrayList<>();
    for (RegisteredListener l : ls) {
      ObjectNode body = Json.object();
      if (l.eventTypeId() == 1) {
        body.put("EventTypeID", 1).put("TimeStamp", ts).put("CampaignID", c.campaignId());
      } else if (l.eventTypeId() == 13 && (l.channelId() == 0 || l.channelId() == c.channelId())) {
        body.put("EventTypeID", 13)
            .put("TimeStamp", ts)
            .put("CampaignID", c.campaignId())
            .put("ChannelID", c.channelId());
      } else {
        continue;
      }
      calls.add(post(l.listenerUrl(), Json.write(body), Map.of()));
    }
    return calls;
  }

  List<ListenerCall> trigger(
      String customerId,
      int channelId,
      long templateId,
      String templateName,
      String eventName,
      Map<String, String> eventParams,
      boolean includePersonalInfo) {
    FakeCustomer c;
    List<RegisteredListener> ls;
    synchronized (state.lock) {
      c = state.findCustomer(customerId);
      ls = List.copyOf(state.listeners);
    }
    if (c == null) {
      throw new IllegalArgumentException("customer " + customerId + " is unknown");
    }
    ObjectNode body = Json.object();
    body.put(
        "requestId",
        new UUID(
                Seeds.mix(state.seed, 41, state.clock.millis()),
                Seeds.mix(state.seed, 42, customerId.hashCode()))
            .toString());
    body.put("customerID", customerId).put("isVisitor", false).put("actionID", 7);
    body.putArray("promotions");
    body.putArray("promoCode");
    body.put("channelID", channelId).putNull("channelAdditionalData");
    body.put("campaignID", "2.38")
        .put("templateName", templateName)
        .put("campaignSeriesID", "2.18");
    body.put("templateID", templateId)
        .put("timestamp", Long.toString(state.clock.instant().getEpochSecond()));
    ObjectNode pers = body.putObject("personalization");
    if (includePersonalInfo) {
      ObjectNode info = pers.putObject("personalInfo");
      info.put("ClientCustomerId", customerId);
      state.readable(c).forEach(info::put);
    }
    ObjectNode ev = pers.putObject(eventName);
    eventParams.forEach(ev::put);
    String json = Json.write(body);
    List<ListenerCall> calls = new ArrayList<>();
    for (RegisteredListener l : ls) {
      if (l.eventTypeId() == 11 && (l.channelId() == 0 || l.channelId() == channelId)) {
        calls.add(post(l.listenerUrl(), json, Map.of()));
      }
    }
    return calls;
  }

  private ListenerCall post(String url, String body, Map<String, String> headers) {
    int status = outbound.postJson(url, body.getBytes(StandardCharsets.UTF_8), headers);
    ListenerCall call = new ListenerCall(url, body, status);
    synchronized (state.lock) {
      state.listenerCalls.add(call);
    }
    return call;
  }
}
