package io.campaignrelay.examples;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Example: page a campaign's targets. {@link OptimoveTargetSource} streams recipients lazily, a
 * page at a time (the next page read ahead while one is consumed: two pages in memory at most),
 * with the attributes in the requested order (the phone number first for SMS), so a campaign of any
 * size runs in constant memory. Runs against an in-process fake of Optimove holding 25,000 targets,
 * read in pages of 5,000.
 */
public final class PageCampaignTargets {

  private PageCampaignTargets() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    try (FakeOptimove fake = FakeOptimove.start()) {
      fake.addCustomers(30_000, SyntheticCustomers.seeded(1));
      ScheduledCampaign scheduled =
          fake.addScheduledCampaign(452, 17, LocalDateTime.of(2026, 1, 5, 10, 0), 25_000);
      OptimoveClient client =
          OptimoveClient.builder()
              .endpoint(fake.baseUrl())
              .credential(Secret.of(FakeOptimove.DEFAULT_API_KEY))
              .buildClient();
      OptimoveTargetSource targets =
          OptimoveTargetSource.builder()
              .client(client)
              .customerAttributes(List.of(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME))
              .phoneAttribute(FakeCustomer.MOBILE_NUMBER)
              .pageSize(5_000)
              .build();
      Campaign campaign =
          Campaign.builder()
              .kind(CampaignKind.SCHEDULED)
              .id(CampaignId.scheduled(scheduled.campaignId()))
              .channel(ChannelId.SCHEDULED_SMS)
              .templateId(TemplateId.of(17))
              .sendTime(Instant.parse("2026-01-05T10:00:00Z"))
              .build();
      long before = fake.requestCount();
      try (Stream<Recipient> recipients = targets.recipients(campaign)) {
        Recipient first = recipients.iterator().next();
        System.out.println(
            "first recipient "
                + first
                + " after "
                + (fake.requestCount() - before)
                + " page request(s) (the first page, and at most the next one read ahead)");
      }
      before = fake.requestCount();
      long count;
      try (Stream<Recipient> recipients = targets.recipients(campaign)) {
        count = recipients.count();
      }
      System.out.println(
          count + " recipients read in " + (fake.requestCount() - before) + " page requests");
    }
  }
}
