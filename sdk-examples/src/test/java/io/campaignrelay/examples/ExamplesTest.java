package io.campaignrelay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** Each example program runs offline and shows its technique. */
@Isolated("replaces System.out while an example runs")
class ExamplesTest {

  /** An example's main method, which may throw. */
  @FunctionalInterface
  interface Main {
    void main(String[] args) throws Exception;
  }

  private static String run(Main main) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      main.main(new String[0]);
    } catch (Exception e) {
      throw new AssertionError("the example failed", e);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sendOneSmsInTestModeIsPricedButNotDelivered() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv("TEXTLOCAL_API_KEY") == null, "runs offline only");
    assertThat(run(SendOneSmsInTestMode::main))
        .contains("test mode: true")
        .contains("the fake delivered 0 and recorded 1 test-mode send");
  }

  @Test
  void syncTemplatesPublishesApprovedTemplatesToBothChannelsOnce() {
    String out = run(SyncTemplates::main);
    assertThat(out).contains("channel 452:").contains("channel 250:").contains(" - Spring sale");
    assertThat(out).doesNotContain("Draft");
    assertThat(out).contains("Basket reminder");
    assertThat(out.substring(out.indexOf("channel 452:"), out.indexOf("channel 250:")))
        .doesNotContain("Basket reminder");
  }

  @Test
  void pageCampaignTargetsReadsLazily() {
    assertThat(run(PageCampaignTargets::main))
        .containsPattern("after [12] page request\\(s\\) \\(the first page, and at most the next")
        .contains("25000 recipients read in");
  }

  @Test
  void verifyWebhookRefusesTamperedReplayedAndStale() {
    assertThat(run(VerifyWebhook::main))
        .contains("verified: message.delivered for customer C000000001")
        .contains("tampered body: refused (WebhookSignatureException)")
        .contains("replayed event: refused (WebhookReplayException)")
        .contains("stale timestamp: refused (WebhookTimestampException)");
  }

  @Test
  void mapMetricsFollowsTheGuide() {
    assertThat(run(MapMetrics::main))
        .contains("REJECTED     -> Dropped")
        .contains("UNDELIVERED  -> Bounced")
        .contains("OPTED_OUT    -> Unsubscribed")
        .contains("Opened         never reported")
        .contains("Sent = Targeted - Dropped = 10000 - 183 = 9817");
  }

  @Test
  void realEndpointModeListsEveryMissingVariableBeforeAnyCall() {
    java.util.Map<String, String> env =
        java.util.Map.of(
            "OPTIMOVE_API_KEY", "k1", "DELIVYR_API_KEY", "k2", "TEXTLOCAL_API_KEY", "k3");
    assertThat(RealEndpoints.configured(env)).isTrue();
    assertThat(RealEndpoints.configured(java.util.Map.of("OPTIMOVE_API_KEY", "k1"))).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RealEndpoints.run(env, false, new PrintStream(new ByteArrayOutputStream())))
        .isInstanceOfSatisfying(
            io.campaignrelay.core.ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(io.campaignrelay.core.ConfigurationProblem::field)
                    .contains(
                        "OPTIMOVE_ENDPOINT",
                        "DELIVYR_ENDPOINT",
                        "DELIVYR_CAMPAIGN_ID",
                        "DELIVYR_TEMPLATE_ID",
                        "TEXTLOCAL_GROUP_ID",
                        "TEXTLOCAL_CAMPAIGN_ID"))
        .hasMessageNotContaining("k1")
        .hasMessageNotContaining("k2");
  }

  @Test
  void demoHelpNamesTheEnvironmentVariables() {
    assertThat(run(a -> Demo.main(new String[] {"--help"})))
        .contains("OPTIMOVE_API_KEY")
        .contains("DELIVYR_API_KEY")
        .contains("TEXTLOCAL_API_KEY")
        .contains("--live");
    assertThat(run(a -> Demo.main(new String[] {"--bogus"}))).contains("unknown option --bogus");
  }

  @Test
  void runTextLocalIntegrationRunsTheCampaignIntoTheLogAndSendsNothing() {
    String out = run(RunTextLocalIntegration::main);
    assertThat(out).contains("test mode: true").contains("sent by TextLocal: 0");
    assertThat(out).containsPattern("templates on 505: [1-9]");
    assertThat(out).containsPattern("messages in the log: [1-9][0-9]+");
  }

  @Test
  void runDelivyrIntegrationRunsTheCampaignIntoTheLogAndSendsNothing() {
    String out = run(RunDelivyrIntegration::main);
    assertThat(out).contains("testing mode: true").contains("messages sent by Delivyr: 0");
    assertThat(out).contains("templates on 452: 1");
    assertThat(out).containsPattern("messages in the log: [1-9][0-9]+");
  }
}
