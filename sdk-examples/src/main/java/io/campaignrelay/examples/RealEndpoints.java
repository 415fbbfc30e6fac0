package io.campaignrelay.examples;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.messagelog.InMemoryMessageLog;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateImport;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.delivyr.DelivyrMessageChannel;
import io.campaignrelay.delivyr.DelivyrTemplateSource;
import io.campaignrelay.delivyr.DelivyrTemplateSync;
import io.campaignrelay.delivyr.OptimoveIntegrationSettings;
import io.campaignrelay.delivyr.TemplateIdMapping;
import io.campaignrelay.delivyr.models.OptimoveAccessType;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.textlocal.CampaignDispatch;
import io.campaignrelay.textlocal.ContactIndex;
import io.campaignrelay.textlocal.TextLocalCampaignFlow;
import io.campaignrelay.textlocal.TextLocalCampaignRun;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalIntegrationSettings;
import io.campaignrelay.textlocal.TextLocalTemplateSource;
import io.campaignrelay.textlocal.models.BatchStatus;
import io.campaignrelay.textlocal.models.CustomField;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo against real endpoints, configured by environment variables (listed in {@link Demo}).
 * TEST mode (the default) reads from the vendors and writes every rendered message to the SDK's
 * message log; nothing is sent, no template is written to Optimove and no integration setting is
 * changed. LIVE ({@code --live}) syncs the templates and sends.
 *
 * <p>Every missing or invalid variable is reported at once, naming the variable and the fix, before
 * any call; keys are read into {@link Secret}s and never printed.
 */
final class RealEndpoints {

  private RealEndpoints() {}

  /**
   * Whether the environment asks for real endpoints.
   *
   * @param env the environment
   * @return true when the Optimove key and a vendor key are set
   */
  static boolean configured(Map<String, String> env) {
    return present(env, "OPTIMOVE_API_KEY")
        && (present(env, "DELIVYR_API_KEY") || present(env, "TEXTLOCAL_API_KEY"));
  }

  private static boolean present(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  /**
   * Runs the configured flows.
   *
   * @param env the environment
   * @param live really send
   * @param out where to print
   * @throws ConfigurationException listing every missing or invalid variable
   */
  static void run(Map<String, String> env, boolean live, PrintStream out) {
    ExecutionMode mode = live ? ExecutionMode.LIVE : ExecutionMode.TEST;
    List<ConfigurationProblem> problems = new ArrayList<>();
    require(env, problems, "OPTIMOVE_ENDPOINT", "the tenant's https://api<N>.optimove.net/");
    if (present(env, "DELIVYR_API_KEY")) {
      require(env, problems, "DELIVYR_ENDPOINT", "Delivyr's API base URL");
      require(env, problems, "DELIVYR_CAMPAIGN_ID", "a scheduled Optimove campaign on 452");
      require(env, problems, "DELIVYR_TEMPLATE_ID", "its Optimove TemplateID or Delivyr id");
    }
    if (present(env, "TEXTLOCAL_API_KEY")) {
      for (String name :
          List.of(
              "TEXTLOCAL_USERNAME",
              "TEXTLOCAL_PASSWORD",
              "TEXTLOCAL_GROUP_ID",
              "TEXTLOCAL_GROUP_NAME",
              "TEXTLOCAL_CHANNEL_ID",
              "TEXTLOCAL_CAMPAIGN_ID",
              "TEXTLOCAL_TEMPLATE_ID")) {
        require(env, problems, name, "see Demo --help");
      }
    }
    ConfigurationException.throwIfAny("demo environment", problems);

    out.println(
        "Campaign Relay demo against real endpoints, "
            + mode
            + (live
                ? " (messages are really sent)"
                : " mode: nothing is sent (add --live to send)"));
    OptimoveClient optimove =
        OptimoveClient.builder()
            .endpoint(env.get("OPTIMOVE_ENDPOINT"))
            .credential(Secret.of(env.get("OPTIMOVE_API_KEY")))
            .buildClient();
    if (present(env, "DELIVYR_API_KEY")) {
      delivyr(env, mode, optimove, out);
    }
    if (present(env, "TEXTLOCAL_API_KEY")) {
      textLocal(env, mode, optimove, out);
    }
  }

  private static void require(
      Map<String, String> env, List<ConfigurationProblem> problems, String name, String what) {
    if (!present(env, name)) {
      problems.add(ConfigurationProblem.of(name, null, "set it to " + what));
    }
  }

  private static void delivyr(
      Map<String, String> env, ExecutionMode mode, OptimoveClient optimove, PrintStream out) {
    out.println();
    out.println("== Delivyr");
    List<String> attributes =
        List.of(env.getOrDefault("DELIVYR_ATTRIBUTES", "MOBILE_NUMBER,FIRST_NAME").split(","));
    OptimoveIntegrationSettings.Builder sb =
        OptimoveIntegrationSettings.builder()
            .testingMode(!mode.isLive())
            .apiEndpoint(env.get("OPTIMOVE_ENDPOINT"))
            .apiKey(Secret.of(env.get("OPTIMOVE_API_KEY")), OptimoveAccessType.INTEGRATIONS)
            .customerAttributes(attributes);
    if (present(env, "OPTIMOVE_TENANT_ID") || present(env, "OPTIMOVE_TENANT_TOKEN")) {
      sb.tenant(
          env.get("OPTIMOVE_TENANT_ID"),
          present(env, "OPTIMOVE_TENANT_TOKEN")
              ? Secret.of(env.get("OPTIMOVE_TENANT_TOKEN"))
              : null);
    }
    OptimoveIntegrationSettings settings = sb.build();
    out.println("  settings validated: " + settings);
    DelivyrClient delivyr =
        DelivyrClient.builder()
            .endpoint(env.get("DELIVYR_ENDPOINT"))
            .credential(Secret.of(env.get("DELIVYR_API_KEY")))
            .buildClient();
    if (present(env, "DELIVYR_SAMPLE_CUSTOMER_ID")) {
      out.println(
          "  find attributes: "
              + delivyr
                  .checkOptimoveAttributes(settings, env.get("DELIVYR_SAMPLE_CUSTOMER_ID"))
                  .summary());
    }
    DelivyrTemplateSync sync = DelivyrTemplateSync.create(delivyr, optimove);
    if (mode.isLive()) {
      sync.sync()
          .forEach(
              (channel, list) ->
                  out.println("  templates synced to " + channel + ": " + list.size()));
    } else {
      out.println(
          "  approved templates that a LIVE run syncs to 452/250: "
              + sync.approvedTemplates().size());
    }
    String templateArg = env.get("DELIVYR_TEMPLATE_ID").strip();
    long optimoveTemplateId =
        TemplateIdMapping.isValidDelivyrId(templateArg)
            ? TemplateIdMapping.toOptimoveTemplateId(templateArg)
            : Long.parseLong(templateArg);
    String delivyrId = TemplateIdMapping.toDelivyrId(optimoveTemplateId);
    Template template =
        DelivyrTemplateSource.create(delivyr)
            .template(TemplateId.of(delivyrId))
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "demo environment",
                        ConfigurationProblem.of(
                            "DELIVYR_TEMPLATE_ID",
                            templateArg,
                            "Delivyr has no template " + delivyrId + ": give an approved one")));
    Campaign campaign =
        Campaign.builder()
            .kind(CampaignKind.SCHEDULED)
            .id(CampaignId.of(env.get("DELIVYR_CAMPAIGN_ID").strip()))
            .channel(ChannelId.SCHEDULED_SMS)
            .templateId(TemplateId.of(optimoveTemplateId))
            .sendTime(Instant.now())
            .build();
    Progress bar = Progress.start(out, Progress.onConsole(), "Delivyr " + mode, 0, "customers");
    InMemoryMessageLog log = new InMemoryMessageLog();
    CampaignExecutor.Builder executor =
        CampaignExecutor.builder()
            .targetSource(
                OptimoveTargetSource.builder()
                    .client(optimove)
                    .customerAttributes(settings.customerAttributes())
                    .phoneAttribute(settings.phoneNumberAttribute())
                    .build())
            .messageLog(log)
            .listener(bar);
    if (mode.isLive()) {
      executor.channel(DelivyrMessageChannel.create(delivyr, ExecutionMode.LIVE));
    }
    ExecutionReport report =
        executor
            .build()
            .execute(campaign, id -> id.equals(campaign.templateId()) ? template : null, mode);
    bar.finish(report.toString());
    print(out, "Delivyr campaign " + campaign.id(), report);
  }

  private static void textLocal(
      Map<String, String> env, ExecutionMode mode, OptimoveClient optimove, PrintStream out) {
    out.println();
    out.println("== TextLocal");
    TextLocalIntegrationSettings.Builder sb =
        TextLocalIntegrationSettings.builder()
            .apiKey(Secret.of(env.get("TEXTLOCAL_API_KEY")))
            .username(env.get("TEXTLOCAL_USERNAME"))
            .password(Secret.of(env.get("TEXTLOCAL_PASSWORD")))
            .apiLoginUrl(env.getOrDefault("TEXTLOCAL_ENDPOINT", TextLocalClient.UK_ENDPOINT))
            .contactGroup(env.get("TEXTLOCAL_GROUP_ID"), env.get("TEXTLOCAL_GROUP_NAME"))
            .keyField(
                CustomField.valueOf(
                    env.getOrDefault("TEXTLOCAL_KEY_FIELD", "custom1").toUpperCase(Locale.ROOT)));
    if (present(env, "TEXTLOCAL_PREFIX")) {
      sb.contactGroupPrefix(env.get("TEXTLOCAL_PREFIX"));
    }
    if (present(env, "TEXTLOCAL_SENDER")) {
      sb.senderName(env.get("TEXTLOCAL_SENDER"));
    }
    TextLocalIntegrationSettings settings = sb.build();
    out.println("  settings validated: " + settings);
    TextLocalClient client =
        TextLocalClient.builder()
            .clientOptions(io.campaignrelay.core.http.ClientOptions.defaults())
            .endpoint(settings.apiLoginUrl())
            .credential(settings.credential())
            .buildClient();
    TemplateImport imported =
        new TextLocalTemplateSource(client, settings.routing()).importTemplates();
    List<Template> mine = imported.templatesOf(settings.groupId());
    out.println("  template import: " + mine.size() + " templates for group " + settings.groupId());
    String templateId = env.get("TEXTLOCAL_TEMPLATE_ID").strip();
    Template template =
        mine.stream()
            .filter(t -> t.id().value().equals(templateId))
            .findFirst()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "demo environment",
                        ConfigurationProblem.of(
                            "TEXTLOCAL_TEMPLATE_ID",
                            templateId,
                            "is not among the group's imported templates: check the prefix")));
    ChannelId channel = ChannelId.of(Integer.parseInt(env.get("TEXTLOCAL_CHANNEL_ID").strip()));
    Campaign campaign =
        Campaign.builder()
            .kind(CampaignKind.SCHEDULED)
            .id(CampaignId.of(env.get("TEXTLOCAL_CAMPAIGN_ID").strip()))
            .channel(channel)
            .templateId(template.id())
            .sendTime(Instant.now())
            .build();
    TextLocalCampaignFlow flow =
        TextLocalCampaignFlow.builder().client(client).settings(settings).build();
    ContactIndex index = ContactIndex.load(client, flow.groupFor(template), settings.keyField());
    Progress bar = Progress.start(out, Progress.onConsole(), "TextLocal " + mode, 0, "customers");
    TextLocalCampaignRun run;
    try (Stream<Recipient> recipients =
        OptimoveTargetSource.builder()
            .client(optimove)
            .customerAttributes(List.of("FIRST_NAME"))
            .build()
            .recipients(campaign)) {
      run = flow.run(campaign, template, recipients, index, mode, bar);
    }
    CampaignDispatch d = run.dispatch();
    bar.finish(run.toString());
    run.report().ifPresent(r -> print(out, "TextLocal campaign " + campaign.id(), r));
    if (mode.isLive()) {
      long delivered = 0;
      long undelivered = 0;
      for (String batch : new java.util.LinkedHashSet<>(d.batchIds())) {
        BatchStatus s = client.getBatchStatus(batch);
        delivered += s.numDelivered();
        undelivered += s.numUndelivered();
      }
      out.println(
          "  first status pull: delivered "
              + delivered
              + ", undelivered "
              + undelivered
              + " (pull daily for 7 days with TextLocalMetricsCollector)");
    }
  }

  private static void print(PrintStream out, String title, ExecutionReport report) {
    Map<String, String> sources = CampaignTable.testSources(report.droppedByReason().toString());
    if (report.mode().isLive()) {
      sources.put("Delivered", "arrives later: receipts, webhooks or daily pulls");
      sources.put("Bounced", "arrives later");
      sources.put("Clicked", "arrives later");
      sources.put("Unsubscribed", "arrives later");
    }
    Map<String, String> notes = new LinkedHashMap<>(CampaignTable.notReported());
    notes.putIfAbsent(EngagementMetric.SENT.displayName(), "derived");
    new CampaignTable(
            title,
            report.campaignId().value(),
            report.mode(),
            report.targeted(),
            report.dropped(),
            report.logged(),
            CampaignTable.NOT_REPORTED,
            CampaignTable.NOT_REPORTED,
            CampaignTable.NOT_REPORTED,
            CampaignTable.NOT_REPORTED,
            sources,
            notes)
        .print(out);
  }
}
