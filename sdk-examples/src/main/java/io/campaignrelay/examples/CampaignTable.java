package io.campaignrelay.examples;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.core.metrics.MetricsMapping;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One campaign's metrics as the demo prints them: Targeted, Sent (derived = Targeted - Dropped),
 * Delivered, Dropped, Bounced, Clicked, Unsubscribed, and the metrics not reported with why.
 *
 * <p>A value of {@link #NOT_REPORTED} means the metric is not available for this vendor or mode;
 * {@link #notes()} then says why. In TEST mode nothing is sent, so only Targeted, Dropped, Sent and
 * {@link #logged()} carry numbers.
 *
 * @param title e.g. {@code Delivyr scheduled campaign 1002 (channel 452)}
 * @param campaignId the campaign id
 * @param mode TEST or LIVE
 * @param targeted customers targeted
 * @param dropped customers dropped (before sending or rejected by the vendor)
 * @param logged messages written to the message log (TEST), else 0
 * @param delivered Delivered, or {@link #NOT_REPORTED}
 * @param bounced Bounced, or {@link #NOT_REPORTED}
 * @param clicked Clicked (one per click), or {@link #NOT_REPORTED}
 * @param unsubscribed Unsubscribed, or {@link #NOT_REPORTED}
 * @param sources where each reported number comes from, by row name
 * @param notes why each metric shown as not reported is not reported, by metric name
 */
record CampaignTable(
    String title,
    String campaignId,
    ExecutionMode mode,
    long targeted,
    long dropped,
    long logged,
    long delivered,
    long bounced,
    long clicked,
    long unsubscribed,
    Map<String, String> sources,
    Map<String, String> notes) {

  /** Marks a metric that is not reported. */
  static final long NOT_REPORTED = -1;

  /** Copies the maps. */
  CampaignTable {
    Objects.requireNonNull(title, "title");
    sources = new LinkedHashMap<>(sources);
    notes = new LinkedHashMap<>(notes);
  }

  /**
   * A TEST table: the runtime's message log against the campaign's targets.
   *
   * @param title the title
   * @param campaign the campaign
   * @param targeted customers targeted (or triggers received)
   * @param logged messages in the message log
   * @return the table
   */
  static CampaignTable test(String title, CampaignId campaign, long targeted, long logged) {
    Map<String, String> sources = testSources("engine checks before sending");
    return new CampaignTable(
        title,
        campaign.value(),
        ExecutionMode.TEST,
        targeted,
        targeted - logged,
        logged,
        NOT_REPORTED,
        NOT_REPORTED,
        NOT_REPORTED,
        NOT_REPORTED,
        sources,
        notReported());
  }

  /**
   * A LIVE Delivyr table: the engagement events Optimove received for the campaign (context key
   * {@value OptimoveMetricsSink#CAMPAIGN_KEY}).
   *
   * @param world the fakes
   * @param title the title
   * @param campaignId Optimove's campaign id
   * @param targeted customers targeted (or triggers received)
   * @param targetSource where Targeted comes from
   * @return the table
   */
  static CampaignTable fromEngagementEvents(
      OfflineVendors world, String title, String campaignId, long targeted, String targetSource) {
    Map<String, Long> c = new HashMap<>();
    for (io.campaignrelay.testkit.EngagementEvent e : world.optimove().receivedEvents()) {
      if (e.context().path(OptimoveMetricsSink.CAMPAIGN_KEY).asText().equals(campaignId)) {
        c.merge(e.event(), 1L, Long::sum);
      }
    }
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
        campaignId,
        ExecutionMode.LIVE,
        targeted,
        c.getOrDefault(EngagementMetric.DROPPED.displayName(), 0L),
        0,
        c.getOrDefault(EngagementMetric.DELIVERED.displayName(), 0L),
        c.getOrDefault(EngagementMetric.BOUNCED.displayName(), 0L),
        c.getOrDefault(EngagementMetric.CLICKED.displayName(), 0L),
        c.getOrDefault(EngagementMetric.UNSUBSCRIBED.displayName(), 0L),
        sources,
        notReported());
  }

  /**
   * Optimove's "Sent", derived as the guide says.
   *
   * @return Targeted - Dropped
   */
  long sent() {
    return targeted - dropped;
  }

  /**
   * Prints the table.
   *
   * @param out where to print
   */
  void print(PrintStream out) {
    out.println();
    out.println("  " + title + ", " + mode);
    List<List<String>> rows = new ArrayList<>();
    rows.add(row("Targeted", targeted));
    rows.add(row("Sent", sent()));
    rows.add(row(EngagementMetric.DELIVERED.displayName(), delivered));
    rows.add(row(EngagementMetric.DROPPED.displayName(), dropped));
    rows.add(row(EngagementMetric.BOUNCED.displayName(), bounced));
    rows.add(row(EngagementMetric.CLICKED.displayName(), clicked));
    rows.add(row(EngagementMetric.UNSUBSCRIBED.displayName(), unsubscribed));
    if (mode == ExecutionMode.TEST) {
      rows.add(row("Logged (TEST)", logged));
    }
    Tables.print(out, "  ", List.of("Metric", "Count", "Source"), rows);
    if (!notes.isEmpty()) {
      out.println("  Not reported:");
      notes.forEach((metric, why) -> out.println("    - " + metric + ": " + why));
    }
  }

  private List<String> row(String name, long value) {
    String source = sources.getOrDefault(name, "");
    if (value == NOT_REPORTED) {
      return List.of(name, "-", source.isEmpty() ? "not reported (see below)" : source);
    }
    return List.of(name, Tables.count(value), source);
  }

  /**
   * A LIVE TextLocal table: the counts Optimove received through UpdateCampaignMetrics.
   *
   * @param title the title
   * @param campaignId Optimove's campaign id
   * @param targeted customers targeted
   * @param dropped Dropped reported
   * @param delivered Delivered reported
   * @param bounced Bounced reported
   * @return the table
   */
  static CampaignTable textLocalLive(
      String title, String campaignId, long targeted, long dropped, long delivered, long bounced) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("Targeted", "Optimove target list");
    sources.put("Sent", "derived: Targeted - Dropped");
    sources.put("Delivered", "status_batch num_delivered (D), daily x7 -> UpdateCampaignMetrics");
    sources.put("Dropped", "no contact / bad number before sending + num_invalid (I)");
    sources.put("Bounced", "status_batch num_undelivered (U)");
    Map<String, String> notes = notReported();
    notes.put("Clicked", "TextLocal's status_batch carries delivery states only, no clicks");
    notes.put(
        "Unsubscribed", "TextLocal keeps opt-outs per account (get_optouts), not per campaign");
    notes.put(
        "Pending/Expired/Unknown",
        "not final or not in the guide's table ("
            + Tables.count(targeted - dropped - delivered - bounced)
            + " messages at the end of the week)");
    return new CampaignTable(
        title,
        campaignId,
        ExecutionMode.LIVE,
        targeted,
        dropped,
        0,
        delivered,
        bounced,
        NOT_REPORTED,
        NOT_REPORTED,
        sources,
        notes);
  }

  /**
   * The metrics the SMS channel never reports, with the guide's reason.
   *
   * @return Opened, Sent and Spam Reported with why
   */
  static Map<String, String> notReported() {
    MetricsMapping mapping = MetricsMapping.engagementDefault();
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put(
        EngagementMetric.OPENED.displayName(),
        mapping.notReportedReason(EngagementMetric.OPENED).orElse("not reported"));
    notes.put(EngagementMetric.SENT.displayName(), MetricsMapping.SENT_NOT_REPORTED);
    notes.put(
        EngagementMetric.SPAM_REPORTED.displayName(),
        mapping.notReportedReason(EngagementMetric.SPAM_REPORTED).orElse("not reported"));
    return notes;
  }

  /**
   * The sources of a TEST table.
   *
   * @param dropped where the drops come from
   * @return row name to source
   */
  static Map<String, String> testSources(String dropped) {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("Targeted", "Optimove target list");
    sources.put("Sent", "derived: Targeted - Dropped (would be sent)");
    sources.put("Dropped", dropped);
    sources.put("Logged (TEST)", "message log; never sent");
    String none = "TEST mode: nothing was sent";
    for (String m : List.of("Delivered", "Bounced", "Clicked", "Unsubscribed")) {
      sources.put(m, none);
    }
    return sources;
  }
}
