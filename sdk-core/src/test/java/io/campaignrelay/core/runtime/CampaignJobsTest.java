package io.campaignrelay.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.FileExecutionJournal;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's week of jobs driven by the clock alone, with a crash and a restart in the middle.
 */
class CampaignJobsTest {
  static final Instant SEND = ClockSchedulerTest.START.plus(Duration.ofHours(1));
  static final CampaignId CAMPAIGN = CampaignId.scheduled(3701);
  static final Template TEMPLATE =
      Template.builder()
          .id(TemplateId.of(7))
          .name("OPT_welcome")
          .body("Hi [%FIRST_NAME%]")
          .approvalState(ApprovalState.APPROVED)
          .build();

  @TempDir Path dir;
  final ClockSchedulerTest.ManualClock clock = new ClockSchedulerTest.ManualClock();

  /** A vendor that counts what it really accepted, and can lose one answer. */
  static final class Vendor implements MessageChannel {
    final Map<String, Integer> accepted = new HashMap<>();
    int calls;
    int loseAnswerOfCall = -1;

    @Override
    public String name() {
      return "vendor";
    }

    @Override
    public int maxBatchSize() {
      return 10;
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
      return true;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      calls++;
      List<DispatchResult> out = new ArrayList<>();
      for (OutboundMessage m : batch) {
        accepted.merge(m.idempotencyKey().value(), 1, Integer::sum);
        out.add(DispatchResult.accepted(m.idempotencyKey(), "m" + m.customerId().value()));
      }
      if (calls == loseAnswerOfCall) {
        throw new ApiConnectionException("connection reset while reading", true, 1, null);
      }
      return out;
    }

    @Override
    public List<io.campaignrelay.core.execution.ReconcileResult> reconcile(
        List<OutboundMessage> messages) {
      List<io.campaignrelay.core.execution.ReconcileResult> out = new ArrayList<>();
      for (OutboundMessage m : messages) {
        out.add(
            accepted.containsKey(m.idempotencyKey().value())
                ? io.campaignrelay.core.execution.ReconcileResult.sent(m.idempotencyKey(), "x")
                : io.campaignrelay.core.execution.ReconcileResult.notSent(
                    m.idempotencyKey(), "absent"));
      }
      return out;
    }
  }

  final Vendor vendor = new Vendor();
  final List<String> pulls = new ArrayList<>();

  /** One "process": its own scheduler and stores on the shared files. */
  final class Instance implements AutoCloseable {
    final FileJobStore jobs = FileJobStore.open(dir.resolve("jobs.log"));
    final FileCampaignLedger ledger = FileCampaignLedger.open(dir.resolve("ledger.log"));
    final FileExecutionJournal journal = FileExecutionJournal.open(dir.resolve("journal.log"));
    final ClockScheduler scheduler =
        ClockScheduler.builder()
            .clock(clock)
            .jobStore(jobs)
            .retryDelay(Duration.ofMinutes(5))
            .build();
    final CampaignJobs campaignJobs;

    Instance(CampaignClaims claims, String owner) {
      CampaignExecutor executor =
          CampaignExecutor.builder()
              .targetSource(
                  c ->
                      IntStream.range(0, 35)
                          .mapToObj(
                              i ->
                                  Recipient.of(
                                      CustomerId.of("C" + i),
                                      CustomerAttributes.builder()
                                          .add("PHONE", String.format("+4477009%05d", i))
                                          .add("FIRST_NAME", "Ann" + i)
                                          .build(),
                                      List.of())))
              .channel(vendor)
              .journal(journal)
              .clock(clock)
              .build();
      campaignJobs =
          CampaignJobs.builder()
              .scheduler(scheduler)
              .ledger(ledger)
              .claims(claims)
              .owner(owner)
              .clock(clock)
              .runner(
                  (record, listener) ->
                      executor.toBuilder()
                          .listener(listener)
                          .build()
                          .execute(campaign(record), TEMPLATE, ExecutionMode.LIVE))
              .metricsPull((record, day) -> pulls.add(record.key() + " day" + day))
              .build();
    }

    @Override
    public void close() {
      jobs.close();
      ledger.close();
      journal.close();
    }
  }

  static Campaign campaign(CampaignRecord record) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(record.campaignId())
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of(7))
        .sendTime(record.sendAt())
        .targetedCount(35)
        .build();
  }

  static CampaignRecord record(String settings) {
    return CampaignRecord.builder(CAMPAIGN, "452", SEND)
        .attribute(CampaignJobs.SETTINGS_ATTRIBUTE, settings)
        .build();
  }

  @Test
  void aWeekFromSendToTheLastPullWithALostAnswerAndARestartBeforeDayFour() {
    InMemoryCampaignClaims claims = InMemoryCampaignClaims.create();
    vendor.loseAnswerOfCall = 2;
    try (Instance first = new Instance(claims, "A")) {
      assertThat(first.campaignJobs.schedule(record("v1"))).isTrue();
      assertThat(first.campaignJobs.schedule(record("v1"))).isFalse();
      first.scheduler.runDue();
      assertThat(vendor.calls).isZero(); // nothing before the send time
      clock.advance(Duration.ofHours(1));
      first.scheduler.runDue(); // the second batch's answer is lost: the job fails, to retry
      assertThat(
              first
                  .scheduler
                  .job(CampaignJobs.executeKey(CAMPAIGN, "452"))
                  .orElseThrow()
                  .failures())
          .isEqualTo(1);
      clock.advance(Duration.ofMinutes(5));
      first.scheduler.runDue(); // resumes from the journal: reconciles batch 2, sends the rest
      for (int day = 1; day <= 3; day++) {
        clock.advance(Duration.ofDays(1));
        first.scheduler.runDue();
      }
    }
    assertThat(pulls).containsExactly("3701:452 day1", "3701:452 day2", "3701:452 day3");

    clock.advance(Duration.ofHours(2)); // the process died; it comes back before day 4
    try (Instance second = new Instance(InMemoryCampaignClaims.create(), "B")) {
      second.campaignJobs.schedule(record("v1")); // a restart schedules again: a no-op
      for (int day = 4; day <= 10; day++) {
        clock.advance(Duration.ofDays(1));
        second.scheduler.runDue();
      }
      CampaignRecord done = second.ledger.find("3701:452").orElseThrow();
      assertThat(done.metricDaysDone()).containsExactly(1, 2, 3, 4, 5, 6, 7);
      assertThat(done.attribute("uncertain")).hasValue("0");
    }
    assertThat(pulls).hasSize(7).doesNotHaveDuplicates();
    assertThat(vendor.accepted).hasSize(35).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void anotherInstanceHoldingTheClaimMakesTheJobWaitAndSendsNothing() {
    InMemoryCampaignClaims claims = InMemoryCampaignClaims.create();
    claims.tryClaim(
        CampaignJobs.executeKey(CAMPAIGN, "452").value(), "other", SEND, Duration.ofMinutes(30));
    try (Instance me = new Instance(claims, "me")) {
      me.campaignJobs.schedule(record("v1"));
      clock.advance(Duration.ofHours(1));
      me.scheduler.runDue();
      assertThat(vendor.calls).isZero();
      assertThat(
              me.scheduler.job(CampaignJobs.executeKey(CAMPAIGN, "452")).orElseThrow().lastError())
          .contains("another instance");
      clock.advance(Duration.ofMinutes(31)); // the other instance died: its lease lapsed
      me.scheduler.runDue();
      assertThat(vendor.accepted).hasSize(35);
    }
  }

  @Test
  void aSecondRuntimeWithOtherSettingsOnTheSameCampaignIsRefusedBeforeAnySend() {
    try (Instance one = new Instance(InMemoryCampaignClaims.create(), "A")) {
      one.campaignJobs.schedule(record("sender=SHOP"));
      assertThatThrownBy(() -> one.campaignJobs.schedule(record("sender=OTHER")))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("sender=SHOP")
          .hasMessageContaining("same settings");
    }
    assertThat(vendor.calls).isZero();
  }
}
