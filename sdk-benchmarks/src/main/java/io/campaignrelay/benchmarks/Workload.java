package io.campaignrelay.benchmarks;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Instant;
import java.util.List;

/**
 * The synthetic campaign every benchmark uses, so that the micro-benchmarks measure what the
 * end-to-end run does: customers {@code C0000001...} with three attributes (phone number first,
 * first name, loyalty tier), one promotion code, and one template with three tags.
 */
final class Workload {

  /** The Optimove campaign id. */
  static final long CAMPAIGN_ID = 4242;

  /** The Scheduled SMS channel. */
  static final int CHANNEL_ID = 452;

  /** The Optimove template id (numeric, so Delivyr maps it as is). */
  static final long TEMPLATE_ID = 9001;

  /** The promotion code every customer gets. */
  static final String PROMO_CODE = "SPRING20";

  /** The attributes requested from Optimove, phone number first. */
  static final List<String> ATTRIBUTES = List.of("MobilePhone", "FIRST_NAME", "TIER");

  /** The template body: three tags, about 110 GSM-7 characters once filled. */
  static final String BODY =
      "Hi [%FIRST_NAME%], your [%TIER%] offer is live: 20% off until Sunday with code"
          + " [%PROMO_CODE%]. Reply STOP to opt out";

  private static final String[] NAMES = {
    "Alice", "Bob", "Chloe", "Dev", "Emma", "Farid", "Grace", "Hugo", "Isla", "Jack", "Kai", "Lena"
  };
  private static final String[] TIERS = {"Gold", "Silver", "Bronze"};

  private Workload() {}

  /** The benchmark's scheduled campaign on channel 452, with the workload's template. */
  static Campaign.Builder campaign() {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.of(Long.toString(CAMPAIGN_ID)))
        .channel(ChannelId.of(CHANNEL_ID))
        .templateId(TemplateId.of(TEMPLATE_ID))
        .sendTime(Instant.parse("2026-11-22T10:00:00Z"));
  }

  static Template template(TemplateId id, ApprovalState state) {
    return Template.builder()
        .id(id)
        .name("SPRING_OFFER")
        .body(BODY)
        .approvalState(state)
        .addChannel(ChannelId.of(CHANNEL_ID))
        .build();
  }

  /**
   * The customer id of the i-th customer (zero-based).
   *
   * @param i the index
   * @return e.g. {@code C0000001}
   */
  static String customerId(long i) {
    return "C" + pad(i + 1, 7);
  }

  /**
   * A UK mobile number in E.164 form, distinct per customer.
   *
   * @param i the index
   * @return e.g. {@code +447700000001}
   */
  static String phone(long i) {
    return "+4477" + pad(i + 1, 8);
  }

  static String firstName(long i) {
    return NAMES[(int) (i % NAMES.length)];
  }

  static String tier(long i) {
    return TIERS[(int) (i % TIERS.length)];
  }

  /** The text the template gives customer i, as a raw renderer would build it. */
  static String expectedText(long i) {
    return "Hi "
        + firstName(i)
        + ", your "
        + tier(i)
        + " offer is live: 20% off until Sunday with code "
        + PROMO_CODE
        + ". Reply STOP to opt out";
  }

  static String pad(long n, int width) {
    String s = Long.toString(n);
    if (s.length() >= width) {
      return s;
    }
    StringBuilder b = new StringBuilder(width);
    for (int k = s.length(); k < width; k++) {
      b.append('0');
    }
    return b.append(s).toString();
  }
}
