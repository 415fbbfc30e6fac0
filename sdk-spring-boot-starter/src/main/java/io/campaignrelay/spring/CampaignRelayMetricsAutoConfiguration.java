package io.campaignrelay.spring;

import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.runtime.CampaignLedger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics (see {@link CampaignRelayMetrics} for the names), when the application has a
 * {@link MeterRegistry}. Runs before {@link CampaignRelayAutoConfiguration} so the clients and the
 * scheduler are built with its hooks.
 */
@AutoConfiguration(
    before = CampaignRelayAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class CampaignRelayMetricsAutoConfiguration {

  /** Created by Spring. */
  public CampaignRelayMetricsAutoConfiguration() {}

  /**
   * The meters' source: the clients' HTTP interceptors and the scheduler's job listener.
   *
   * @param registry the registry
   * @param ledger the campaign ledger, for the in-flight gauge
   * @return the metrics
   */
  @Bean
  @ConditionalOnMissingBean
  public CampaignRelayMetrics campaignRelayMetrics(
      MeterRegistry registry, ObjectProvider<CampaignLedger> ledger) {
    Gauge.builder(
            "campaignrelay.campaigns.in.flight",
            ledger,
            l -> {
              CampaignLedger c = l.getIfAvailable();
              return c == null ? 0 : c.all().stream().filter(r -> r.sentAt().isEmpty()).count();
            })
        .description("Campaigns in the ledger not yet sent")
        .register(registry);
    return new CampaignRelayMetrics(registry);
  }

  /**
   * The Delivyr runtime's campaign runs counted as {@code campaignrelay.messages{vendor=delivyr}}.
   *
   * @param metrics the metrics
   * @return the listener the runtime is built with
   */
  @Bean(name = "campaignRelayDelivyrExecutionListener")
  @ConditionalOnMissingBean(name = "campaignRelayDelivyrExecutionListener")
  public ExecutionListener campaignRelayDelivyrExecutionListener(CampaignRelayMetrics metrics) {
    return metrics.executionListener("delivyr");
  }

  /**
   * The TextLocal runtime's campaign runs counted as {@code
   * campaignrelay.messages{vendor=textlocal}}.
   *
   * @param metrics the metrics
   * @return the listener the runtime is built with
   */
  @Bean(name = "campaignRelayTextLocalExecutionListener")
  @ConditionalOnMissingBean(name = "campaignRelayTextLocalExecutionListener")
  public ExecutionListener campaignRelayTextLocalExecutionListener(CampaignRelayMetrics metrics) {
    return metrics.executionListener("textlocal");
  }
}
