package io.campaignrelay.delivyr;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.metrics.DeliveryOutcome;
import io.campaignrelay.core.metrics.EngagementMetric;
import io.campaignrelay.delivyr.models.WebhookCampaign;
import io.campaignrelay.delivyr.models.WebhookEvent;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.models.EngagementEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports Delivyr's webhook events to Optimove through the External Vendors Campaign Engagement
 * Metrics ({@link EngagementMetricsClient}), following {@link DelivyrMetrics}' table: Delivered,
 * Clicked (one event per click), Dropped (rejected), Bounced (undelivered) and Unsubscribed (opt
 * out). Opened, Sent and Spam Reported are never reported.
 *
 * <p>Each event carries the customer, the webhook event's time and a context with {@code
 * campaignId}, {@code channelId} and {@code templateId} when Delivyr gave them (INFERRED context
 * keys: Optimove's list was not published). Events without a customer are skipped. Thread-safe.
 */
public final class DelivyrMetricsReporter {

  private final EngagementMetricsClient metrics;

  private DelivyrMetricsReporter(EngagementMetricsClient metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Creates the reporter.
   *
   * @param metrics the Optimove engagement metrics client (tenant id and token)
   * @return the reporter
   */
  public static DelivyrMetricsReporter create(EngagementMetricsClient metrics) {
    return new DelivyrMetricsReporter(metrics);
  }

  /**
   * Creates the reporter from the integration settings' tenant id and tenant token.
   *
   * @param settings settings with the tenant id and token configured
   * @param clientOptions transport options for the engagement metrics endpoint (clock, retries)
   * @return the reporter
   * @throws ConfigurationException if the settings have no tenant id and token
   */
  public static DelivyrMetricsReporter create(
      OptimoveIntegrationSettings settings, ClientOptions clientOptions) {
    Objects.requireNonNull(settings, "settings");
    if (settings.tenantId().isEmpty() || settings.tenantToken().isEmpty()) {
      throw new ConfigurationException(
          "Delivyr metrics reporting",
          ConfigurationProblem.of(
              "tenantId",
              null,
              "engagement metrics are signed with the tenant token: set tenant(id, token) in the"
                  + " integration settings (ask your Optimove account manager)"));
    }
    return new DelivyrMetricsReporter(
        EngagementMetricsClient.builder()
            .tenantId(settings.tenantId().get())
            .tenantToken(settings.tenantToken().get())
            .clientOptions(clientOptions)
            .buildClient());
  }

  /**
   * The engagement event a webhook event is reported as.
   *
   * @param event the verified webhook event
   * @return the engagement event, or empty when the table does not report it or it has no customer
   */
  public static Optional<EngagementEvent> engagementEventOf(WebhookEvent event) {
    Objects.requireNonNull(event, "event");
    String customer = event.data().customerId();
    if (customer == null || customer.isBlank() || event.createdAt() == null) {
      return Optional.empty();
    }
    DeliveryOutcome outcome = DelivyrMetrics.outcomeOf(event.type(), event.data().reason());
    Optional<EngagementMetric> metric = DelivyrMetrics.metricOf(outcome);
    if (metric.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> context = new LinkedHashMap<>();
    WebhookCampaign c = event.data().campaign();
    if (c != null) {
      if (c.optimoveCampaignId() != null) {
        context.put("campaignId", c.optimoveCampaignId());
      }
      if (c.channelId() != null) {
        context.put("channelId", c.channelId());
      }
      if (c.optimoveTemplateId() != null) {
        context.put("templateId", c.optimoveTemplateId());
      }
    }
    return Optional.of(
        EngagementEvent.forCustomer(metric.get(), customer, event.createdAt(), context));
  }

  /**
   * Reports webhook events; those the table does not report are skipped.
   *
   * @param events verified webhook events
   * @return the engagement events sent, in order
   */
  public List<EngagementEvent> report(List<WebhookEvent> events) {
    List<EngagementEvent> out = new ArrayList<>(events.size());
    for (WebhookEvent e : events) {
      engagementEventOf(e).ifPresent(out::add);
    }
    if (!out.isEmpty()) {
      metrics.saveEvents(out);
    }
    return out;
  }

  /**
   * Reports one webhook event.
   *
   * @param event a verified webhook event
   * @return the engagement event sent, or empty when it is not reported
   */
  public Optional<EngagementEvent> report(WebhookEvent event) {
    List<EngagementEvent> sent = report(List.of(event));
    return sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(0));
  }

  @Override
  public String toString() {
    return "DelivyrMetricsReporter{" + metrics + '}';
  }
}
