package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.SentMessage;
import io.campaignrelay.testkit.SimulatedClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every message carries its own idempotency key, so a resume that regroups messages (a torn journal
 * tail, the targets in another order) never texts anyone twice: checked against the testkit's
 * FakeDelivyr, which dedupes per message as {@code delivyr-api.md} says.
 */
class DelivyrPerMessageIdempotencyTest {

  static final Campaign CAMPAIGN =
      Campaign.builder()
          .kind(CampaignKind.SCHEDULED)
          .id(CampaignId.scheduled(77))
          .channel(ChannelId.SCHEDULED_SMS)
          .templateId(TemplateId.of("42"))
          .sendTime(Instant.parse("2026-11-23T10:00:00Z"))
          .build();

  SimulatedClock clock;
  FakeDelivyr fake;
  DelivyrMessageChannel channel;

  @BeforeEach
  void start() {
    clock = SimulatedClock.create();
    fake = FakeDelivyr.builder().clock(clock).seed(3).testingMode(false).outcomes(0, 0, 0).start();
    DelivyrClient client =
        DelivyrClient.builder()
            .endpoint(fake.baseUrl())
            .credential(Secret.of(FakeDelivyr.DEFAULT_API_KEY))
            .clientOptions(ClientOptions.builder().clock(clock).sleeper(clock::sleep).build())
            .buildClient();
    channel = DelivyrMessageChannel.create(client, ExecutionMode.LIVE);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static OutboundMessage message(int i) {
    return OutboundMessage.of(
        CAMPAIGN,
        CustomerId.of("C" + i),
        PhoneNumber.ofE164(String.format("+4477009%05d", i)),
        TemplateId.of("42"),
        "Hi C" + i + ", 20% off today");
  }

  static List<OutboundMessage> messages(int from, int to) {
    List<OutboundMessage> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(message(i));
    }
    return out;
  }

  Map<String, Long> textsPerPhone() {
    return fake.sentMessages().all().stream()
        .collect(Collectors.groupingBy(SentMessage::to, Collectors.counting()));
  }

  @Test
  void regroupedReorderedResumeTextsEveryPhoneExactlyOnce() {
    List<OutboundMessage> first = messages(0, 8);
    List<DispatchResult> original = channel.dispatch(first);
    assertThat(original).hasSize(8).allMatch(DispatchResult::isAccepted);
    Map<Object, String> idOf =
        original.stream()
            .collect(
                Collectors.toMap(
                    DispatchResult::idempotencyKey, r -> r.vendorMessageId().orElseThrow()));

    // the resume: the same 8 in other batches and another order, mixed with 4 new ones
    List<OutboundMessage> again = new ArrayList<>(first);
    Collections.reverse(again);
    List<OutboundMessage> a = new ArrayList<>(again.subList(0, 3));
    a.addAll(messages(8, 10));
    List<OutboundMessage> b = new ArrayList<>(messages(10, 12));
    b.addAll(again.subList(3, 8));
    Collections.shuffle(b, new java.util.Random(7));

    List<DispatchResult> resumed = new ArrayList<>(channel.dispatch(a));
    resumed.addAll(channel.dispatch(b));

    assertThat(resumed).hasSize(12).allMatch(DispatchResult::isAccepted);
    Map<String, Long> texts = textsPerPhone();
    assertThat(texts).hasSize(12);
    assertThat(texts.values()).containsOnly(1L);
    // a repeat is answered with the first result: the same Delivyr message id
    Map<Object, DispatchResult> byKey =
        resumed.stream()
            .collect(Collectors.toMap(DispatchResult::idempotencyKey, Function.identity()));
    for (OutboundMessage m : first) {
      assertThat(byKey.get(m.idempotencyKey()).vendorMessageId())
          .contains(idOf.get(m.idempotencyKey()));
    }
  }

  @Test
  void aSingleMessageAfterItsBatchIsNotSentAgain() {
    channel.dispatch(messages(0, 3));
    // the same customer later alone in a batch of one, in another run
    channel.dispatch(List.of(message(1)));
    channel.dispatch(List.of(message(2), message(0)));
    assertThat(textsPerPhone()).hasSize(3).allSatisfy((phone, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void afterDelivyrsTwentyFourHoursTheKeyIsForgotten() {
    channel.dispatch(messages(0, 2));
    clock.advance(java.time.Duration.ofHours(24).plusSeconds(1));
    channel.dispatch(List.of(message(1), message(0)));
    assertThat(textsPerPhone().values()).containsOnly(2L);
  }

  // ------------------------------------------------------------------ through the engine

  io.campaignrelay.core.execution.CampaignExecutor executor(
      io.campaignrelay.core.execution.ExecutionJournal journal, List<Integer> order, int batch) {
    return io.campaignrelay.core.execution.CampaignExecutor.builder()
        .targetSource(
            c ->
                order.stream()
                    .map(
                        i ->
                            io.campaignrelay.core.execution.Recipient.of(
                                CustomerId.of("C" + i),
                                io.campaignrelay.core.CustomerAttributes.builder()
                                    .add("PHONE", String.format("+4477009%05d", i))
                                    .add("FIRST_NAME", "Ann")
                                    .build())))
        .channel(channel)
        .journal(journal)
        .batchSize(batch)
        .clock(clock)
        .build();
  }

  static io.campaignrelay.core.template.Template template() {
    return io.campaignrelay.core.template.Template.builder()
        .id(TemplateId.of("42"))
        .name("Promo")
        .body("Hi [%FIRST_NAME%]")
        .approvalState(io.campaignrelay.core.template.ApprovalState.APPROVED)
        .build();
  }

  @Test
  void aCampaignRunAgainWithALostJournalAndShuffledTargetsTextsEveryoneOnce() {
    List<Integer> first = List.of(0, 1, 2, 3, 4, 5, 6, 7);
    var report =
        executor(io.campaignrelay.core.execution.InMemoryExecutionJournal.create(), first, 8)
            .execute(CAMPAIGN, template(), ExecutionMode.LIVE);
    assertThat(report.dispatched()).isEqualTo(8);

    // the journal is gone (or torn before the outcomes): the re-run sees the same 8 in another
    // order, in batches of 5, with 4 new customers among them
    List<Integer> again = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
    Collections.shuffle(again, new java.util.Random(42));
    var rerun =
        executor(io.campaignrelay.core.execution.InMemoryExecutionJournal.create(), again, 5)
            .execute(CAMPAIGN, template(), ExecutionMode.LIVE);

    assertThat(rerun.dispatched()).isEqualTo(12);
    assertThat(textsPerPhone()).hasSize(12);
    assertThat(textsPerPhone().values()).containsOnly(1L);
  }
}
