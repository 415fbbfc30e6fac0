package io.campaignrelay.examples;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.execution.PublishedTemplate;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.delivyr.DelivyrTemplateSync;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import java.util.List;
import java.util.Map;

/**
 * Example: sync Delivyr's approved templates into Optimove's Delivyr Scheduled SMS (452) and
 * Triggered SMS (250) channels. Each template shows in Optimove as {@code <DELIVYR ID> - <name>}
 * with a numeric TemplateID from the SDK's deterministic mapping; pending templates are left out,
 * and running the sync again writes nothing. Runs against in-process fakes.
 */
public final class SyncTemplates {

  private SyncTemplates() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    try (FakeOptimove optimoveFake = FakeOptimove.start();
        FakeDelivyr delivyrFake = FakeDelivyr.start()) {
      delivyrFake.addTemplate("Spring sale", "Hi {{FIRST_NAME}}, 20% off: https://shop.example/");
      delivyrFake.addTemplate(
          "Basket reminder",
          "You left something behind: https://shop.example/basket",
          "approved",
          List.of("triggered"),
          null);
      delivyrFake.addTemplate("Draft", "Not approved yet", "pending", List.of(), null);

      DelivyrClient delivyr =
          DelivyrClient.builder()
              .endpoint(delivyrFake.baseUrl())
              .credential(Secret.of(FakeDelivyr.DEFAULT_API_KEY))
              .buildClient();
      OptimoveClient optimove =
          OptimoveClient.builder()
              .endpoint(optimoveFake.baseUrl())
              .credential(Secret.of(FakeOptimove.DEFAULT_API_KEY))
              .buildClient();
      DelivyrTemplateSync sync = DelivyrTemplateSync.create(delivyr, optimove);
      Map<ChannelId, List<PublishedTemplate>> published = sync.sync();
      published.forEach(
          (channel, templates) -> {
            System.out.println("channel " + channel + ":");
            templates.forEach(
                t -> System.out.println("  " + t.channelTemplateId() + "  " + t.displayName()));
          });
      long before = optimoveFake.requestCount();
      sync.sync();
      System.out.println(
          "second sync: "
              + (optimoveFake.requestCount() - before)
              + " Optimove requests (reads only; nothing changed)");
    }
  }
}
