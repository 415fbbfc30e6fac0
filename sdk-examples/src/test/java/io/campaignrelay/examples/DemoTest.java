package io.campaignrelay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.optimove.OptimoveMetricsSink;
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
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

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
  void aCrashMidCampaignThenARestartOnTheSameStateLosesNoneAndSendsNoneTwice(@TempDir Path state) {
    try (OfflineVendors w = OfflineVendors.start(11, 3_000, 2);
        DelivyrDemo demo =
            new DelivyrDemo(
                w,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                3_000,
                2,
                state)) {
      AtomicInteger batches = new AtomicInteger();
      AtomicBoolean dead = new AtomicBoolean();
      // the process dies right after Delivyr accepted the second batch, before its answer is read
      OkHttpClient dying =
          w.transport()
              .httpClient()
              .newBuilder()
              .addInterceptor(
                  chain -> {
                    if (dead.get()) {
                      throw new IllegalStateException("the process is dead");
                    }
                    okhttp3.Response r = chain.proceed(chain.request());
                    // a campaign's batch (a trigger goes through the same endpoint, one message)
                    okhttp3.RequestBody body = chain.request().body();
                    if (chain.request().url().encodedPath().endsWith("/messages/batch")
                        && body != null
                        && body.contentLength() > 20_000
                        && batches.incrementAndGet() == 2) {
                      dead.set(true);
                      throw new IllegalStateException("killed after Delivyr accepted the batch");
                    }
                    return r;
                  })
              .build();
      demo.setUp(); // installed on the H2 store in the state directory
      demo.stop();
      demo.start(dyingClient(w, dying)); // the same state, a transport that dies mid-campaign
      demo.runLive();
      String campaign = Long.toString(demo.liveCampaign().campaignId());
      assertThat(w.delivyr().sentMessages().forCampaign(campaign).count())
          .isGreaterThanOrEqualTo(1_000)
          .isLessThan(3_000);
      demo.stop(); // killed

      demo.start(w.delivyrClient()); // restarted on the same H2 file and state directory
      w.everyHourFor(3, demo.runtime()::runDue);

      SentMessages sent = w.delivyr().sentMessages().forCampaign(campaign);
      sent.assertNoDuplicates();
      long done = 0;
      for (var target : demo.liveCampaign().targets()) {
        var entry =
            demo.store()
                .executionJournal()
                .entry(
                    CampaignId.scheduled(demo.liveCampaign().campaignId()),
                    CustomerId.of(target.customerId()));
        assertThat(entry).as(target.customerId()).isPresent();
        assertThat(entry.get().state()).isIn(RecipientState.DISPATCHED, RecipientState.DROPPED);
        done += entry.get().state() == RecipientState.DISPATCHED ? 1 : 0;
      }
      assertThat(done).as("nothing lost: every dispatched customer got one message").isPositive();
      assertThat((long) sent.count()).as("one message per dispatched customer").isEqualTo(done);
    }
  }

  private static io.campaignrelay.delivyr.DelivyrClient dyingClient(
      OfflineVendors w, OkHttpClient http) {
    return io.campaignrelay.delivyr.DelivyrClient.builder()
        .endpoint(w.delivyr().baseUrl())
        .clientOptions(w.clientOptions(w.delivyr().baseUrl()).toBuilder().httpClient(http).build())
        .credential(io.campaignrelay.core.Secret.of(FakeDelivyr.DEFAULT_API_KEY))
        .buildClient();
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
      if (e.event().equals(name)
          && e.context().path(OptimoveMetricsSink.CAMPAIGN_KEY).asText().equals(campaignId)) {
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
