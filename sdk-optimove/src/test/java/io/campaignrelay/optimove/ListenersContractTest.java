package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.optimove.models.EventListenerRegistration;
import io.campaignrelay.optimove.models.EventType;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class ListenersContractTest extends OptimoveTestSupport {

  @Test
  void registerSendsTypeUrlAndChannel() throws Exception {
    enqueueJson("{\"ResponseCode\":200}");

    client.createEventListener(
        EventType.CHANNEL_EXECUTED, "https://relay.example.com/om?x=1", ChannelId.of(452));

    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/current/general/RegisterEventListener");
    assertThat(body(r))
        .isEqualTo(
            "{\"EventTypeID\":13,\"ListenerURL\":\"https://relay.example.com/om?x=1\","
                + "\"ChannelID\":452}");
  }

  @Test
  void registerWithoutChannelOmitsIt() throws Exception {
    enqueue(200, "");
    client.createEventListener(EventType.PROMO_CLEARANCE_REQUIRED, "https://r.example/5", null);
    assertThat(body(take()))
        .isEqualTo("{\"EventTypeID\":5,\"ListenerURL\":\"https://r.example/5\"}");
  }

  @Test
  void eventFiveWithChannelAndBadUrlAreRejectedTogether() {
    assertThatThrownBy(
            () ->
                client.createEventListener(
                    EventType.PROMO_CLEARANCE_REQUIRED, "relay/5", ChannelId.of(452)))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(p -> p.field())
                  .containsExactly("listenerUrl", "channelId");
              assertThat(e.getMessage()).contains("without a ChannelID");
            });
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void unregisterSendsTypeAndChannel() throws Exception {
    enqueue(200, "true");
    client.deleteEventListener(EventType.CAMPAIGN_PROCESSED, ChannelId.of(250));
    RecordedRequest r = take();
    assertThat(r.getTarget()).isEqualTo("/current/general/UnregisterEventListener");
    assertThat(body(r)).isEqualTo("{\"EventTypeID\":1,\"ChannelID\":250}");
  }

  @Test
  void getRegisteredListenersReadsTypedRows() throws Exception {
    enqueueJson(
        "[{\"EventTypeID\":13,\"ListenerURL\":\"https://a\",\"ChannelID\":452},"
            + "{\"EventTypeID\":99,\"ListenerURL\":\"https://b\"}]");

    List<EventListenerRegistration> rows = client.listEventListeners();

    assertThat(rows)
        .containsExactly(
            new EventListenerRegistration(EventType.CHANNEL_EXECUTED, "https://a", 452),
            new EventListenerRegistration(EventType.of(99), "https://b", null));
    assertThat(rows.get(1).eventType().isKnown()).isFalse();
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/current/general/GetRegisteredEventListeners");
  }
}
