package io.campaignrelay.core.messagelog;

import static io.campaignrelay.core.messagelog.MessageLogTest.T;
import static io.campaignrelay.core.messagelog.MessageLogTest.campaign;
import static io.campaignrelay.core.messagelog.MessageLogTest.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SendGateTest {

  /** A transport that records every call and answers with a function. */
  static final class RecordingChannel implements MessageChannel {
    final List<List<OutboundMessage>> calls = new ArrayList<>();
    final Function<List<OutboundMessage>, List<DispatchResult>> answer;
    final int maxBatch;

    RecordingChannel(int maxBatch, Function<List<OutboundMessage>, List<DispatchResult>> answer) {
      this.maxBatch = maxBatch;
      this.answer = answer;
    }

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public int maxBatchSize() {
      return maxBatch;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      calls.add(List.copyOf(batch));
      return answer.apply(batch);
    }
  }

  private static List<DispatchResult> acceptAll(List<OutboundMessage> batch) {
    List<DispatchResult> r = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      r.add(DispatchResult.accepted(batch.get(i).idempotencyKey(), "m-" + i));
    }
    return r;
  }

  private final Clock clock = Clock.fixed(T, ZoneOffset.UTC);
  private final Campaign campaign = campaign(1);

  @Test
  void testModeLogsEveryMessageAndNeverCallsTheTransport() {
    RecordingChannel channel = new RecordingChannel(1000, SendGateTest::acceptAll);
    InMemoryMessageLog log = new InMemoryMessageLog();
    SendGate gate = SendGate.create(ExecutionMode.TEST, channel, log, clock);
    List<OutboundMessage> batch = List.of(message(campaign, "c1"), message(campaign, "c2"));
    List<LoggedMessage> written = gate.send(batch);
    assertThat(channel.calls).isEmpty();
    assertThat(written).extracting(LoggedMessage::status).containsOnly(MessageStatus.LOGGED);
    assertThat(log.byStatus(MessageStatus.LOGGED)).containsExactlyElementsOf(written);
    assertThat(written.get(0).text()).hasValue("Hi c1");
    assertThat(written.get(0).at()).isEqualTo(T);
    assertThat(gate.mode()).isEqualTo(ExecutionMode.TEST);
  }

  @Test
  void testModeIgnoresTheBatchLimitBecauseNothingIsSent() {
    RecordingChannel channel = new RecordingChannel(1, SendGateTest::acceptAll);
    SendGate gate = SendGate.create(ExecutionMode.TEST, channel, new InMemoryMessageLog(), clock);
    assertThat(gate.send(List.of(message(campaign, "a"), message(campaign, "b")))).hasSize(2);
    assertThat(channel.calls).isEmpty();
  }

  @Test
  void liveModeSendsAndLogsEachAnswer() {
    RecordingChannel channel =
        new RecordingChannel(
            10,
            batch ->
                List.of(
                    DispatchResult.rejected(
                        batch.get(1).idempotencyKey(),
                        RejectionReason.CANNOT_RECEIVE_SMS,
                        "landline"),
                    DispatchResult.accepted(batch.get(0).idempotencyKey(), "m-0")));
    InMemoryMessageLog log = new InMemoryMessageLog();
    SendGate gate = SendGate.create(ExecutionMode.LIVE, channel, log, clock);
    List<LoggedMessage> written =
        gate.send(List.of(message(campaign, "c1"), message(campaign, "c2")));
    assertThat(channel.calls).hasSize(1);
    assertThat(written)
        .extracting(LoggedMessage::status)
        .containsExactly(MessageStatus.DISPATCHED, MessageStatus.REJECTED);
    assertThat(written.get(0).vendorMessageId()).hasValue("m-0");
    assertThat(written.get(1).detail()).hasValue("CANNOT_RECEIVE_SMS: landline");
    assertThat(log.byCampaign(campaign.id())).containsExactlyElementsOf(written);
  }

  @Test
  void testAndLiveEntriesHaveTheSameContent() {
    OutboundMessage m = message(campaign, "c1");
    LoggedMessage test =
        SendGate.create(
                ExecutionMode.TEST,
                new RecordingChannel(1, SendGateTest::acceptAll),
                new InMemoryMessageLog(),
                clock)
            .send(List.of(m))
            .get(0);
    LoggedMessage live =
        SendGate.create(
                ExecutionMode.LIVE,
                new RecordingChannel(1, SendGateTest::acceptAll),
                new InMemoryMessageLog(),
                clock)
            .send(List.of(m))
            .get(0);
    assertThat(test.text()).isEqualTo(live.text());
    assertThat(test.to()).isEqualTo(live.to());
    assertThat(test.length()).isEqualTo(live.length());
    assertThat(test.key()).isEqualTo(live.key());
    assertThat(test.templateId()).isEqualTo(live.templateId());
  }

  @Test
  void liveModeRefusesAnOversizedBatch() {
    RecordingChannel channel = new RecordingChannel(1, SendGateTest::acceptAll);
    SendGate gate = SendGate.create(ExecutionMode.LIVE, channel, new InMemoryMessageLog(), clock);
    assertThatThrownBy(() -> gate.send(List.of(message(campaign, "a"), message(campaign, "b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum of 1");
    assertThat(channel.calls).isEmpty();
  }

  @Test
  void duplicateKeysInABatchAreRefused() {
    SendGate gate =
        SendGate.create(
            ExecutionMode.TEST,
            new RecordingChannel(10, SendGateTest::acceptAll),
            new InMemoryMessageLog(),
            clock);
    assertThatThrownBy(() -> gate.send(List.of(message(campaign, "a"), message(campaign, "a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one message per campaign");
  }

  @Test
  void aChannelMustAnswerExactlyOncePerMessage() {
    InMemoryMessageLog log = new InMemoryMessageLog();
    SendGate missing =
        SendGate.create(ExecutionMode.LIVE, new RecordingChannel(10, b -> List.of()), log, clock);
    assertThatThrownBy(() -> missing.send(List.of(message(campaign, "a"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gave no result");
    SendGate twice =
        SendGate.create(
            ExecutionMode.LIVE,
            new RecordingChannel(
                10,
                b ->
                    List.of(
                        DispatchResult.accepted(b.get(0).idempotencyKey(), "1"),
                        DispatchResult.accepted(b.get(0).idempotencyKey(), "2"))),
            log,
            clock);
    assertThatThrownBy(() -> twice.send(List.of(message(campaign, "a"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("answered twice");
    assertThat(log.size()).isZero();
  }

  @Test
  void emptyBatchDoesNothing() {
    RecordingChannel channel = new RecordingChannel(10, SendGateTest::acceptAll);
    SendGate gate = SendGate.create(ExecutionMode.LIVE, channel, new InMemoryMessageLog(), clock);
    assertThat(gate.send(List.of())).isEmpty();
    assertThat(channel.calls).isEmpty();
    assertThat(gate.toString()).contains("LIVE", "recording");
  }
}
