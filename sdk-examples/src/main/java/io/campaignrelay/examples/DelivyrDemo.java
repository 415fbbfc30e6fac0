package io.campaignrelay.examples;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.InvalidPhoneNumberException;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.PublishedTemplate;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.messagelog.LoggedMessage;
import io.campaignrelay.core.messagelog.MessageStatus;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.optout.InMemoryOptOutList;
import io.campaignrelay.core.optout.OptOutEntry;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import io.campaignrelay.delivyr.CustomerAttributeLookup;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.delivyr.DelivyrMessageChannel;
import io.campaignrelay.delivyr.DelivyrMetricsReporter;
import io.campaignrelay.delivyr.DelivyrTemplateSource;
import io.campaignrelay.delivyr.DelivyrTemplateSync;
import io.campaignrelay.delivyr.DelivyrWebhook;
import io.campaignrelay.delivyr.OptimoveIntegrationSettings;
import io.campaignrelay.delivyr.TemplateIdMapping;
import io.campaignrelay.delivyr.TriggeredMessageBuilder;
import io.campaignrelay.delivyr.WebhookReplayException;
import io.campaignrelay.delivyr.WebhookVerificationException;
import io.campaignrelay.delivyr.models.AttributeCheck;
import io.campaignrelay.delivyr.models.OptOut;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import io.campaignrelay.delivyr.models.SentMessage;
import io.campaignrelay.delivyr.models.WebhookEvent;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveEvents;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.optimove.models.CampaignEvent;
import io.campaignrelay.optimove.models.EngagementEvent;
import io.campaignrelay.optimove.models.EventType;
import io.campaignrelay.optimove.models.OptimoveEvent;
import io.campaignrelay.optimove.models.TriggeredEvent;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.ScheduledCampaign;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's Delivyr flow, Delivyr's Optimove execution channel run through the SDK: integration
 * settings validated and installed, attributes found with a sample customer, approved templates
 * synced to Optimove's channels 452 and 250, an event-13 scheduled campaign executed by the engine
 * (TEST: message log only; LIVE: {@code messages/batch}), an event-11 triggered campaign executed
 * per trigger, Delivyr's signed webhooks received and verified, and the engagement metrics reported
 * to Optimove with the guide's mapping.
 */
final class DelivyrDemo {

  /** Optimove's campaign id of the triggered campaign in the fake's event-11 payloads. */
  static final CampaignId TRIGGERED_CAMPAIGN = CampaignId.triggered("2.38");

  static final String WEBHOOK_SECRET = "whsec-demo-signing-secret";

  private final OfflineVendors world;
  private final PrintStream out;
  private final boolean console;
  private final int customers;
  private final int triggers;
  private final DelivyrClient delivyr;
  private final OptimoveClient optimove;
  private final EngagementMetricsClient engagement;
  private final DelivyrMetricsReporter reporter;
  private final DelivyrWebhook webhookVerifier = DelivyrWebhook.create();
  private final ConcurrentLinkedQueue<OptimoveEvent> optimoveEvents = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<WebhookEvent> webhooks = new ConcurrentLinkedQueue<>();
  private final AtomicLong webhooksRefused = new AtomicLong();
  private final AtomicLong webhooksReplayed = new AtomicLong();
  private final InMemoryExecutionJournal journal = InMemoryExecutionJournal.create();
  private final Map<String, Map<EngagementMetric, Long>> reported = new ConcurrentHashMap<>();
  private OptimoveIntegrationSettings settings;
  private String webhookUrl;
  private Template scheduledTemplate;
  private long scheduledTemplateId;
  private long triggeredTemplateId;
  private ScheduledCampaign scheduled;
  private Campaign campaign;
  private ExecutionReport liveReport;
  private long triggersReceivedLive;

  DelivyrDemo(OfflineVendors world, PrintStream out, boolean console, int customers, int triggers) {
    this.world = world;
    this.out = out;
    this.console = console;
    this.customers = customers;
    this.triggers = triggers;
    this.delivyr =
        DelivyrClient.builder()
            .clientOptions(world.clientOptions(world.delivyr().baseUrl()))
            .endpoint(world.delivyr().baseUrl())
            .credential(Secret.of(FakeDelivyr.DEFAULT_API_KEY))
            .buildClient();
    this.optimove = world.optimoveClient();
    this.engagement = world.engagementClient();
    this.reporter = DelivyrMetricsReporter.create(engagement);
  }

  Campaign campaign() {
    return campaign;
  }

  ScheduledCampaign scheduled() {
    return scheduled;
  }

  InMemoryExecutionJournal journal() {
    return journal;
  }

  long webhooksRefused() {
    return webhooksRefused.get();
  }

  /**
   * Installs and checks the integration, syncs templates, registers the listeners and has Optimove
   * run a scheduled campaign (event 13).
   */
  void setUp() {
    FakeDelivyr fd = world.delivyr();
    String sched =
        fd.addTemplate(
            "Spring sale",
            "Hi [%FIRST_NAME%], spring sale: 20% off with code [%PROMO_CODE%] at"
                + " https://shop.example/spring",
            "approved",
            List.of("scheduled"),
            "https://shop.example/spring");
    String trig =
        fd.addTemplate(
            "Basket reminder",
            "Hi {{FIRST_NAME}}, you left something in your basket: https://shop.example/basket",
            "approved",
            List.of("triggered"),
            null);
    fd.addTemplate(
        "Summer preview",
        "Summer is coming: https://shop.example/summer",
        "pending",
        List.of(),
        null);
    scheduledTemplateId = TemplateIdMapping.toOptimoveTemplateId(sched);
    triggeredTemplateId = TemplateIdMapping.toOptimoveTemplateId(trig);

    // 1. settings: the guide's rules are checked before anything is sent
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
    settings =
        OptimoveIntegrationSettings.builder()
            .apiEndpoint("https://api5.optimove.net/")
            .apiKey(Secret.of(FakeOptimove.DEFAULT_API_KEY), OptimoveAccessType.INTEGRATIONS)
            .customerAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
            .tenant(
                Long.toString(world.optimove().tenantId()),
                Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
            .defaultUrl("https://shop.example/")
            .build();
    delivyr.putOptimoveIntegration(settings);
    out.println("  settings validated and installed (testing mode ON): " + settings);

    // 2. attributes, with any customer as sample
    String sample = SyntheticCustomers.customerId(0);
    AttributeCheck check = delivyr.checkOptimoveAttributes(settings, sample);
    out.println("  find attributes (sample customer " + sample + "): " + check.summary());

    // 3. approved templates to 452 and 250
    Map<ChannelId, List<PublishedTemplate>> synced =
        DelivyrTemplateSync.create(delivyr, optimove).sync();
    synced.forEach(
        (channel, list) -> {
          List<String> names = new ArrayList<>();
          list.forEach(p -> names.add(p.channelTemplateId() + " \"" + p.displayName() + "\""));
          out.println("  templates synced to channel " + channel + ": " + names);
        });
    out.println(
        "  (the pending template \"Summer preview\" is not synced: approved templates only)");
    scheduledTemplate =
        DelivyrTemplateSource.create(delivyr)
            .template(TemplateId.of(sched))
            .orElseThrow(() -> new IllegalStateException("template " + sched + " not found"));

    // 4. the host app's endpoints: Optimove's listener and Delivyr's webhooks
    String listener =
        world
            .host()
            .route(
                "/optimove/events",
                null,
                (body, header) -> {
                  optimoveEvents.add(OptimoveEvents.parse(body));
                  return 200;
                });
    webhookUrl =
        world.host().route("/delivyr/webhooks", DelivyrWebhook.SIGNATURE_HEADER, this::onWebhook);
    optimove.registerEventListener(
        EventType.CHANNEL_EXECUTED, listener, ChannelId.SCHEDULED_SMS.value());
    optimove.registerEventListener(EventType.TRIGGERED, listener, ChannelId.TRIGGERED_SMS.value());
    fd.deliverWebhooksTo(webhookUrl, WEBHOOK_SECRET);
    out.println(
        "  listeners registered with Optimove (events 13 on 452, 11 on 250); webhooks to "
            + webhookUrl);

    // 5. Optimove schedules and processes a campaign on 452: event 13 arrives at the listener
    Instant sendTime = world.clock().instant();
    scheduled =
        world
            .optimove()
            .addScheduledCampaign(
                ChannelId.SCHEDULED_SMS.value(),
                List.of(scheduledTemplateId),
                LocalDateTime.ofInstant(sendTime, ZoneOffset.UTC),
                customers,
                List.of(TextLocalDemo.PROMO_CODE));
    // a few customers texted STOP before: Delivyr's opt-out list
    for (int i = 0; i < customers; i += 250) {
      fd.addOptOut(scheduled.targets().get(i).mobileNumber());
    }
    world.optimove().notifyCampaignProcessed(scheduled.campaignId());
    CampaignEvent event = null;
    for (OptimoveEvent e; (e = optimoveEvents.poll()) != null; ) {
      if (e instanceof CampaignEvent c && c.eventType().equals(EventType.CHANNEL_EXECUTED)) {
        event = c;
      }
    }
    if (event == null) {
      throw new IllegalStateException("Optimove's event 13 did not reach the listener");
    }
    campaign =
        Campaign.builder()
            .kind(CampaignKind.SCHEDULED)
            .id(CampaignId.scheduled(event.campaignId()))
            .channel(ChannelId.of(event.channelId() == null ? 452 : event.channelId()))
            .templateId(TemplateId.of(scheduledTemplateId))
            .sendTime(sendTime)
            .promoCodes(List.of(TextLocalDemo.PROMO_CODE))
            .targetedCount(customers)
            .build();
    out.println(
        "  event 13 received: campaign "
            + campaign.id()
            + " on channel "
            + campaign.channel()
            + ", template "
            + scheduledTemplateId
            + " ("
            + sched
            + "), "
            + Tables.count(customers)
            + " targets");
  }

  private int onWebhook(String body, String signature) {
    try {
      webhooks.add(
          webhookVerifier.verifyAndParse(
              body, signature, Secret.of(WEBHOOK_SECRET), world.clock()));
      return 200;
    } catch (WebhookReplayException e) {
      webhooksReplayed.incrementAndGet();
      return 200;
    } catch (WebhookVerificationException e) {
      webhooksRefused.incrementAndGet();
      return 401;
    }
  }

  private CampaignExecutor executor(ExecutionMode mode, Progress bar, MessageChannel channel) {
    InMemoryOptOutList optOuts = new InMemoryOptOutList();
    for (OptOut o : delivyr.listOptOuts()) {
      try {
        optOuts.optOut(new OptOutEntry(PhoneNumber.ofE164(o.phone()), o.optedOutAt(), o.keyword()));
      } catch (InvalidPhoneNumberException e) {
        // an opt-out of a number no customer can have: nothing to block
      }
    }
    CampaignExecutor.Builder b =
        CampaignExecutor.builder()
            .targetSource(
                OptimoveTargetSource.builder()
                    .client(optimove)
                    .customerAttributes(settings.customerAttributes())
                    .phoneAttribute(settings.phoneNumberAttribute())
                    .build())
            .optOutList(optOuts)
            .renderer(
                TemplateRenderer.builder()
                    .defaultUrl(URI.create(settings.defaultUrl().orElse("https://shop.example/")))
                    .build())
            .journal(journal)
            .progressInterval(250)
            .clock(world.clock())
            .listener(bar);
    if (mode.isLive()) {
      b.channel(channel);
    }
    return b.build();
  }

  private Template templateOf(TemplateId id) {
    return id.equals(campaign.templateId()) ? scheduledTemplate : null;
  }

  /**
   * TEST: the scheduled campaign into the message log, then the triggered campaign's messages built
   * and logged; nothing is sent to Delivyr.
   *
   * @return the scheduled and the triggered campaign's tables
   */
  List<CampaignTable> runTest() {
    Progress bar = Progress.start(out, console, "Delivyr TEST scheduled", customers, "customers");
    InMemoryMessageLog log = new InMemoryMessageLog();
    ExecutionReport report =
        executor(ExecutionMode.TEST, bar, null).toBuilder()
            .messageLog(log)
            .build()
            .execute(campaign, this::templateOf, ExecutionMode.TEST);
    bar.finish(
        Tables.count(report.logged())
            + " messages in the message log, "
            + Tables.count(report.dropped())
            + " dropped "
            + report.droppedByReason());
    CampaignTable scheduledTable =
        TextLocalDemo.testTable(
            "Delivyr scheduled campaign " + campaign.id() + " (channel 452)", report, log.size());
    Triggered t = runTriggered(ExecutionMode.TEST);
    return List.of(scheduledTable, t.table);
  }

  /**
   * LIVE: testing mode turned off, the scheduled campaign sent in batches of 1,000, the triggered
   * campaign sent per trigger.
   *
   * @param channelWrapper lets a test wrap the channel (e.g. to crash mid-campaign), or null
   */
  void runLive(java.util.function.UnaryOperator<MessageChannel> channelWrapper) {
    settings = settings.toBuilder().testingMode(false).build();
    delivyr.putOptimoveIntegration(settings);
    out.println("  testing mode turned OFF explicitly (settings.testingMode(false))");
    Progress bar = Progress.start(out, console, "Delivyr LIVE scheduled", customers, "customers");
    RejectionRecorder channel =
        new RejectionRecorder(DelivyrMessageChannel.create(delivyr, ExecutionMode.LIVE));
    MessageChannel used = channelWrapper == null ? channel : channelWrapper.apply(channel);
    List<Dropped> drops = new ArrayList<>();
    Progress.DropRecorder recorder = (customer, reason) -> drops.add(new Dropped(customer, reason));
    liveReport =
        executor(ExecutionMode.LIVE, bar.recordingDrops(recorder), used)
            .execute(campaign, this::templateOf, ExecutionMode.LIVE);
    bar.finish(
        Tables.count(liveReport.dispatched())
            + " accepted by Delivyr in "
            + (liveReport.targeted() + 999) / 1000
            + " batches, "
            + Tables.count(liveReport.dropped())
            + " dropped "
            + liveReport.droppedByReason());
    // drops decided before sending are reported now; Delivyr's rejections arrive as webhooks
    List<EngagementEvent> preSend = new ArrayList<>();
    for (Dropped d : drops) {
      if (!channel.rejected.contains(d.customer)) {
        preSend.add(droppedEvent(campaign, d.customer));
      }
    }
    report(campaign.id().value(), preSend);
    Triggered t = runTriggered(ExecutionMode.LIVE);
    triggersReceivedLive = t.received;
  }

  private EngagementEvent droppedEvent(Campaign c, CustomerId customer) {
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("campaignId", c.id().value());
    context.put("channelId", c.channel().value());
    return EngagementEvent.forCustomer(
        EngagementMetric.DROPPED, customer.value(), world.clock().instant(), context);
  }

  private void report(String campaignKey, List<EngagementEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    engagement.saveEvents(events);
    Map<EngagementMetric, Long> counts =
        reported.computeIfAbsent(campaignKey, k -> new EnumMap<>(EngagementMetric.class));
    synchronized (counts) {
      for (EngagementEvent e : events) {
        counts.merge(metricNamed(e.event()), 1L, Long::sum);
      }
    }
  }

  private static EngagementMetric metricNamed(String displayName) {
    for (EngagementMetric m : EngagementMetric.values()) {
      if (m.displayName().equals(displayName)) {
        return m;
      }
    }
    throw new IllegalArgumentException("not an engagement metric: " + displayName);
  }

  /** What one run of the triggered campaign did. */
  private record Triggered(long received, CampaignTable table) {}

  private Triggered runTriggered(ExecutionMode mode) {
    Progress bar =
        Progress.start(out, console, "Delivyr " + mode + " triggered", triggers, "triggers");
    long base = customers;
    for (int i = 0; i < triggers; i++) {
      String customer = SyntheticCustomers.customerId(base + i);
      world
          .optimove()
          .fireTrigger(
              customer,
              ChannelId.TRIGGERED_SMS.value(),
              triggeredTemplateId,
              "Basket reminder",
              "basket_abandoned",
              Map.of("basket_value", Integer.toString(20 + i % 80)),
              // most payloads carry personalInfo; the others make the SDK ask Optimove
              i % 5 != 0);
    }
    TriggeredMessageBuilder builder =
        TriggeredMessageBuilder.builder()
            .settings(settings)
            .attributeLookup(CustomerAttributeLookup.optimove(optimove))
            .mode(mode)
            .build();
    InMemoryMessageLog log = new InMemoryMessageLog();
    String triggeredBody =
        delivyr.getTemplate(TemplateIdMapping.toDelivyrId(triggeredTemplateId)).body();
    long received = 0;
    long logged = 0;
    long accepted = 0;
    Map<RejectionReason, Long> dropped = new EnumMap<>(RejectionReason.class);
    List<EngagementEvent> preSend = new ArrayList<>();
    for (OptimoveEvent e; (e = optimoveEvents.poll()) != null; ) {
      if (!(e instanceof TriggeredEvent t)) {
        continue;
      }
      received++;
      SendMessageRequest request;
      try {
        request = builder.build(t);
      } catch (InvalidPhoneNumberException ex) {
        dropped.merge(RejectionReason.INVALID_PHONE_FORMAT, 1L, Long::sum);
        if (mode.isLive()) {
          Campaign c = triggeredCampaign(t);
          preSend.add(droppedEvent(c, CustomerId.of(t.customerId())));
        }
        bar.update(received, sum(dropped));
        continue;
      }
      if (!mode.isLive()) {
        log.append(
            LoggedMessage.builder()
                .key(IdempotencyKey.derive(TRIGGERED_CAMPAIGN, CustomerId.of(t.customerId())))
                .campaignId(TRIGGERED_CAMPAIGN)
                .channel(ChannelId.TRIGGERED_SMS)
                .customerId(CustomerId.of(t.customerId()))
                .templateId(TemplateId.of(request.templateId().orElse("unknown")))
                .to(PhoneNumber.ofE164(request.to()))
                .text(preview(triggeredBody, request.variables()))
                .status(MessageStatus.LOGGED)
                .mode(ExecutionMode.TEST)
                .at(world.clock().instant())
                .build());
        logged++;
      } else {
        SentMessage sent = delivyr.sendMessage(request);
        if (sent.isRejected()) {
          String raw =
              sent.rejectionInfo()
                  .map(r -> r.reason() == null ? null : r.reason().value())
                  .orElse(null);
          dropped.merge(RejectionReason.fromString(raw), 1L, Long::sum);
        } else {
          accepted++;
        }
      }
      bar.update(received, sum(dropped));
    }
    report(TRIGGERED_CAMPAIGN.value(), preSend);
    bar.finish(
        Tables.count(received)
            + " event-11 triggers received, "
            + (mode.isLive()
                ? Tables.count(accepted) + " accepted by Delivyr"
                : Tables.count(logged) + " messages in the message log")
            + ", "
            + Tables.count(sum(dropped))
            + " dropped "
            + dropped);
    String title = "Delivyr triggered campaign " + TRIGGERED_CAMPAIGN + " (channel 250)";
    CampaignTable table =
        mode.isLive()
            ? null
            : new CampaignTable(
                title,
                TRIGGERED_CAMPAIGN.value(),
                ExecutionMode.TEST,
                received,
                sum(dropped),
                logged,
                CampaignTable.NOT_REPORTED,
                CampaignTable.NOT_REPORTED,
                CampaignTable.NOT_REPORTED,
                CampaignTable.NOT_REPORTED,
                testSources(),
                TextLocalDemo.notReported());
    return new Triggered(received, table);
  }

  /**
   * What Delivyr would send for a template and variables: its {@code {{NAME}}} placeholders filled
   * (Delivyr renders triggered messages itself; this preview is for the TEST message log only).
   */
  static String preview(String body, Map<String, String> variables) {
    String text = body;
    for (Map.Entry<String, String> v : variables.entrySet()) {
      text = text.replace("{{" + v.getKey() + "}}", v.getValue());
    }
    return text;
  }

  private static Map<String, String> testSources() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("Targeted", "event-11 triggers received");
    s.put("Sent", "derived: Targeted - Dropped (would be sent)");
    s.put("Dropped", "no usable phone number");
    s.put("Logged (TEST)", "message log; never sent");
    for (String m : List.of("Delivered", "Bounced", "Clicked", "Unsubscribed")) {
      s.put(m, "TEST mode: nothing was sent");
    }
    return s;
  }

  private Campaign triggeredCampaign(TriggeredEvent t) {
    return Campaign.builder()
        .kind(CampaignKind.TRIGGERED)
        .id(t.campaignId() == null ? TRIGGERED_CAMPAIGN : CampaignId.triggered(t.campaignId()))
        .channel(ChannelId.TRIGGERED_SMS)
        .templateId(TemplateId.of(triggeredTemplateId))
        .sendTime(world.clock().instant())
        .build();
  }

  private static long sum(Map<RejectionReason, Long> m) {
    long n = 0;
    for (long v : m.values()) {
      n += v;
    }
    return n;
  }

  /**
   * A simulated day passed: a few customers text STOP, then the verified webhooks that arrived are
   * reported to Optimove's engagement metrics.
   *
   * @param day 1..7
   * @return how many webhooks were reported
   */
  int onDay(int day) {
    if (day == 2) {
      for (int i = 125; i < customers; i += 500) {
        world.delivyr().simulateStopReply(scheduled.targets().get(i).mobileNumber());
      }
    }
    world.delivyr().deliverDueWebhooks();
    Map<String, List<EngagementEvent>> byCampaign = new LinkedHashMap<>();
    List<WebhookEvent> batch = new ArrayList<>();
    for (WebhookEvent w; (w = webhooks.poll()) != null; ) {
      batch.add(w);
      String key =
          w.data().campaign() == null || w.data().campaign().optimoveCampaignId() == null
              ? "unknown"
              : w.data().campaign().optimoveCampaignId();
      DelivyrMetricsReporter.engagementEventOf(w)
          .ifPresent(e -> byCampaign.computeIfAbsent(key, k -> new ArrayList<>()).add(e));
    }
    byCampaign.forEach(this::report);
    return batch.size();
  }

  /**
   * Shows that a forged webhook is refused and a replayed one is not counted twice.
   *
   * @return a line describing it
   */
  String checkWebhookSecurity() {
    String body =
        "{\"id\":\"evt_forged\",\"type\":\"message.delivered\",\"createdAt\":\""
            + world.clock().instant()
            + "\",\"data\":{\"messageId\":\"m1\",\"customerId\":\"C000000001\"}}";
    long t = world.clock().instant().getEpochSecond();
    int forged =
        HostServer.post(
            webhookUrl, body, DelivyrWebhook.SIGNATURE_HEADER, "t=" + t + ",v1=" + "0".repeat(64));
    String signed = "t=" + t + ",v1=" + DelivyrWebhook.sign(t, body, Secret.of(WEBHOOK_SECRET));
    int first = HostServer.post(webhookUrl, body, DelivyrWebhook.SIGNATURE_HEADER, signed);
    int replay = HostServer.post(webhookUrl, body, DelivyrWebhook.SIGNATURE_HEADER, signed);
    webhooks.clear();
    return "forged signature -> HTTP "
        + forged
        + "; correctly signed -> HTTP "
        + first
        + "; the same event replayed -> HTTP "
        + replay
        + " and ignored ("
        + webhooksReplayed.get()
        + " replay)";
  }

  /**
   * The LIVE tables, from what was reported to Optimove.
   *
   * @return the scheduled and the triggered campaign's tables
   */
  List<CampaignTable> liveTables() {
    return List.of(
        liveTable(
            "Delivyr scheduled campaign " + campaign.id() + " (channel 452)",
            campaign.id().value(),
            liveReport.targeted(),
            "Optimove target list"),
        liveTable(
            "Delivyr triggered campaign " + TRIGGERED_CAMPAIGN + " (channel 250)",
            TRIGGERED_CAMPAIGN.value(),
            triggersReceivedLive,
            "event-11 triggers received"));
  }

  private CampaignTable liveTable(String title, String key, long targeted, String targetSource) {
    Map<EngagementMetric, Long> c = reported.getOrDefault(key, Map.of());
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("Targeted", targetSource);
    sources.put("Sent", "derived: Targeted - Dropped (\"Sent\" is never reported)");
    sources.put("Delivered", "webhook message.delivered -> Delivered");
    sources.put("Dropped", "engine checks + webhook message.rejected -> Dropped");
    sources.put("Bounced", "webhook message.undelivered -> Bounced");
    sources.put("Clicked", "webhook message.clicked -> Clicked (one per click)");
    sources.put("Unsubscribed", "webhook contact.opted_out -> Unsubscribed");
    return new CampaignTable(
        title,
        key,
        ExecutionMode.LIVE,
        targeted,
        get(c, EngagementMetric.DROPPED),
        0,
        get(c, EngagementMetric.DELIVERED),
        get(c, EngagementMetric.BOUNCED),
        get(c, EngagementMetric.CLICKED),
        get(c, EngagementMetric.UNSUBSCRIBED),
        sources,
        TextLocalDemo.notReported());
  }

  private static long get(Map<EngagementMetric, Long> m, EngagementMetric k) {
    synchronized (m) {
      return m.getOrDefault(k, 0L);
    }
  }

  /** One drop the engine announced. */
  private record Dropped(CustomerId customer, RejectionReason reason) {}

  /** Remembers which customers Delivyr itself rejected (as opposed to the engine's checks). */
  static final class RejectionRecorder implements MessageChannel {
    private final MessageChannel delegate;
    final Set<CustomerId> rejected = ConcurrentHashMap.newKeySet();

    RejectionRecorder(MessageChannel delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int maxBatchSize() {
      return delegate.maxBatchSize();
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
      return delegate.deduplicatesByIdempotencyKey();
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      List<DispatchResult> results = delegate.dispatch(batch);
      Map<IdempotencyKey, CustomerId> byKey = new LinkedHashMap<>();
      for (OutboundMessage m : batch) {
        byKey.put(m.idempotencyKey(), m.customerId());
      }
      for (DispatchResult r : results) {
        if (!r.isAccepted()) {
          rejected.add(byKey.get(r.idempotencyKey()));
        }
      }
      return results;
    }
  }

  /** The progress of a run, for tests. */
  ExecutionReport liveReport() {
    return liveReport;
  }
}
