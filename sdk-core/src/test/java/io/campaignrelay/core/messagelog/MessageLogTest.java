package io.campaignrelay.core.messagelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageLogTest {

  static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  static Campaign campaign(long id) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(id))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of("T1"))
        .sendTime(T)
        .build();
  }

  static OutboundMessage message(Campaign c, String customer) {
    return OutboundMessage.of(
        c,
        CustomerId.of(customer),
        PhoneNumber.ofE164("+447700900123"),
        TemplateId.of("T1"),
        "Hi " + customer);
  }

  @Test
  void loggedEntryCarriesWhatALiveOneWould() {
    OutboundMessage m = message(campaign(1), "c1");
    LoggedMessage logged = LoggedMessage.logged(m, T);
    LoggedMessage live =
        LoggedMessage.dispatched(m, DispatchResult.accepted(m.idempotencyKey(), "m-1"), T);
    assertThat(logged.status()).isEqualTo(MessageStatus.LOGGED);
    assertThat(logged.mode()).isEqualTo(ExecutionMode.TEST);
    assertThat(live.status()).isEqualTo(MessageStatus.DISPATCHED);
    assertThat(live.mode()).isEqualTo(ExecutionMode.LIVE);
    for (LoggedMessage e : List.of(logged, live)) {
      assertThat(e.key()).isEqualTo(m.idempotencyKey());
      assertThat(e.campaignId()).isEqualTo(CampaignId.scheduled(1));
      assertThat(e.channel()).isEqualTo(ChannelId.SCHEDULED_SMS);
      assertThat(e.customerId()).isEqualTo(CustomerId.of("c1"));
      assertThat(e.templateId()).hasValue(TemplateId.of("T1"));
      assertThat(e.to()).hasValue(PhoneNumber.ofE164("+447700900123"));
      assertThat(e.text()).hasValue("Hi c1");
      assertThat(e.length()).hasValue(m.length());
      assertThat(e.at()).isEqualTo(T);
      assertThat(e.toString()).doesNotContain("Hi c1").doesNotContain("7700900123");
    }
    assertThat(logged.vendorMessageId()).isEmpty();
    assertThat(live.vendorMessageId()).hasValue("m-1");
  }

  @Test
  void rejectedLiveEntryKeepsTheReason() {
    OutboundMessage m = message(campaign(1), "c1");
    LoggedMessage e =
        LoggedMessage.dispatched(
            m, DispatchResult.rejected(m.idempotencyKey(), RejectionReason.OPTED_OUT, "STOP"), T);
    assertThat(e.status()).isEqualTo(MessageStatus.REJECTED);
    assertThat(e.detail()).hasValue("OPTED_OUT: STOP");
    OutboundMessage other = message(campaign(1), "c2");
    assertThatThrownBy(
            () ->
                LoggedMessage.dispatched(
                    m, DispatchResult.accepted(other.idempotencyKey(), "x"), T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not for message");
  }

  @Test
  void statusMustFitTheMode() {
    assertThatThrownBy(
            () ->
                LoggedMessage.logged(message(campaign(1), "c1"), T).toBuilder()
                    .mode(ExecutionMode.LIVE)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOGGED is for TEST mode only");
    assertThatThrownBy(
            () ->
                LoggedMessage.logged(message(campaign(1), "c1"), T).toBuilder()
                    .status(MessageStatus.DISPATCHED)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DISPATCHED is for LIVE mode only");
    assertThatThrownBy(
            () ->
                LoggedMessage.logged(message(campaign(1), "c1"), T).toBuilder().text(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs the phone number, the template and the rendered text");
  }

  @Test
  void dropsNeedNoTextOrNumber() {
    LoggedMessage drop =
        LoggedMessage.builder()
            .campaignId(CampaignId.scheduled(1))
            .channel(ChannelId.SCHEDULED_SMS)
            .customerId(CustomerId.of("c9"))
            .status(MessageStatus.DROPPED)
            .detail("INVALID_PHONE_FORMAT: phoneNumber='abc' has letters")
            .at(T)
            .build();
    assertThat(drop.to()).isEmpty();
    assertThat(drop.text()).isEmpty();
    assertThat(drop.length()).isEmpty();
    assertThat(drop.templateId()).isEmpty();
    assertThat(drop.mode()).isEqualTo(ExecutionMode.TEST);
    assertThat(drop.key().value()).startsWith("cr1-");
    assertThatThrownBy(() -> LoggedMessage.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("campaignId");
  }

  @Test
  void queriesByCampaignCustomerAndStatus() {
    InMemoryMessageLog log = new InMemoryMessageLog();
    LoggedMessage a = LoggedMessage.logged(message(campaign(1), "c1"), T);
    LoggedMessage b = LoggedMessage.logged(message(campaign(1), "c2"), T);
    LoggedMessage c = LoggedMessage.logged(message(campaign(2), "c1"), T);
    OutboundMessage m = message(campaign(2), "c2");
    LoggedMessage d =
        LoggedMessage.dispatched(
            m, DispatchResult.rejected(m.idempotencyKey(), RejectionReason.OTHER, null), T);
    List.of(a, b, c, d).forEach(log::append);
    assertThat(log.byCampaign(CampaignId.scheduled(1))).containsExactly(a, b);
    assertThat(log.byCampaign(CampaignId.scheduled(3))).isEmpty();
    assertThat(log.byCustomer(CustomerId.of("c1"))).containsExactly(a, c);
    assertThat(log.byStatus(MessageStatus.LOGGED)).containsExactly(a, b, c);
    assertThat(log.byStatus(MessageStatus.REJECTED)).containsExactly(d);
    assertThat(log.byStatus(MessageStatus.DELIVERED)).isEmpty();
    assertThat(log.all()).containsExactly(a, b, c, d);
    assertThat(log.size()).isEqualTo(4);
    assertThat(log.toString()).contains("size=4");
    List<LoggedMessage> snapshot = log.byCampaign(CampaignId.scheduled(1));
    log.append(LoggedMessage.logged(message(campaign(1), "c3"), T));
    assertThat(snapshot).hasSize(2);
    assertThatThrownBy(() -> snapshot.add(a)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void inMemoryLogIsThreadSafe() throws Exception {
    InMemoryMessageLog log = new InMemoryMessageLog();
    Campaign c = campaign(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 1000; i++) {
                  log.append(LoggedMessage.logged(message(c, "t" + thread + "-" + i), T));
                  log.byStatus(MessageStatus.LOGGED);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(log.size()).isEqualTo(8000);
    assertThat(log.byCampaign(c.id())).hasSize(8000);
    assertThat(log.byStatus(MessageStatus.LOGGED)).hasSize(8000);
    assertThat(log.byCustomer(CustomerId.of("t3-999"))).hasSize(1);
  }
}
