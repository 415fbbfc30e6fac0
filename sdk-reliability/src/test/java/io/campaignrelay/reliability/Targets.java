package io.campaignrelay.reliability;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.TargetSource;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The matrix's recipients: customer {@code c} has a customer id with multi-byte UTF-8 characters
 * (two-, three- and, for every fifth, four-byte ones, so a journal torn at any byte offset lands
 * inside one), the phone {@code +447700900ccc} and a first name.
 */
final class Targets {
  static final long TEMPLATE = 7;

  private Targets() {}

  static String customerId(int c) {
    return "kundë-" + c + (c % 5 == 0 ? "-\uD83D\uDE00" : "-€");
  }

  static String phone(int c) {
    return String.format("+447700900%03d", c);
  }

  static String digits(int c) {
    return phone(c).substring(1);
  }

  static String firstName(int c) {
    return "Zoë" + c;
  }

  static Recipient recipient(int c) {
    return Recipient.of(
        CustomerId.of(customerId(c)),
        CustomerAttributes.builder()
            .add("PHONE", phone(c))
            .add("FIRST_NAME", firstName(c))
            .build());
  }

  /** Customers 0..n-1 in natural order. */
  static List<Integer> natural(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  /** Customers 0..n-1 shuffled with a seed. */
  static List<Integer> shuffled(int n, long seed) {
    List<Integer> l = new ArrayList<>(natural(n));
    Collections.shuffle(l, new Random(seed));
    return l;
  }

  /** A target source yielding the customers in the given order. */
  static TargetSource inOrder(List<Integer> order) {
    return campaign -> order.stream().map(Targets::recipient);
  }

  static Campaign campaign(long id, int targeted) {
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(id))
        .channel(ChannelId.SCHEDULED_SMS)
        .templateId(TemplateId.of(TEMPLATE))
        .sendTime(Instant.now().minusSeconds(60))
        .targetedCount(targeted)
        .build();
  }

  static Template template() {
    return Template.builder()
        .id(TemplateId.of(TEMPLATE))
        .name("OPT_offer")
        .body("Hi [%FIRST_NAME%], your offer is waiting")
        .approvalState(ApprovalState.APPROVED)
        .build();
  }
}
