package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.campaignrelay.core.PhoneNumberType;
import io.campaignrelay.core.runtime.InMemorySendCaps;
import io.campaignrelay.core.runtime.InboundRefusals;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.phonenumber.LibPhoneNumberParser;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forged and abusive requests of docs/SECURITY.md against a LIVE runtime: each answered with
 * its documented status, each counted, and nothing sent (counted at the fake Delivyr).
 */
class InboundAbuseTest {

  @TempDir Path state;
  AbuseWorld world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  static String event13(long campaign) {
    return "{\"EventTypeID\":13,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":"
        + campaign
        + ",\"ChannelID\":452}";
  }

  @Test
  void listenerCallsWithoutTheCurrentTokenAreRefusedBeforeTheBodyIsRead() {
    world = AbuseWorld.start();
    InboundRefusals counts = world.runtime.inboundRefusals();
    // before any registration there is no token at all: everything is refused
    assertThat(world.post(event13(1), "anything").status()).isEqualTo(401);
    assertThat(counts.get("optimove-events 401 no_token")).isEqualTo(1);

    world.runtime.install();
    String first = world.token();
    assertThat(first).matches("[A-Za-z0-9_-]{43}"); // 256 bits, URL-safe
    assertThat(world.post(event13(1), null).outcome()).isEqualTo("bad_token");
    assertThat(world.post(event13(1), "guess").outcome()).isEqualTo("bad_token");
    assertThat(world.post(event13(1), first.substring(1)).outcome()).isEqualTo("bad_token");
    // a body that is not even JSON is refused for its token first: it was never parsed
    assertThat(world.post("{{{{", "guess").status()).isEqualTo(401);

    world.runtime.rotateListenerToken();
    String second = world.token();
    assertThat(second).isNotEqualTo(first);
    InboundResponse old = world.post(event13(1), first);
    assertThat(old.status()).isEqualTo(401);
    assertThat(old.outcome()).isEqualTo("bad_token");
    assertThat(old.toString()).doesNotContain(first).doesNotContain(second);
    // registering again (install) rotates too
    world.runtime.install();
    assertThat(world.post(event13(1), second).status()).isEqualTo(401);
    assertThat(world.post(event13(1)).status()).isEqualTo(202);

    assertThat(counts.get("optimove-events 401 bad_token")).isEqualTo(6);
    // the listener Optimove holds is the one with the newest token
    assertThat(world.runtime.listenerUrl()).endsWith("token=" + world.token());
    world.runtime.runDue();
    assertThat(world.sent()).isZero(); // campaign 1 is not one Optimove knows
  }

  @Test
  void theTokenSurvivesARestartOnTheStateDirectory() {
    world = AbuseWorld.start(b -> b.stateDirectory(state));
    world.runtime.install();
    String token = world.token();
    world.close();
    world = AbuseWorld.start(b -> b.stateDirectory(state));
    assertThat(world.post(event13(3), token).status()).isEqualTo(202);
    assertThat(world.post(event13(4), "x" + token).status()).isEqualTo(401);
  }

  @Test
  void repeatedEvent13ForACampaignOptimoveDoesNotConfirmSchedulesOnceAndSendsNothing() {
    world = AbuseWorld.start();
    world.runtime.install();
    int accepted = 0;
    for (int i = 0; i < 100; i++) {
      if (world.post(event13(424242)).status() == 202) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(1);
    assertThat(world.runtime.inboundRefusals().get("optimove-events 200 duplicate")).isEqualTo(99);
    for (int i = 0; i < 5; i++) {
      world.runtime.runDue();
      world.clock.advance(java.time.Duration.ofMinutes(30));
    }
    assertThat(world.sent()).isZero();
    assertThat(
            world
                .runtime
                .ledger()
                .find(
                    io.campaignrelay.core.runtime.CampaignRecord.keyOf(
                        io.campaignrelay.core.CampaignId.scheduled(424242), "452")))
        .isEmpty();
  }

  @Test
  void replayedOversizedAndMalformedRequestsAreRefusedAndCounted() {
    world = AbuseWorld.start();
    world.runtime.install();
    String hook =
        "{\"id\":\"evt_1\",\"type\":\"message.delivered\",\"createdAt\":\""
            + world.clock.instant()
            + "\",\"data\":{\"messageId\":\"m1\",\"customerId\":\"C1\"}}";
    assertThat(world.webhook(hook, false).status()).isEqualTo(401);
    assertThat(world.webhook(hook, true).status()).isIn(200, 202);
    assertThat(world.webhook(hook, true).outcome()).isEqualTo("duplicate");
    assertThat(world.webhook(hook, true).outcome()).isEqualTo("duplicate");
    assertThat(world.webhook("x".repeat(70_000), true).status()).isEqualTo(413);
    assertThat(world.post("{\"a\":\"" + "x".repeat(70_000) + "\"}").status()).isEqualTo(413);
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    assertThat(world.post(deep).outcome()).isEqualTo("limits");
    assertThat(world.webhook(deep, true).outcome()).isEqualTo("limits");
    StringBuilder huge = new StringBuilder("{\"EventTypeID\":11,\"promotions\":[");
    for (int i = 0; i < 5_000; i++) {
      huge.append(i == 0 ? "" : ",").append(i);
    }
    huge.append("]}");
    assertThat(world.post(huge.toString()).outcome()).isEqualTo("limits");
    assertThat(world.post("{\"EventTypeID\":\"thirteen\",\"CampaignID\":1}").outcome())
        .isEqualTo("malformed");
    assertThat(world.post("{\"EventTypeID\":13,\"CampaignID\":[1]}").status()).isEqualTo(400);
    assertThat(world.post("[1,2]").outcome()).isEqualTo("malformed");
    assertThat(world.post("{\"EventTypeID\":13,\"CampaignID\":1} trailing").status())
        .isEqualTo(400);
    assertThat(
            world
                .runtime
                .optimoveEventHandler()
                .handle(io.campaignrelay.core.runtime.InboundRequest.builder("GET", "/x").build())
                .status())
        .isEqualTo(405);
    InboundRefusals counts = world.runtime.inboundRefusals();
    assertThat(counts.get("delivyr-webhooks 401 bad_signature")).isEqualTo(1);
    assertThat(counts.get("delivyr-webhooks 200 duplicate")).isEqualTo(2);
    assertThat(counts.get("delivyr-webhooks 413 too_large")).isEqualTo(1);
    assertThat(counts.get("optimove-events 413 too_large")).isEqualTo(1);
    assertThat(counts.get("optimove-events 400 limits")).isEqualTo(2);
    assertThat(counts.get("delivyr-webhooks 400 limits")).isEqualTo(1);
    assertThat(counts.get("optimove-events 400 malformed")).isEqualTo(4);
    assertThat(counts.get("optimove-events 405 method_not_allowed")).isEqualTo(1);
    world.runtime.runDue();
    assertThat(world.sent()).isZero();
  }

  @Test
  void tenThousandTriggersAtPremiumRateAndForeignNumbersSendNothing() {
    world = AbuseWorld.start();
    world.runtime.install();
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    String premium =
        "+44"
            + util.getExampleNumberForType("GB", PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE)
                .getNationalNumber();
    LibPhoneNumberParser parser = LibPhoneNumberParser.international();
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      String p = premium.substring(0, premium.length() - 3) + String.format("%03d", i % 1000);
      assertThat(parser.describe(p).type()).isEqualTo(PhoneNumberType.PREMIUM_RATE);
      targets.add(p);
    }
    for (int i = 0; i < 5_000; i++) {
      targets.add("+23480" + String.format("%08d", 10_000_000 + i)); // Nigerian mobiles
    }
    int accepted = 0;
    for (int i = 0; i < targets.size(); i++) {
      String customer = SyntheticCustomers.customerId(i % AbuseWorld.CUSTOMERS);
      boolean viaOverride = i % 2 == 0;
      String body =
          viaOverride
              ? world.trigger("pump-" + i, customer, world.phoneOf(i % 20), targets.get(i))
              : world.trigger("pump-" + i, customer, targets.get(i), null);
      if (world.post(body).status() == 202) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(10_000); // well-formed: refused at the send decision
    world.runtime.runDue();
    assertThat(world.sent()).isZero();
    InboundRefusals counts = world.runtime.inboundRefusals();
    System.out.println("pumping refusals: " + counts.snapshot());
    assertThat(counts.get("trigger premium_rate")).isEqualTo(5_000);
    assertThat(counts.get("trigger override_not_allowed")).isEqualTo(5_000);
  }

  @Test
  void overridesAtOtherCustomersAndUnknownCustomersSendNothingWhileTheOwnNumberIsSent() {
    world = AbuseWorld.start();
    world.runtime.install();
    String alice = SyntheticCustomers.customerId(1);
    String bobPhone = world.phoneOf(2);
    // the payload's personalInfo says Bob's number, and so does the purchase override
    assertThat(world.post(world.trigger("t1", alice, bobPhone, null)).status()).isEqualTo(202);
    assertThat(world.post(world.trigger("t2", alice, world.phoneOf(1), bobPhone)).status())
        .isEqualTo(202);
    // a customer Optimove does not know, texting "their own" number
    assertThat(world.post(world.trigger("t3", "NOBODY-1", bobPhone, null)).status()).isEqualTo(202);
    world.runtime.runDue();
    assertThat(world.sent()).isZero();
    InboundRefusals counts = world.runtime.inboundRefusals();
    assertThat(counts.get("trigger override_not_allowed")).isEqualTo(2);
    assertThat(counts.get("trigger unknown_customer")).isEqualTo(1);

    // the control: Alice's own number is texted
    assertThat(world.post(world.trigger("t4", alice, world.phoneOf(1), null)).status())
        .isEqualTo(202);
    world.runtime.runDue();
    assertThat(world.sent()).isEqualTo(1);
    assertThat(world.fakeDelivyr.sentMessages().forCustomer(alice).count()).isEqualTo(1);
  }

  @Test
  void anOverrideIsSentOnlyToAConfiguredDestination() {
    world =
        AbuseWorld.start(
            b ->
                b.overrideDestinations(
                    io.campaignrelay.core.DestinationPolicy.builder()
                        .allowedPrefixes("+2348011")
                        .build()));
    world.runtime.install();
    String alice = SyntheticCustomers.customerId(1);
    world.post(world.trigger("o1", alice, world.phoneOf(1), "+2348011111111"));
    world.post(world.trigger("o2", alice, world.phoneOf(1), "+2348099999999"));
    world.runtime.runDue();
    assertThat(world.sent()).isEqualTo(1);
    assertThat(world.runtime.inboundRefusals().get("trigger override_not_allowed")).isEqualTo(1);
  }

  @Test
  void aReachedCapStopsSendingAndIsCounted() {
    world =
        AbuseWorld.start(
            b -> b.sendCaps(InMemorySendCaps.builder().perDestinationPerDay(3).build()));
    world.runtime.install();
    String alice = SyntheticCustomers.customerId(1);
    for (int i = 0; i < 10; i++) {
      world.post(world.trigger("c" + i, alice, world.phoneOf(1), null));
    }
    world.runtime.runDue();
    assertThat(world.sent()).isEqualTo(3);
    assertThat(world.runtime.inboundRefusals().get("trigger cap_destination_per_day")).isEqualTo(7);
    // a new day: the number's cap starts again
    world.clock.advanceDays(1);
    world.post(world.trigger("next-day", alice, world.phoneOf(1), null));
    world.runtime.runDue();
    assertThat(world.sent()).isEqualTo(4);
  }

  @Test
  void theTextLocalReceiptParserIsTotal() {
    for (String body :
        List.of("number=%zz&status=D", "number=1&status=%", "a=".repeat(5_000), "&".repeat(40))) {
      assertThatThrownBy(() -> io.campaignrelay.textlocal.DeliveryReceipts.parse(body))
          .isInstanceOf(io.campaignrelay.core.ConfigurationException.class);
    }
    assertThatThrownBy(
            () ->
                io.campaignrelay.textlocal.DeliveryReceipts.parse(
                    (java.util.Map<String, String>) null))
        .isInstanceOf(io.campaignrelay.core.ConfigurationException.class);
  }
}
