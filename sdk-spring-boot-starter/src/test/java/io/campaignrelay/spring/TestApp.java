package io.campaignrelay.spring;

import io.campaignrelay.core.runtime.InboundHandler;
import io.campaignrelay.core.runtime.InboundResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A host application for the tests, with in-test inbound handlers standing in for the runtimes. */
@SpringBootApplication
public class TestApp {
  static final String TOKEN = "capability-token-123";
  static final List<byte[]> EVENTS = new CopyOnWriteArrayList<>();

  @Bean(name = CampaignRelayInbound.OPTIMOVE_EVENT_HANDLER)
  InboundHandler events() {
    return request -> {
      if (!request.queryParameter("token").map(TOKEN::equals).orElse(false)) {
        return InboundResponse.refused(401, "bad_token", "unknown capability token");
      }
      EVENTS.add(request.body());
      return InboundResponse.accepted("accepted");
    };
  }

  @Bean(name = CampaignRelayInbound.DELIVYR_WEBHOOK_HANDLER)
  InboundHandler webhook() {
    return request ->
        request.header("X-Delivyr-Signature").map("good-signature"::equals).orElse(false)
            ? InboundResponse.accepted("accepted")
            : InboundResponse.refused(401, "bad_signature", "the signature does not match");
  }
}
