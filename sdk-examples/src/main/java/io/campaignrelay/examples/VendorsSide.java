package io.campaignrelay.examples;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.delivyr.DelivyrWebhook;
import io.campaignrelay.delivyr.OptimoveIntegrationSettings;
import io.campaignrelay.delivyr.TemplateIdMapping;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the vendors and the user do in the demo, not the host's code: Delivyr's templates, Optimove
 * scheduling a campaign and firing triggers, a wrong configuration, forged and replayed webhooks.
 */
final class VendorsSide {

  private VendorsSide() {}

  /**
   * Delivyr's templates: an approved scheduled one, an approved triggered one, a pending one.
   *
   * @param fd the Delivyr fake
   * @return the scheduled and the triggered template's Delivyr ids
   */
  static List<String> delivyrTemplates(FakeDelivyr fd) {
    String scheduled =
        fd.addTemplate(
            "Spring sale",
            "Hi [%FIRST_NAME%], spring sale: 20% off with code [%PROMO_CODE%] at"
                + " https://shop.example/spring",
            "approved",
            List.of("scheduled"),
            "https://shop.example/spring");
    String triggered =
        fd.addTemplate(
            "Basket reminder",
            "Hi {{FIRST_NAME}}, you left something in your basket: https://shop.example/basket",
            "approved",
            List.of("triggered"),
            null);
    fd.addTemplate("Summer preview", "Summer is coming", "pending", List.of(), null);
    return List.of(scheduled, triggered);
  }

  /**
   * A user's wrong Delivyr settings, refused with every problem before any call.
   *
   * @param world the fakes
   * @param out where to print the problems
   */
  static void wrongDelivyrSettings(OfflineVendors world, PrintStream out) {
    try {
      OptimoveIntegrationSettings.builder()
          .apiEndpoint("https://api5.optimove.net")
          .apiKey(Secret.of("admin-key"), OptimoveAccessType.ADMIN)
          .customerAttributes(FakeCustomer.FIRST_NAME, FakeCustomer.MOBILE_NUMBER)
          .tenantId(Long.toString(world.optimove().tenantId()))
          .build();
    } catch (ConfigurationException e) {
      out.println(
          "  a wrong configuration is refused before any call, "
              + e.problems().size()
              + " problems:");
      for (ConfigurationProblem p : e.problems()) {
        out.println("    - " + p.field() + ": " + p.fix());
      }
    }
  }

  /**
   * Optimove schedules a campaign on 452 an hour from now and sends event 13 about it.
   *
   * @param world the fakes
   * @param template the Delivyr template id
   * @param customers how many targets
   * @return the campaign
   */
  static ScheduledCampaign delivyrCampaign(OfflineVendors world, String template, int customers) {
    ScheduledCampaign c =
        world
            .optimove()
            .addScheduledCampaign(
                ChannelId.SCHEDULED_SMS.value(),
                List.of(TemplateIdMapping.toOptimoveTemplateId(template)),
                LocalDateTime.ofInstant(world.clock().instant().plusSeconds(3600), ZoneOffset.UTC),
                customers,
                List.of(TextLocalDemo.PROMO_CODE));
    world.optimove().notifyCampaignProcessed(c.campaignId());
    return c;
  }

  /**
   * Optimove's event-11 triggers for the customers after the campaigns' targets.
   *
   * @param world the fakes
   * @param firstCustomer the first customer's index
   * @param triggers how many
   * @param template the Delivyr template id
   */
  static void fireTriggers(
      OfflineVendors world, long firstCustomer, int triggers, String template) {
    for (int i = 0; i < triggers; i++) {
      world
          .optimove()
          .fireTrigger(
              SyntheticCustomers.customerId(firstCustomer + i),
              ChannelId.TRIGGERED_SMS.value(),
              TemplateIdMapping.toOptimoveTemplateId(template),
              "Basket reminder",
              "basket_abandoned",
              Map.of("basket_value", Integer.toString(20 + i % 80)),
              i % 5 != 0); // the others make the runtime ask Optimove for the attributes
    }
  }

  /**
   * A forged webhook, a correctly signed one, and the same one replayed.
   *
   * @param world the fakes
   * @param url the host's webhook URL
   * @param secret the signing secret
   * @param accepted how many webhooks the runtime accepted so far
   * @return a line describing what the runtime answered
   */
  static String webhookSecurity(
      OfflineVendors world, String url, String secret, LongSupplier accepted) {
    String body =
        "{\"id\":\"evt_forged\",\"type\":\"message.delivered\",\"createdAt\":\""
            + world.clock().instant()
            + "\",\"data\":{\"messageId\":\"m1\",\"customerId\":\"C000000001\"}}";
    long t = world.clock().instant().getEpochSecond();
    String h = DelivyrWebhook.SIGNATURE_HEADER;
    int forged = HostServer.post(url, body, h, "t=" + t + ",v1=" + "0".repeat(64));
    String signed = "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, Secret.of(secret));
    int first = HostServer.post(url, body, h, signed);
    long before = accepted.getAsLong();
    int replay = HostServer.post(url, body, h, signed);
    return "forged signature -> HTTP "
        + forged
        + "; correctly signed -> HTTP "
        + first
        + "; the same event replayed -> HTTP "
        + replay
        + (accepted.getAsLong() == before ? " and ignored (1 replay)" : " and counted again");
  }
}
