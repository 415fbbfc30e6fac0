package io.campaignrelay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.optimove.models.MetricId;
import io.campaignrelay.testkit.CampaignMetric;
import io.campaignrelay.testkit.EngagementEvent;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.testkit.SentMessage;
import io.campaignrelay.testkit.SentMessages;
import io.campaignrelay.textlocal.TextLocalCampaignFlow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo run programmatically against the fakes (1,000 customers per campaign): the printed
 * tables agree with what the fakes saw, TEST mode makes no call to a send endpoint, and LIVE sends
 * each customer at most once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoTest {

  private static final int CUSTOMERS = 1_000;
  private static final int TRIGGERS = 20;

  private OfflineVendors world;
  private DemoResult result;
  private String printed;

  @BeforeAll
  void runDemo() {
    world = OfflineVendors.start(7, CUSTOMERS, TRIGGERS);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result =
          Demo.runOffline(
              world, new Demo.Options(false, false, CUSTOMERS, TRIGGERS, 7), false, out);
    }
    printed = bytes.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  void testModeMakesNoCallToASendEndpoint() {
    assertThat(result.testModeSendCalls()).isZero();
    assertThat(result.vendorMessagesAfterTest()).isZero();
    assertThat(printed).contains("proof: 0 HTTP requests reached a send endpoint during TEST");
    for (CampaignTable t : result.testTables()) {
      assertThat(t.mode()).isEqualTo(ExecutionMode.TEST);
      assertThat(t.logged()).as(t.title()).isEqualTo(t.targeted() - t.dropped()).isPositive();
      assertThat(t.delivered()).isEqualTo(CampaignTable.NOT_REPORTED);
      assertPrinted(t);
    }
    // LIVE did reach them, through the same counted transport
    assertThat(result.transport()).containsKey("POST /messages/batch");
    assertThat(result.transport()).containsKey("POST /bulk_json/");
  }

  @Test
  void textLocalTableMatchesTheFakesAndWhatOptimoveReceived() {
    CampaignTable t = live("TextLocal");
    FakeTextLocal tl = world.textLocal();
    SentMessages sent =
        tl.sentMessages()
            .forCampaign(TextLocalCampaignFlow.campaignTag(CampaignId.of(t.campaignId())));
    assertThat(t.targeted()).isEqualTo(CUSTOMERS);
    int delivered = 0;
    int undelivered = 0;
    int invalid = 0;
    for (SentMessage m : sent.all()) {
      String status = tl.statusOf(Long.parseLong(m.id())).orElseThrow();
      delivered += status.equals("D") ? 1 : 0;
      undelivered += status.equals("U") ? 1 : 0;
      invalid += status.equals("I") ? 1 : 0;
    }
    assertThat(t.delivered()).isEqualTo(delivered).isPositive();
    assertThat(t.bounced()).isEqualTo(undelivered);
    assertThat(t.dropped()).isEqualTo(t.targeted() - sent.count() + invalid);
    // what Optimove received through UpdateCampaignMetrics adds up to the table
    long campaign = Long.parseLong(t.campaignId());
    assertThat(metricSum(campaign, MetricId.DELIVERED)).isEqualTo(t.delivered());
    assertThat(metricSum(campaign, MetricId.BOUNCED)).isEqualTo(t.bounced());
    assertThat(metricSum(campaign, MetricId.DROPPED)).isEqualTo(t.dropped());
    assertThat(metricSum(campaign, MetricId.SENT)).as("Sent is never reported").isZero();
    assertThat(t.clicked()).isEqualTo(CampaignTable.NOT_REPORTED);
    assertPrinted(t);
  }

  @Test
  void delivyrTablesMatchTheFakesAndTheEngagementEvents() {
    FakeDelivyr fd = world.delivyr();
    for (CampaignTable t : result.liveTables()) {
      if (!t.title().startsWith("Delivyr")) {
        continue;
      }
      SentMessages sent = fd.sentMessages().forCampaign(t.campaignId());
      assertThat(t.sent()).as(t.title()).isEqualTo(sent.count()).isPositive();
      int delivered = 0;
      int undelivered = 0;
      for (SentMessage m : sent.all()) {
        String status = fd.statusOf(m.id()).orElseThrow();
        delivered += status.equals("delivered") ? 1 : 0;
        undelivered += status.equals("undelivered") ? 1 : 0;
      }
      assertThat(t.delivered()).as(t.title()).isEqualTo(delivered);
      assertThat(t.bounced()).as(t.title()).isEqualTo(undelivered);
      assertThat(events("Delivered", t.campaignId())).isEqualTo(t.delivered());
      assertThat(events("Bounced", t.campaignId())).isEqualTo(t.bounced());
      assertThat(events("Dropped", t.campaignId())).isEqualTo(t.dropped());
      assertThat(events("Clicked", t.campaignId())).isEqualTo(t.clicked());
      assertThat(events("Unsubscribed", t.campaignId())).isEqualTo(t.unsubscribed());
      assertThat(events("Sent", t.campaignId())).isZero();
      assertThat(events("Opened", t.campaignId())).isZero();
      assertThat(t.notes()).containsKeys("Opened", "Sent", "Spam Reported");
      assertPrinted(t);
    }
    CampaignTable scheduled = live("Delivyr scheduled");
    assertThat(scheduled.targeted()).isEqualTo(CUSTOMERS);
    assertThat(scheduled.clicked()).isPositive();
    assertThat(scheduled.unsubscribed()).isPositive();
    assertThat(live("Delivyr triggered").targeted()).isEqualTo(TRIGGERS);
  }

  @Test
  void liveSendsEachCustomerAtMostOnce() {
    world.textLocal().sentMessages().assertNoDuplicates();
    for (CampaignTable t : result.liveTables()) {
      if (t.title().startsWith("Delivyr")) {
        world.delivyr().sentMessages().forCampaign(t.campaignId()).assertNoDuplicates();
      }
    }
    assertThat(printed).contains("repeated sends within a campaign: 0");
  }

  @Test
  void webhooksAreVerified() {
    assertThat(printed)
        .contains("forged signature -> HTTP 401")
        .contains("correctly signed -> HTTP 200")
        .contains("the same event replayed -> HTTP 200 and ignored (1 replay)");
  }

  @Test
  void aCrashMidCampaignThenARerunLosesNoneAndSendsNoneTwice() {
    try (OfflineVendors w = OfflineVendors.start(11, 3_000, 2)) {
      PrintStream quiet =
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      DelivyrDemo demo = new DelivyrDemo(w, quiet, false, 3_000, 2);
      demo.setUp();
      AtomicInteger calls = new AtomicInteger();
      // the process dies after Delivyr accepted the second batch, before its results were recorded
      assertThatThrownBy(
              () ->
                  demo.runLive(channel -> new Killing(channel, () -> calls.incrementAndGet() == 2)))
          .isInstanceOf(CampaignExecutionException.class);
      String campaign = demo.campaign().id().value();
      assertThat(w.delivyr().sentMessages().forCampaign(campaign).count()).isBetween(1_000, 2_000);
      assertThat(demo.journal().pending(demo.campaign().id())).hasSizeGreaterThan(900);

      demo.runLive(null);

      SentMessages sent = w.delivyr().sentMessages().forCampaign(campaign);
      sent.assertNoDuplicates();
      var report = demo.liveReport();
      assertThat(report.skipped()).as("done before the crash").isGreaterThan(900);
      assertThat(report.resent())
          .as("unknown outcome, re-sent with the same key")
          .isGreaterThan(900);
      assertThat(demo.journal().pending(demo.campaign().id())).isEmpty();
      // nothing lost: every targeted customer ended DISPATCHED or DROPPED, once
      long done = 0;
      for (var target : demo.scheduled().targets()) {
        var entry =
            demo.journal()
                .entry(
                    demo.campaign().id(), io.campaignrelay.core.CustomerId.of(target.customerId()));
        assertThat(entry).as(target.customerId()).isPresent();
        assertThat(entry.get().state()).isIn(RecipientState.DISPATCHED, RecipientState.DROPPED);
        done++;
      }
      assertThat(done).isEqualTo(3_000);
      long dispatched =
          demo.journal().pending(demo.campaign().id()).size()
              + countState(demo, RecipientState.DISPATCHED);
      assertThat(sent.count()).isEqualTo(dispatched);
    }
  }

  private static long countState(DelivyrDemo demo, RecipientState state) {
    long n = 0;
    for (var target : demo.scheduled().targets()) {
      var e =
          demo.journal()
              .entry(
                  demo.campaign().id(), io.campaignrelay.core.CustomerId.of(target.customerId()));
      if (e.isPresent() && e.get().state() == state) {
        n++;
      }
    }
    return n;
  }

  /** Passes batches on, then dies once the condition holds (after the vendor got the batch). */
  private static final class Killing implements MessageChannel {
    private final MessageChannel delegate;
    private final java.util.function.BooleanSupplier die;

    Killing(MessageChannel delegate, java.util.function.BooleanSupplier die) {
      this.delegate = delegate;
      this.die = die;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int maxBatchSize() {
      return delegate.maxBatchSize();
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
      return delegate.deduplicatesByIdempotencyKey();
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      List<DispatchResult> r = delegate.dispatch(batch);
      if (die.getAsBoolean()) {
        throw new IllegalStateException("killed after the vendor accepted the batch");
      }
      return r;
    }
  }

  private CampaignTable live(String titlePrefix) {
    return result.liveTables().stream()
        .filter(t -> t.title().startsWith(titlePrefix))
        .findFirst()
        .orElseThrow();
  }

  private long metricSum(long campaignId, MetricId metric) {
    long n = 0;
    for (CampaignMetric m : world.optimove().receivedMetrics()) {
      if (m.campaignId() == campaignId && m.metricId() == metric.id()) {
        n += m.metricValue();
      }
    }
    return n;
  }

  private long events(String name, String campaignId) {
    long n = 0;
    for (EngagementEvent e : world.optimove().receivedEvents()) {
      if (e.event().equals(name) && e.context().path("campaignId").asText().equals(campaignId)) {
        n++;
      }
    }
    return n;
  }

  /** The printed table with this title shows the same numbers as the result. */
  private void assertPrinted(CampaignTable t) {
    String header = "  " + t.title() + ", " + t.mode();
    int at = printed.indexOf(header + "\n");
    assertThat(at).as("printed: " + header).isGreaterThanOrEqualTo(0);
    String block = printed.substring(at, printed.indexOf("Not reported:", at));
    assertThat(row(block, "Targeted")).isEqualTo(Tables.count(t.targeted()));
    assertThat(row(block, "Sent")).isEqualTo(Tables.count(t.sent()));
    assertThat(row(block, "Dropped")).isEqualTo(Tables.count(t.dropped()));
    assertThat(row(block, "Delivered")).isEqualTo(cell(t.delivered()));
    assertThat(row(block, "Bounced")).isEqualTo(cell(t.bounced()));
    assertThat(row(block, "Clicked")).isEqualTo(cell(t.clicked()));
    assertThat(row(block, "Unsubscribed")).isEqualTo(cell(t.unsubscribed()));
  }

  private static String cell(long v) {
    return v == CampaignTable.NOT_REPORTED ? "-" : Tables.count(v);
  }

  private static String row(String block, String metric) {
    Matcher m =
        Pattern.compile("\\| " + Pattern.quote(metric) + " +\\| +([0-9,-]+) \\|").matcher(block);
    assertThat(m.find()).as("row " + metric + " in\n" + block).isTrue();
    return m.group(1);
  }
}
