package io.campaignrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.testkit.implementation.NoDelayServerSocketFactory;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scaffolding the three fakes share (hosts, fault scripts, counts, sockets, closing). */
class VendorFakeTest {

  @Test
  void acceptedConnectionsHaveNagleSwitchedOff() throws Exception {
    NoDelayServerSocketFactory factory = new NoDelayServerSocketFactory();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket unbound = factory.createServerSocket();
        ServerSocket bound = factory.createServerSocket(0, 10, loopback)) {
      assertThat(unbound.isBound()).isFalse();
      unbound.bind(new InetSocketAddress(loopback, 0));
      for (ServerSocket server : new ServerSocket[] {unbound, bound}) {
        try (Socket client = new Socket(loopback, server.getLocalPort());
            Socket accepted = server.accept()) {
          assertThat(client.getTcpNoDelay()).isFalse();
          assertThat(accepted.getTcpNoDelay()).isTrue();
        }
      }
    }
  }

  @Test
  void optimoveAppliesOneFaultScriptToBothHostsAndCountsBoth() {
    try (FakeOptimove f =
        FakeOptimove.builder()
            .faults(FaultScript.builder().failFirst("saveEvent", 1, Fault.serverError(503)).build())
            .start()) {
      assertThat(Http.send("POST", f.metricsBaseUrl() + "api/saveEvent", "[]", Map.of()).code())
          .isEqualTo(503);
      f.faults(
          FaultScript.builder()
              .failFirst("GetChannelTemplates", 1, Fault.serverError(500))
              .failFirst("saveEvent", 1, Fault.serverError(502))
              .build());
      Map<String, String> key = Map.of("X-API-KEY", FakeOptimove.DEFAULT_API_KEY);
      String templates = f.baseUrl() + "current/integrations/GetChannelTemplates?ChannelID=1";
      assertThat(Http.get(templates, key).code()).isEqualTo(500);
      assertThat(Http.get(templates, key).code()).isEqualTo(200);
      // call counts continue across scripts: the second saveEvent is past "first 1"
      assertThat(Http.send("POST", f.metricsBaseUrl() + "api/saveEvent", "[]", Map.of()).code())
          .isEqualTo(401);
      assertThat(f.requestCount()).isEqualTo(4);
      assertThat(f.injectedFaults())
          .extracting(InjectedFault::operation, i -> i.fault().status())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("getchanneltemplates", 500),
              org.assertj.core.groups.Tuple.tuple("saveEvent", 503));
    }
  }

  @Test
  void singleHostFakesCountRequestsAndRecordFaults() {
    try (FakeTextLocal tl =
            FakeTextLocal.builder()
                .faults(
                    FaultScript.builder().failCall("balance", 2, Fault.serverError(503)).build())
                .start();
        FakeDelivyr dv =
            FakeDelivyr.builder()
                .faults(
                    FaultScript.builder()
                        .failFirst("GET templates", 1, Fault.serverError(500))
                        .build())
                .start()) {
      Map<String, String> form = Map.of("apikey", FakeTextLocal.DEFAULT_API_KEY);
      assertThat(Http.form(tl.baseUrl() + "balance/", form).code()).isEqualTo(200);
      assertThat(Http.form(tl.baseUrl() + "balance/", form).code()).isEqualTo(503);
      assertThat(tl.requestCount()).isEqualTo(2);
      assertThat(tl.injectedFaults())
          .containsExactly(new InjectedFault("balance", 2, Fault.serverError(503)));
      Map<String, String> auth = Map.of("Authorization", "Bearer " + FakeDelivyr.DEFAULT_API_KEY);
      assertThat(Http.get(dv.baseUrl() + "templates", auth).code()).isEqualTo(500);
      assertThat(Http.get(dv.baseUrl() + "templates", auth).code()).isEqualTo(200);
      assertThat(dv.requestCount()).isEqualTo(2);
      assertThat(dv.injectedFaults()).hasSize(1);
    }
  }

  @Test
  void toStringNamesTheFakeAndItsUrlsAndCloseStopsEveryHost() {
    FakeTextLocal tl = FakeTextLocal.start();
    FakeDelivyr dv = FakeDelivyr.start();
    FakeOptimove opt = FakeOptimove.start();
    assertThat(tl.baseUrl()).startsWith("http://").endsWith("/");
    assertThat(tl).hasToString("FakeTextLocal[" + tl.baseUrl() + "]");
    assertThat(dv).hasToString("FakeDelivyr[" + dv.baseUrl() + "]");
    assertThat(opt)
        .hasToString(
            "FakeOptimove[api="
                + opt.baseUrl()
                + ", metrics="
                + opt.metricsBaseUrl()
                + ", tenant=1234]");
    assertThat(opt.metricsBaseUrl()).isNotEqualTo(opt.baseUrl());
    SimulatedClock shared = SimulatedClock.create();
    try (FakeDelivyr linked = FakeDelivyr.builder().clock(shared).start()) {
      assertThat(linked.clock()).isSameAs(shared);
    }
    String[] urls = {tl.baseUrl(), dv.baseUrl(), opt.baseUrl(), opt.metricsBaseUrl()};
    tl.close();
    dv.close();
    opt.close();
    for (String url : urls) {
      assertThatThrownBy(() -> Http.get(url, Map.of())).isInstanceOf(UncheckedIOException.class);
    }
  }
}
