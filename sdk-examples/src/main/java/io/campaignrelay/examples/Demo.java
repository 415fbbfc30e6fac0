package io.campaignrelay.examples;

import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.testkit.SentMessages;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end demo of Campaign Relay: README's first command runs it.
 *
 * <h2>Offline (no arguments, no environment)</h2>
 *
 * <p>Starts sdk-testkit's fakes of Optimove, TextLocal and Delivyr in-process on loopback ports,
 * sharing one simulated clock, and runs both integrations on their runtimes, with their state in
 * the embedded H2 store of sdk-jdbc in a temporary directory, on campaigns of 10,000 customers,
 * first in TEST then in LIVE mode, over a simulated week:
 *
 * <ul>
 *   <li><b>TextLocal</b> ({@code TextLocalRuntime}, Optimove's TextLocal guide): the daily template
 *       import split by the {@code OPT_} prefix and published to Optimove, the day's campaign read
 *       from Optimove and executed at its send time, delivery status pulled daily for 7 days and
 *       reported to Optimove; LIVE is the runtime rebuilt on the same state with {@code
 *       testMode(false)};
 *   <li><b>Delivyr</b> ({@code DelivyrRuntime}, Delivyr's Optimove channel): settings installed,
 *       approved templates synced to channels 452 and 250, listeners registered, Optimove's event
 *       13 and event 11 and Delivyr's signed webhooks through the runtime's handlers, engagement
 *       metrics through {@code OptimoveMetricsSink}; LIVE is the runtime's {@code
 *       testingMode(false)}.
 * </ul>
 *
 * <p>Long steps show a progress bar (redrawn in place on a terminal, plain lines otherwise). At the
 * end it prints, per campaign, a metrics table (Targeted, Sent = Targeted - Dropped, Delivered,
 * Dropped, Bounced, Clicked, Unsubscribed, and the metrics not reported with why) and, for TEST
 * mode, the proof that no request reached a vendor's send endpoint (counted at the transport and
 * confirmed by the fakes).
 *
 * <h2>Against real endpoints</h2>
 *
 * <p>When {@code OPTIMOVE_API_KEY} and {@code DELIVYR_API_KEY} or {@code TEXTLOCAL_API_KEY} are
 * set, the demo runs against the real services instead, in TEST mode unless {@code --live} is given
 * (in TEST mode nothing is sent: messages go to the SDK's message log). Variables:
 *
 * <ul>
 *   <li>{@code OPTIMOVE_ENDPOINT} (e.g. {@code https://api5.optimove.net/}), {@code
 *       OPTIMOVE_API_KEY} (an Integrations key), {@code OPTIMOVE_TENANT_ID} and {@code
 *       OPTIMOVE_TENANT_TOKEN} (for engagement metrics);
 *   <li>{@code DELIVYR_ENDPOINT}, {@code DELIVYR_API_KEY}, {@code DELIVYR_CAMPAIGN_ID} (a scheduled
 *       Optimove campaign on channel 452), {@code DELIVYR_TEMPLATE_ID} (its Optimove TemplateID or
 *       Delivyr template id), {@code DELIVYR_SAMPLE_CUSTOMER_ID} (for Find Attributes), {@code
 *       DELIVYR_ATTRIBUTES} (comma-separated, phone number first; default {@code
 *       MOBILE_NUMBER,FIRST_NAME});
 *   <li>{@code TEXTLOCAL_ENDPOINT} (default {@code https://api.txtlocal.com/}), {@code
 *       TEXTLOCAL_API_KEY}, {@code TEXTLOCAL_USERNAME}, {@code TEXTLOCAL_PASSWORD}, {@code
 *       TEXTLOCAL_GROUP_ID}, {@code TEXTLOCAL_GROUP_NAME}, {@code TEXTLOCAL_PREFIX} (optional, e.g.
 *       {@code OPT_}), {@code TEXTLOCAL_KEY_FIELD} ({@code custom1}..{@code custom3}, default
 *       custom1), {@code TEXTLOCAL_SENDER} (optional), {@code TEXTLOCAL_CHANNEL_ID} (the Optimove
 *       channel), {@code TEXTLOCAL_CAMPAIGN_ID} and {@code TEXTLOCAL_TEMPLATE_ID}.
 * </ul>
 *
 * <p>Options: {@code --live}, {@code --customers=N} (offline campaign size, default 10000), {@code
 * --triggers=N} (offline event-11 triggers, default 50), {@code --seed=N}, {@code --help}.
 */
public final class Demo {

  /** Customers per offline campaign. */
  public static final int DEFAULT_CUSTOMERS = 10_000;

  /** Event-11 triggers fired in the offline triggered campaign. */
  public static final int DEFAULT_TRIGGERS = 50;

  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args {@code --help}, {@code --live}, {@code --customers=N}, {@code --triggers=N}, {@code
   *     --seed=N}
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.println();
      out.println(help());
      return;
    }
    if (options.help()) {
      out.println(help());
      return;
    }
    Map<String, String> env = System.getenv();
    if (RealEndpoints.configured(env)) {
      RealEndpoints.run(env, options.live(), out);
      return;
    }
    if (options.live()) {
      out.println(
          "--live only matters with real endpoints; offline, the demo runs TEST then LIVE.");
    }
    try (OfflineVendors world =
        OfflineVendors.start(options.seed(), options.customers(), options.triggers())) {
      runOffline(world, options, Progress.onConsole(), out);
    }
  }

  /**
   * The text of {@code --help}.
   *
   * @return the help
   */
  static String help() {
    return String.join(
        "\n",
        "Campaign Relay demo",
        "",
        "  mvn -B -q -Pdemo -pl sdk-examples -am verify       (offline, from a fresh clone)",
        "  java io.campaignrelay.examples.Demo [options]",
        "",
        "With no environment it starts in-process fakes of Optimove, TextLocal and Delivyr and runs",
        "both flows on 10,000-customer campaigns, TEST then LIVE, over a simulated week, then prints",
        "each campaign's metrics table.",
        "",
        "Options:",
        "  --live            with real endpoints, really send (default: TEST mode, nothing sent)",
        "  --customers=N     offline campaign size (default " + DEFAULT_CUSTOMERS + ")",
        "  --triggers=N      offline event-11 triggers (default " + DEFAULT_TRIGGERS + ")",
        "  --seed=N          offline seed of customers and outcomes (default 42)",
        "  --help            this text",
        "",
        "Real endpoints (the demo uses them when OPTIMOVE_API_KEY and DELIVYR_API_KEY or",
        "TEXTLOCAL_API_KEY are set):",
        "  OPTIMOVE_ENDPOINT   https://api<N>.optimove.net/      OPTIMOVE_API_KEY (Integrations key)",
        "  OPTIMOVE_TENANT_ID  OPTIMOVE_TENANT_TOKEN             (engagement metrics)",
        "  DELIVYR_ENDPOINT    DELIVYR_API_KEY   DELIVYR_CAMPAIGN_ID (scheduled, channel 452)",
        "  DELIVYR_TEMPLATE_ID (Optimove TemplateID or Delivyr id)",
        "  DELIVYR_SAMPLE_CUSTOMER_ID   DELIVYR_ATTRIBUTES (phone first; default MOBILE_NUMBER,FIRST_NAME)",
        "  TEXTLOCAL_ENDPOINT (default https://api.txtlocal.com/)   TEXTLOCAL_API_KEY",
        "  TEXTLOCAL_USERNAME  TEXTLOCAL_PASSWORD  TEXTLOCAL_GROUP_ID  TEXTLOCAL_GROUP_NAME",
        "  TEXTLOCAL_PREFIX (e.g. OPT_)  TEXTLOCAL_KEY_FIELD (custom1..3)  TEXTLOCAL_SENDER",
        "  TEXTLOCAL_CHANNEL_ID  TEXTLOCAL_CAMPAIGN_ID  TEXTLOCAL_TEMPLATE_ID");
  }

  /**
   * Runs both flows against the fakes: set-up, TEST, LIVE, a simulated week, tables.
   *
   * @param world the running fakes
   * @param options sizes and seed
   * @param console whether {@code out} is a terminal (progress redrawn in place)
   * @param out where to print
   * @return what was printed and proved
   */
  static DemoResult runOffline(
      OfflineVendors world, Options options, boolean console, PrintStream out) {
    long start = System.nanoTime();
    int n = options.customers();
    out.println(
        "Campaign Relay demo, offline: in-process fakes of Optimove, TextLocal and Delivyr");
    out.println(
        "  "
            + Tables.count(n)
            + " customers per campaign, "
            + options.triggers()
            + " triggers, simulated clock starting "
            + world.clock().instant());

    java.nio.file.Path state;
    try {
      state = java.nio.file.Files.createTempDirectory("campaign-relay-demo");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create the demo's state directory", e);
    }
    out.println(
        "  both flows run on their runtimes (TextLocalRuntime, DelivyrRuntime), their state in the"
            + " embedded H2 store (sdk-jdbc) in "
            + state);
    try (TextLocalDemo textLocal = new TextLocalDemo(world, out, n, state);
        DelivyrDemo delivyr = new DelivyrDemo(world, out, n, options.triggers(), state)) {
      return runOffline(world, console, out, start, n, textLocal, delivyr);
    }
  }

  private static DemoResult runOffline(
      OfflineVendors world,
      boolean console,
      PrintStream out,
      long start,
      int n,
      TextLocalDemo textLocal,
      DelivyrDemo delivyr) {

    section(out, "1. Set-up: TextLocal (Optimove's TextLocal integration)", start);
    textLocal.setUp();
    section(out, "1. Set-up: Delivyr (Delivyr's Optimove channel)", start);
    delivyr.setUp();

    section(out, "2. TEST mode: render, validate and log; send nothing", start);
    TransportCounter transport = world.transport();
    long sendsBefore = sendCalls(transport);
    List<CampaignTable> testTables = new ArrayList<>();
    testTables.add(textLocal.runTest());
    testTables.addAll(delivyr.runTest());
    long testSends = sendCalls(transport) - sendsBefore;
    FakeTextLocal tl = world.textLocal();
    FakeDelivyr fd = world.delivyr();
    long vendorMessages =
        (long) tl.sentMessages().count()
            + tl.testModeMessages().count()
            + fd.sentMessages().count()
            + fd.loggedMessages().count();
    out.println(
        "  proof: "
            + testSends
            + " HTTP requests reached a send endpoint during TEST (TextLocal send/bulk_json,"
            + " Delivyr POST messages, messages/batch; counted at the transport)");
    out.println(
        "  the fakes agree: TextLocal sent "
            + tl.sentMessages().count()
            + " and test-mode "
            + tl.testModeMessages().count()
            + "; Delivyr sent "
            + fd.sentMessages().count()
            + " and logged "
            + fd.loggedMessages().count());

    section(out, "3. LIVE mode: send", start);
    textLocal.runLive();
    delivyr.runLive();

    section(out, "4. A simulated week: daily metric pulls (TextLocal), webhooks (Delivyr)", start);
    Progress week = Progress.start(out, console, "week", 7, "days");
    long webhooks = 0;
    long pulls = 0;
    Instant sent = textLocal.sendTime();
    for (int day = 1; day <= 7; day++) {
      // time passes in steps, so webhooks arrive as their events happen (most on the first day);
      // each day ends just after a daily pull of the TextLocal campaign falls due
      Duration step = day == 1 ? Duration.ofMinutes(5) : Duration.ofHours(1);
      Instant end = sent.plus(Duration.ofDays(day)).plusSeconds(60);
      while (world.clock().instant().isBefore(end)) {
        Duration left = Duration.between(world.clock().instant(), end);
        world.clock().advance(left.compareTo(step) < 0 ? left : step);
        textLocal.runDue(); // the runtime's daily metric pull falls due once a day
      }
      webhooks = delivyr.onDay(day);
      pulls = textLocal.pulls();
      week.update(day, 0);
    }
    week.finish(
        "simulated time now "
            + world.clock().instant()
            + ": "
            + pulls
            + " TextLocal metric pulls, "
            + Tables.count(webhooks)
            + " verified Delivyr webhooks reported to Optimove");
    out.println("  webhook security: " + delivyr.checkWebhookSecurity());
    List<CampaignTable> liveTables = new ArrayList<>();
    liveTables.add(textLocal.liveTable());
    liveTables.addAll(delivyr.liveTables());

    section(out, "5. Metrics per campaign", start);
    out.println("  TEST runs (nothing sent):");
    testTables.forEach(t -> t.print(out));
    out.println();
    out.println("  LIVE runs (what was reported to Optimove after the week):");
    liveTables.forEach(t -> t.print(out));
    out.println();
    out.println(
        "  at most once: Delivyr sent "
            + Tables.count(fd.sentMessages().count())
            + " messages to "
            + Tables.count(fd.sentMessages().recipients().size())
            + " phones, repeated sends within a campaign: "
            + (duplicates(
                    fd.sentMessages()
                        .forCampaign(Long.toString(delivyr.liveCampaign().campaignId())))
                + duplicates(fd.sentMessages().forCampaign(DelivyrDemo.TRIGGERED_CAMPAIGN.value())))
            + "; TextLocal sent "
            + Tables.count(tl.sentMessages().count())
            + " messages to "
            + Tables.count(tl.sentMessages().recipients().size())
            + " phones, repeated sends: "
            + duplicates(tl.sentMessages()));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    out.println(
        "  requests on the wire: "
            + Tables.count(total(transport.snapshot()))
            + "; demo finished in "
            + String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0)
            + " (wall clock)");
    return new DemoResult(
        testTables, liveTables, testSends, vendorMessages, transport.snapshot(), took);
  }

  private static long duplicates(SentMessages sent) {
    long d = 0;
    Map<String, Integer> perRecipient = sent.countsByRecipient();
    for (int c : perRecipient.values()) {
      d += Math.max(0, c - 1);
    }
    return d;
  }

  private static long total(Map<String, Long> m) {
    long n = 0;
    for (long v : m.values()) {
      n += v;
    }
    return n;
  }

  /**
   * Requests that reached a send endpoint so far.
   *
   * @param transport the counter
   * @return TextLocal send/bulk_json plus Delivyr POST messages and messages/batch
   */
  static long sendCalls(TransportCounter transport) {
    return transport.calls("POST", "/send/", "/bulk_json/", "/messages", "/messages/batch");
  }

  private static void section(PrintStream out, String title, long startNanos) {
    out.println();
    out.println(
        "== "
            + title
            + String.format(
                java.util.Locale.ROOT, "   [%.1f s]", (System.nanoTime() - startNanos) / 1e9));
  }

  /**
   * The command line.
   *
   * @param help print help and stop
   * @param live really send (real endpoints only)
   * @param customers offline campaign size
   * @param triggers offline event-11 triggers
   * @param seed offline seed
   */
  record Options(boolean help, boolean live, int customers, int triggers, long seed) {

    /** The defaults: offline, 10,000 customers, 200 triggers, seed 42. */
    static Options defaults() {
      return new Options(false, false, DEFAULT_CUSTOMERS, DEFAULT_TRIGGERS, 42);
    }

    static Options parse(String[] args) {
      Options o = defaults();
      for (String a : args) {
        if (a.equals("--help") || a.equals("-h")) {
          o = new Options(true, o.live, o.customers, o.triggers, o.seed);
        } else if (a.equals("--live")) {
          o = new Options(o.help, true, o.customers, o.triggers, o.seed);
        } else if (a.startsWith("--customers=")) {
          o = new Options(o.help, o.live, positive(a), o.triggers, o.seed);
        } else if (a.startsWith("--triggers=")) {
          o = new Options(o.help, o.live, o.customers, positive(a), o.seed);
        } else if (a.startsWith("--seed=")) {
          o = new Options(o.help, o.live, o.customers, o.triggers, number(a));
        } else {
          throw new IllegalArgumentException("unknown option " + a + ": see --help");
        }
      }
      return o;
    }

    private static long number(String arg) {
      String v = arg.substring(arg.indexOf('=') + 1);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            arg
                + ": "
                + v
                + " is not a number; give e.g. "
                + arg.substring(0, arg.indexOf('=') + 1)
                + "1000");
      }
    }

    private static int positive(String arg) {
      long n = number(arg);
      if (n < 1 || n > 1_000_000) {
        throw new IllegalArgumentException(arg + ": use 1 to 1000000");
      }
      return (int) n;
    }
  }
}
