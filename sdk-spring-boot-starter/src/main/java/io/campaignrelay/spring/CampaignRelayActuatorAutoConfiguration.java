package io.campaignrelay.spring;

import io.campaignrelay.core.runtime.CampaignLedger;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.textlocal.TextLocalClient;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support: the secrets' sanitizer, a health indicator per configured vendor ({@code
 * optimove}, {@code textlocal}, {@code delivyr}: one read-only call each, never a send) and the
 * {@code campaignrelay} info contributor.
 */
@AutoConfiguration(after = CampaignRelayAutoConfiguration.class)
@ConditionalOnClass(InfoContributor.class)
public class CampaignRelayActuatorAutoConfiguration {

  /** Created by Spring. */
  public CampaignRelayActuatorAutoConfiguration() {}

  /**
   * Masks Campaign Relay's secrets in the env and configprops endpoints.
   *
   * @return the sanitizer
   */
  @Bean
  @ConditionalOnMissingBean(CampaignRelaySanitizer.class)
  public SanitizingFunction campaignRelaySanitizer() {
    return new CampaignRelaySanitizer();
  }

  /**
   * The {@code campaignrelay} section of {@code /actuator/info}.
   *
   * @param properties the properties
   * @param ledger the campaign ledger, when present
   * @param optimove the Optimove client, when configured
   * @param textLocal the TextLocal client, when configured
   * @param delivyr the Delivyr client, when configured
   * @param beans the bean factory, to find the runtimes' state
   * @return the contributor
   */
  @Bean
  @ConditionalOnMissingBean(name = "campaignRelayInfoContributor")
  public InfoContributor campaignRelayInfoContributor(
      CampaignRelayProperties properties,
      ObjectProvider<CampaignLedger> ledger,
      ObjectProvider<OptimoveClient> optimove,
      ObjectProvider<TextLocalClient> textLocal,
      ObjectProvider<DelivyrClient> delivyr,
      ListableBeanFactory beans) {
    return new CampaignRelayInfoContributor(
        properties,
        ledger,
        beans,
        Map.of(
            "optimove", optimove.getIfAvailable() != null,
            "textlocal", textLocal.getIfAvailable() != null,
            "delivyr", delivyr.getIfAvailable() != null));
  }

  /** Health indicators, one per configured client. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService campaignRelayHealthExecutor() {
      return Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "campaignrelay-health");
            t.setDaemon(true);
            return t;
          });
    }

    @Bean(name = "optimoveHealthIndicator")
    @ConditionalOnProperty(prefix = "campaignrelay.optimove", name = "api-key")
    @ConditionalOnMissingBean(name = "optimoveHealthIndicator")
    HealthIndicator optimoveHealthIndicator(
        ObjectProvider<OptimoveClient> client,
        CampaignRelayProperties properties,
        ExecutorService campaignRelayHealthExecutor) {
      return new VendorHealthIndicator(
          "optimove",
          "GetPromotions",
          () -> client.getObject().listPromotions(),
          properties.getHealth().getTimeout(),
          campaignRelayHealthExecutor);
    }

    @Bean(name = "textlocalHealthIndicator")
    @Conditional(VendorPropertiesCondition.TextLocal.class)
    @ConditionalOnMissingBean(name = "textlocalHealthIndicator")
    HealthIndicator textlocalHealthIndicator(
        ObjectProvider<TextLocalClient> client,
        CampaignRelayProperties properties,
        ExecutorService campaignRelayHealthExecutor) {
      return new VendorHealthIndicator(
          "textlocal",
          "balance",
          () -> client.getObject().getBalance(),
          properties.getHealth().getTimeout(),
          campaignRelayHealthExecutor);
    }

    @Bean(name = "delivyrHealthIndicator")
    @ConditionalOnProperty(prefix = "campaignrelay.delivyr", name = "api-key")
    @ConditionalOnMissingBean(name = "delivyrHealthIndicator")
    HealthIndicator delivyrHealthIndicator(
        ObjectProvider<DelivyrClient> client,
        CampaignRelayProperties properties,
        ExecutorService campaignRelayHealthExecutor) {
      return new VendorHealthIndicator(
          "delivyr",
          "GET templates (first page)",
          () -> client.getObject().listTemplates().iterator().hasNext(),
          properties.getHealth().getTimeout(),
          campaignRelayHealthExecutor);
    }
  }
}
