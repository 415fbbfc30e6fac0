package io.campaignrelay.examples;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.DelivyrMetrics;
import io.campaignrelay.delivyr.DelivyrRuntime;
import io.campaignrelay.delivyr.OptimoveIntegrationSettings;
import io.campaignrelay.delivyr.TemplateIdMapping;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeOptimove;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Example: the whole Delivyr channel integration (Delivyr's guide) from one settings object, in
 * TEST mode (Delivyr's testing mode, on by default) over a simulated day against in-process fakes.
 * The runtime installs the settings, syncs the approved template to channel 452 and registers its
 * Optimove listener; Optimove's event 13 reaches the runtime's handler over HTTP and the campaign
 * runs at its time into Delivyr's message log; nothing reaches a send endpoint. {@code main} is the
 * host's code (39 lines): the settings, the runtime, its two handlers mounted on the host's web
 * server, and the clock; {@link #optimoveSchedulesACampaign} plays the vendors' side.
 */
public final class RunDelivyrIntegration {

  private RunDelivyrIntegration() {}

  /**
   * Runs the example.
   *
   * @param args unused
   * @throws IOException if the temporary state directory cannot be created
   */
  public static void main(String[] args) throws IOException {
    try (OfflineVendors world = OfflineVendors.start(3, 150, 0)) {
      String template = world.delivyr().addTemplate("Spring sale", "Hi {{FIRST_NAME}}, 20% off");
      String tenant = Long.toString(world.optimove().tenantId());
      OptimoveIntegrationSettings settings =
          OptimoveIntegrationSettings.builder()
              .apiKey(Secret.of(FakeOptimove.DEFAULT_API_KEY), OptimoveAccessType.INTEGRATIONS)
              .apiEndpoint("https://api5.optimove.net/")
              .customerAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
              .tenant(tenant, Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
              .build();
      try (DelivyrRuntime r =
          DelivyrRuntime.builder()
              .settings(settings)
              .delivyr(world.delivyrClient())
              .optimove(world.optimoveClient())
              .metricsSink(
                  OptimoveMetricsSink.builder()
                      .engagementClient(world.engagementClient())
                      .mapping(DelivyrMetrics.mapping())
                      .build())
              .webhookSecret(Secret.of("whsec-example"))
              .listenerToken(Secret.of("listener-token-example"))
              .listenerBaseUrl(world.host().baseUrl())
              .stateDirectory(Files.createTempDirectory("delivyr-runtime"))
              .clock(world.clock())
              .build()) {
        world.host().mount("/optimove/events", r.optimoveEventHandler()::handle);
        world.host().mount("/delivyr/webhooks", r.webhookHandler()::handle);
        r.install(); // settings, templates to 452/250, listeners; testing mode stays on
        CampaignId campaign = optimoveSchedulesACampaign(world, template);
        world.everyHourFor(24, r::runDue); // the clock moves, the runtime runs what fell due
        System.out.println("testing mode: " + r.testingMode());
        System.out.println("templates on 452: " + world.optimove().channelTemplates(452).size());
        System.out.println("messages in the log: " + r.messageLog().byCampaign(campaign).size());
        System.out.println("messages sent by Delivyr: " + world.delivyr().sentMessages().count());
      }
    }
  }

  /**
   * The vendors' side: a campaign on 452 in two hours, and Optimove's event 13 about it.
   *
   * @param world the fakes
   * @param template Delivyr's template id
   * @return the campaign
   */
  static CampaignId optimoveSchedulesACampaign(OfflineVendors world, String template) {
    long id =
        world
            .optimove()
            .addScheduledCampaign(
                452,
                List.of(TemplateIdMapping.toOptimoveTemplateId(template)),
                LocalDateTime.ofInstant(world.clock().instant().plusSeconds(7200), ZoneOffset.UTC),
                150,
                List.of())
            .campaignId();
    world.optimove().notifyCampaignProcessed(id); // over HTTP to the mounted handler
    return CampaignId.scheduled(id);
  }
}
