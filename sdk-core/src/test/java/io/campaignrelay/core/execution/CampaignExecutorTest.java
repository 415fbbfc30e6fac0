package io.campaignrelay.core.execution;

import static io.campaignrelay.core.execution.EngineFixtures.campaign;
import static io.campaignrelay.core.execution.EngineFixtures.phoneOf;
import static io.campaignrelay.core.execution.EngineFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.messagelog.MessageStatus;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.optout.InMemoryOptOutList;
import io.campaignrelay.core.optout.OptOutEntry;
import io.campaignrelay.core.template.ApprovalState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CampaignExecutorTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

  @Test
  void testModeLogsEveryMessageAndNeverCallsTheChannel() {
    EngineFixtures.VendorChannel channel = new EngineFixtures.VendorChannel(true, 100);
    InMemoryMessageLog log = new InMemoryMessageLog();
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(new EngineFixtures.Targets(250))
            .channel(channel)
            .messageLog(log)
            .clock(CLOCK)
            .build();

    ExecutionReport report =
        executor.execute(campaign(1, 250), template(), ExecutionMode.defaultMode());

    assertThat(channel.calls).isZero();
    assertThat(report.mode()).isEqualTo(ExecutionMode.TEST);
    assertThat(report.logged()).isEqualTo(250);
    assertThat(report.dispatched()).isZero();
    assertThat(log.byCampaign(CampaignId.scheduled(1))).hasSize(250);
    assertThat(log.byStatus(MessageStatus.LOGGED)).hasSize(250);
    assertThat(log.byCustomer(CustomerId.of("C3")).get(0).text())
        .contains("Hi Ann3, your code is P3");
    assertThat(executor.journal())
        .isInstanceOfSatisfying(InMemoryExecutionJournal.class, j -> assertThat(j.size()).isZero());
  }

  @Test
  void liveModeSendsInBatchesOfTheChannelMaximumAndJournalsEveryRecipient() {
    EngineFixtures.VendorChannel channel = new EngineFixtures.VendorChannel(false, 100);
    InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
    List<ExecutionProgress> progress = new ArrayList<>();
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(new EngineFixtures.Targets(250))
            .channel(channel)
            .journal(journal)
            .clock(CLOCK)
            .listener(EngineFixtures.progressInto(progress))
            .build();

    ExecutionReport report = executor.execute(campaign(2, 250), template(), ExecutionMode.LIVE);

    assertThat(channel.batchSizes).containsExactly(100, 100, 50);
    assertThat(report.dispatched()).isEqualTo(250);
    assertThat(report.targeted()).isEqualTo(250);
    assertThat(report.batchIds()).containsExactly("batch-1", "batch-2", "batch-3");
    assertThat(journal.entry(CampaignId.scheduled(2), CustomerId.of("C249")))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(RecipientState.DISPATCHED));
    assertThat(journal.pending(CampaignId.scheduled(2))).isEmpty();
    assertThat(channel.deliveries.get(0))
        .isEqualTo("C0|" + phoneOf(0) + "|Hi Ann0, your code is P0");
    assertThat(progress).last().satisfies(p -> assertThat(p.dispatched()).isEqualTo(250));
    assertThat(progress.get(0).fraction()).contains(0.4);
  }

  @Test
  void everyKindOfBadRecipientIsDroppedWithItsReasonAndTheRestAreSent() {
    InMemoryOptOutList optOuts = new InMemoryOptOutList();
    optOuts.optOut(new OptOutEntry(PhoneNumber.ofE164(phoneOf(1)), Instant.EPOCH, "STOP"));
    EngineFixtures.VendorChannel channel = new EngineFixtures.VendorChannel(false, 10);
    channel.rejectPhones.add(phoneOf(5));
    TargetSource targets =
        c ->
            Stream.of(
                EngineFixtures.recipient(0),
                EngineFixtures.recipient(1), // opted out
                Recipient.of( // phone not first and not a number
                    CustomerId.of("C2"),
                    CustomerAttributes.builder()
                        .add("PHONE", "call me")
                        .add("FIRST_NAME", "Bo")
                        .build(),
                    List.of("P2")),
                Recipient.of( // no FIRST_NAME: the template cannot render
                    CustomerId.of("C3"),
                    CustomerAttributes.builder().add("PHONE", phoneOf(3)).build(),
                    List.of("P3")),
                Recipient.of( // 11 segments: too long
                    CustomerId.of("C4"),
                    CustomerAttributes.builder()
                        .add("PHONE", phoneOf(4))
                        .add("FIRST_NAME", "x".repeat(153 * 11))
                        .build(),
                    List.of("P4")),
                EngineFixtures.recipient(5), // rejected by the vendor
                EngineFixtures.recipient(0)); // the same customer again
    List<String> drops = new ArrayList<>();
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(targets)
            .channel(channel)
            .optOutList(optOuts)
            .clock(CLOCK)
            .listener(
                new ExecutionListener() {
                  @Override
                  public void onDropped(CustomerId c, RejectionReason r, String detail) {
                    drops.add(c + ":" + r);
                  }
                })
            .build();

    ExecutionReport report = executor.execute(campaign(3, 7), template(), ExecutionMode.LIVE);

    assertThat(channel.deliveries).hasSize(1).first().asString().startsWith("C0|");
    assertThat(report.dispatched()).isEqualTo(1);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(report.droppedByReason())
        .containsEntry(RejectionReason.OPTED_OUT, 1L)
        .containsEntry(RejectionReason.INVALID_PHONE_FORMAT, 1L)
        .containsEntry(RejectionReason.OTHER, 2L)
        .containsEntry(RejectionReason.CANNOT_RECEIVE_SMS, 1L);
    assertThat(report.dropped()).isEqualTo(5);
    // The repeated row is one recipient: 6 distinct of the campaign's 7, so the targets are
    // flagged.
    assertThat(report.targeted()).isEqualTo(6);
    assertThat(report.sentDerived()).isEqualTo(6 - 5).isEqualTo(report.dispatched());
    assertThat(report.targetsComplete()).isFalse();
    assertThat(drops)
        .containsExactlyInAnyOrder(
            "C1:OPTED_OUT",
            "C2:INVALID_PHONE_FORMAT",
            "C3:OTHER",
            "C4:OTHER",
            "C5:CANNOT_RECEIVE_SMS");
  }

  @Test
  void liveSendsNeedAnApprovedTemplate() {
    EngineFixtures.VendorChannel channel = new EngineFixtures.VendorChannel(false, 10);
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(new EngineFixtures.Targets(3))
            .channel(channel)
            .clock(CLOCK)
            .build();

    ExecutionReport report =
        executor.execute(
            campaign(4, 3),
            template().toBuilder().approvalState(ApprovalState.PENDING).build(),
            ExecutionMode.LIVE);

    assertThat(channel.calls).isZero();
    assertThat(report.droppedByReason()).containsEntry(RejectionReason.OTHER, 3L);
  }

  @Test
  void liveWithoutAChannelIsAConfigurationErrorAndNothingIsRead() {
    EngineFixtures.Targets targets = new EngineFixtures.Targets(3);
    CampaignExecutor executor = CampaignExecutor.builder().targetSource(targets).build();

    assertThatThrownBy(() -> executor.execute(campaign(5, 3), template(), ExecutionMode.LIVE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("channel")
        .hasMessageContaining("TEST mode");
    assertThat(targets.opened.get()).isZero();
  }

  @Test
  void aBuilderWithoutTargetsListsEveryProblem() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> CampaignExecutor.builder().maxSegments(0).batchSize(-1).build());
    assertThat(e.problems())
        .extracting(p -> p.field())
        .containsExactly("targetSource", "maxSegments", "batchSize");
  }

  @Test
  void aRerunWithTheSameJournalSkipsEveryoneAlreadySent() {
    EngineFixtures.VendorChannel channel = new EngineFixtures.VendorChannel(false, 50);
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(new EngineFixtures.Targets(120))
            .channel(channel)
            .clock(CLOCK)
            .build();
    Campaign c = campaign(6, 120);
    executor.execute(c, template(), ExecutionMode.LIVE);

    ExecutionReport again = executor.execute(c, template(), ExecutionMode.LIVE);

    assertThat(channel.deliveries).hasSize(120);
    assertThat(again.skipped()).isEqualTo(120);
    assertThat(again.dispatched()).isZero();
  }
}
