package io.campaignrelay.examples;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.optimove.OptimoveTemplatePublisher;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.textlocal.TextLocalIntegrationSettings;
import io.campaignrelay.textlocal.TextLocalRuntime;
import io.campaignrelay.textlocal.models.CustomField;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Example: the whole TextLocal connector (Optimove's TextLocal guide) from one settings object, in
 * TEST mode over a simulated day and a half against in-process fakes. The runtime imports the
 * {@code OPT_} templates to Optimove, syncs contacts, reads the campaign Optimove scheduled for the
 * day and executes it at its send time into the message log; nothing reaches TextLocal's send
 * commands. {@code main} is the host's code (37 lines with its signature and braces): the settings,
 * the runtime and the clock; {@link #optimoveSchedulesACampaign} plays the vendors' side.
 */
public final class RunTextLocalIntegration {

  private RunTextLocalIntegration() {}

  /**
   * Runs the example.
   *
   * @param args unused
   * @throws IOException if the temporary state directory cannot be created
   */
  public static void main(String[] args) throws IOException {
    try (OfflineVendors world = OfflineVendors.start(3, 150, 0)) {
      CampaignId campaign = optimoveSchedulesACampaign(world);
      String url = world.textLocal().baseUrl();
      TextLocalIntegrationSettings settings =
          TextLocalIntegrationSettings.builder()
              .apiKey(Secret.of(FakeTextLocal.DEFAULT_API_KEY))
              .username("optimove-api")
              .password(Secret.of("example-1"))
              .apiLoginUrl(url)
              .contactGroup(Long.toString(world.textLocalGroup()), "Optimove customers")
              .contactGroupPrefix("OPT_")
              .keyField(CustomField.CUSTOM1)
              .senderName("SHOPCO")
              .build();
      try (TextLocalRuntime r =
          TextLocalRuntime.builder()
              .settings(settings)
              .textLocal(settings.clientBuilder(world.clientOptions(url)).buildClient())
              .optimove(world.optimoveClient())
              .channel(ChannelId.of(505))
              .tenantZone(ZoneOffset.UTC)
              .clock(world.clock())
              .stateDirectory(Files.createTempDirectory("textlocal-runtime"))
              .targetAttributes(List.of(FakeCustomer.FIRST_NAME))
              .templatePublisher(
                  OptimoveTemplatePublisher.builder().client(world.optimoveClient()).build())
              .testMode(true)
              .build()) {
        world.everyHourFor(36, r::runDue); // the clock moves, the runtime runs what fell due
        System.out.println("test mode: " + r.testMode());
        System.out.println("templates on 505: " + world.optimove().channelTemplates(505).size());
        System.out.println("messages in the log: " + r.messageLog().byCampaign(campaign).size());
        System.out.println("sent by TextLocal: " + world.textLocal().sentMessages().count());
      }
    }
  }

  /**
   * The vendors' side: an {@code OPT_} template at TextLocal and a campaign Optimove scheduled on
   * channel 505 for tomorrow 10:00 with it.
   *
   * @param world the fakes
   * @return the campaign
   */
  static CampaignId optimoveSchedulesACampaign(OfflineVendors world) {
    long template = world.textLocal().addTemplate("OPT_Spring", "Hi [%FIRST_NAME%], sale today");
    LocalDateTime sendAt = LocalDateTime.of(2026, 1, 6, 10, 0);
    long id =
        world
            .optimove()
            .addScheduledCampaign(505, List.of(template), sendAt, 150, List.of())
            .campaignId();
    return CampaignId.scheduled(id);
  }
}
