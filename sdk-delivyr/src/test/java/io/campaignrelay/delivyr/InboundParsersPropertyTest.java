package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.runtime.InboundResponse;
import io.campaignrelay.optimove.OptimoveEventParseException;
import io.campaignrelay.optimove.OptimoveEvents;
import io.campaignrelay.textlocal.DeliveryReceipts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated payloads (105,000 in all) at every inbound parser: Optimove events 1-5, 11,
 * 13, 14 (through the parser and through the listener handler of a LIVE runtime), Delivyr webhooks
 * (signed, so they reach the parser, and unsigned), TextLocal receipts. No uncaught exception,
 * every refusal typed (a documented status and outcome, or the parser's typed exception), and at
 * the end nothing was sent.
 */
class InboundParsersPropertyTest {

  static final Set<Integer> STATUSES = Set.of(200, 202, 400, 401, 413, 422);
  static final Set<String> OUTCOMES =
      Set.of(
          "accepted",
          "duplicate",
          "ignored",
          "malformed",
          "limits",
          "too_large",
          "not_registered",
          "bad_signature",
          "stale");
  static final AtomicLong OPTIMOVE = new AtomicLong();
  static final AtomicLong DELIVYR = new AtomicLong();
  static final AtomicLong TEXTLOCAL = new AtomicLong();
  static final AtomicLong REFUSED = new AtomicLong();
  static AbuseWorld world;

  static final List<String> OPTIMOVE_SEEDS =
      List.of(
          "{\"EventTypeID\":1,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":17}",
          "{\"EventTypeID\":2,\"TimeStamp\":\"2026-01-05 03:00\"}",
          "{\"EventTypeID\":3,\"TimeStamp\":\"2026-01-05 04:00\"}",
          "{\"EventTypeID\":4,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":18,\"ChannelID\":452}",
          "{\"EventTypeID\":5,\"TimeStamp\":\"2026-01-05\",\"CampaignID\":19,"
              + "\"ClearanceRequiredBy\":\"2026-01-06\"}",
          "{\"EventTypeID\":13,\"TimeStamp\":\"2026-01-05 09:00\",\"CampaignID\":20,\"ChannelID\":452}",
          "{\"EventTypeID\":14,\"TimeStamp\":\"2026-01-05\",\"CampaignID\":21,\"ChannelID\":452,"
              + "\"EngagementID\":\"e1\",\"TenantID\":\"7\",\"BucketName\":\"b\","
              + "\"CustomersFolderPath\":\"p/\",\"MetadataFilePath\":\"m.json\","
              + "\"DecryptionKey\":\"k\",\"ServiceAccount\":\"s\"}",
          "{\"requestId\":\"r-1\",\"customerID\":\"STRANGER-1\",\"channelID\":250,"
              + "\"campaignID\":\"1.2.3\",\"templateID\":1001,\"timestamp\":\"1767600000\","
              + "\"promotions\":\"A,B\",\"isVisitor\":false,\"personalization\":{\"personalInfo\":"
              + "{\"MOBILE_NUMBER\":\"+449098790123\",\"FIRST_NAME\":\"Ann\"},\"purchase\":"
              + "{\"mobile\":\"+2348012345678\",\"value\":3}}}",
          "{\"EventTypeID\":11,\"requestId\":\"r-2\",\"customerID\":\"STRANGER-2\","
              + "\"campaignID\":\"1.2.3\",\"templateID\":\"1001\",\"personalization\":"
              + "{\"personalInfo\":{\"MOBILE_NUMBER\":\"+447700900123\"}}}");

  static final List<String> DELIVYR_SEEDS =
      List.of(
          "{\"id\":\"evt_1\",\"type\":\"message.delivered\",\"createdAt\":\"2026-01-05T09:00:00Z\","
              + "\"data\":{\"messageId\":\"m1\",\"customerId\":\"C1\",\"phone\":\"+447700900123\","
              + "\"campaign\":{\"id\":\"20\",\"channelId\":452}}}",
          "{\"id\":\"evt_2\",\"type\":\"message.rejected\",\"createdAt\":\"2026-01-05T09:00:00Z\","
              + "\"data\":{\"messageId\":\"m2\",\"customerId\":\"C2\",\"reason\":\"opted_out\"}}",
          "{\"id\":\"evt_3\",\"type\":\"message.clicked\",\"createdAt\":\"2026-01-05T09:00:00Z\","
              + "\"data\":{\"messageId\":\"m3\",\"url\":\"https://x.example/\"}}");

  static final List<String> TEXTLOCAL_SEEDS =
      List.of(
          "number=447700900123&status=D&customID=c20-x&datetime=2026-01-05+09%3A00%3A00",
          "number=447700900124&status=I",
          "number=447700900125&status=%3F&datetime=2026-01-05%2009:00:00");

  static final String PALETTE =
      "{}[]\":,\\0123456789-+.eE truefalsnul\u0000\u00e9\u2028\ud83d\ude00%&=?";

  @BeforeContainer
  static void start() {
    world = AbuseWorld.start();
    world.runtime.install();
  }

  @AfterContainer
  static void stop() {
    world.runtime.runDue();
    int sent = world.sent();
    System.out.printf(
        "property payloads: optimove %d, delivyr %d, textlocal %d, total %d; refused %d; refusal"
            + " counters %s; sent %d%n",
        OPTIMOVE.get(),
        DELIVYR.get(),
        TEXTLOCAL.get(),
        OPTIMOVE.get() + DELIVYR.get() + TEXTLOCAL.get(),
        REFUSED.get(),
        world.runtime.inboundRefusals().snapshot(),
        sent);
    world.close();
    assertThat(sent).isZero();
  }

  @Property(
      tries = 60_000,
      generation = GenerationMode.RANDOMIZED,
      shrinking = ShrinkingMode.OFF,
      edgeCases = EdgeCasesMode.NONE)
  void optimoveEventsAreReadOrRefusedTyped(@ForAll("optimove") String body) {
    OPTIMOVE.incrementAndGet();
    try {
      OptimoveEvents.parse(body);
    } catch (OptimoveEventParseException | ConfigurationException e) {
      // typed
    }
    InboundResponse r = world.post(body.getBytes(StandardCharsets.UTF_8));
    assertTyped(r);
  }

  @Property(
      tries = 25_000,
      generation = GenerationMode.RANDOMIZED,
      shrinking = ShrinkingMode.OFF,
      edgeCases = EdgeCasesMode.NONE)
  void delivyrWebhooksAreReadOrRefusedTyped(
      @ForAll("delivyr") String body, @ForAll boolean signed) {
    DELIVYR.incrementAndGet();
    try {
      long t = world.clock.instant().getEpochSecond();
      DelivyrWebhook.create()
          .verifyAndParse(
              body,
              "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, Secret.of(AbuseWorld.SECRET)),
              Secret.of(AbuseWorld.SECRET),
              world.clock);
    } catch (WebhookVerificationException e) {
      // typed
    }
    InboundResponse r = world.webhook(body, signed);
    assertTyped(r);
    if (!signed) {
      assertThat(r.status()).isIn(401, 413);
    }
  }

  @Property(
      tries = 20_000,
      generation = GenerationMode.RANDOMIZED,
      shrinking = ShrinkingMode.OFF,
      edgeCases = EdgeCasesMode.NONE)
  void textLocalReceiptsAreReadOrRefusedTyped(@ForAll("textlocal") String body) {
    TEXTLOCAL.incrementAndGet();
    try {
      DeliveryReceipts.parse(body);
    } catch (ConfigurationException e) {
      REFUSED.incrementAndGet();
    }
  }

  static void assertTyped(InboundResponse r) {
    assertThat(r).isNotNull();
    assertThat(r.status()).isIn(STATUSES);
    assertThat(r.outcome()).isIn(OUTCOMES);
    if (r.status() >= 400) {
      assertThat(r.reason()).isNotBlank();
      REFUSED.incrementAndGet();
    }
  }

  @Provide
  Arbitrary<String> optimove() {
    return Arbitraries.randomValue(r -> mutate(OPTIMOVE_SEEDS, r));
  }

  @Provide
  Arbitrary<String> delivyr() {
    return Arbitraries.randomValue(r -> mutate(DELIVYR_SEEDS, r));
  }

  @Provide
  Arbitrary<String> textlocal() {
    return Arbitraries.randomValue(r -> mutate(TEXTLOCAL_SEEDS, r));
  }

  /** A seed, unchanged one time in ten, else mutated one to four times. */
  static String mutate(List<String> seeds, Random r) {
    String s = seeds.get(r.nextInt(seeds.size()));
    if (r.nextInt(10) == 0) {
      return s;
    }
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      s = mutateOnce(s, r);
    }
    return s;
  }

  static String mutateOnce(String s, Random r) {
    int len = s.length();
    int at = len == 0 ? 0 : r.nextInt(len);
    switch (r.nextInt(12)) {
      case 0: // delete a range
        return s.substring(0, at) + s.substring(Math.min(len, at + 1 + r.nextInt(8)));
      case 1: // insert noise
        return s.substring(0, at) + noise(r, 1 + r.nextInt(6)) + s.substring(at);
      case 2: // truncate
        return s.substring(0, at);
      case 3: // replace a value with another JSON value
        {
          int colon = s.indexOf(':', at);
          if (colon < 0) {
            return s + noise(r, 3);
          }
          int end = colon + 1;
          while (end < len && s.charAt(end) != ',' && s.charAt(end) != '}') {
            end++;
          }
          return s.substring(0, colon + 1) + value(r) + s.substring(end);
        }
      case 4: // a huge array
        return s.substring(0, at)
            + "["
            + "1,".repeat(1_000 + r.nextInt(2_000))
            + "1]"
            + s.substring(at);
      case 5: // deep nesting
        {
          int d = 10 + r.nextInt(200);
          return "{\"x\":".repeat(d) + s + "}".repeat(d);
        }
      case 6: // duplicate a segment
        return s.substring(0, at) + s.substring(at, Math.min(len, at + 20)) + s.substring(at);
      case 7: // random digits
        {
          StringBuilder b = new StringBuilder(s);
          for (int i = 0; i < b.length(); i++) {
            if (Character.isDigit(b.charAt(i)) && r.nextInt(3) == 0) {
              b.setCharAt(i, (char) ('0' + r.nextInt(10)));
            }
          }
          return b.toString();
        }
      case 8: // pure noise
        return noise(r, r.nextInt(200));
      case 9: // case of keys
        return r.nextBoolean()
            ? s.toUpperCase(java.util.Locale.ROOT)
            : s.toLowerCase(java.util.Locale.ROOT);
      case 10: // a long string
        return s.substring(0, at) + "\"" + "a".repeat(r.nextInt(100_000)) + "\"" + s.substring(at);
      default: // swap two characters
        {
          if (len < 2) {
            return s;
          }
          char[] c = s.toCharArray();
          int j = r.nextInt(len);
          char t = c[at];
          c[at] = c[j];
          c[j] = t;
          return new String(c);
        }
    }
  }

  static String noise(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(PALETTE.charAt(r.nextInt(PALETTE.length())));
    }
    return b.toString();
  }

  static String value(Random r) {
    switch (r.nextInt(10)) {
      case 0:
        return "null";
      case 1:
        return "true";
      case 2:
        return "-" + r.nextLong();
      case 3:
        return "1e" + r.nextInt(400);
      case 4:
        return "\"" + noise(r, r.nextInt(10)) + "\"";
      case 5:
        return "[" + r.nextInt() + ",\"x\",{}]";
      case 6:
        return "{\"a\":{\"b\":[1,2,{\"c\":null}]}}";
      case 7:
        return "99999999999999999999999999";
      case 8:
        return "\"+44909879" + r.nextInt(10_000) + "\"";
      default:
        return "\"\"";
    }
  }
}
