package io.campaignrelay.spring;

import io.campaignrelay.core.runtime.InboundHandler;
import io.campaignrelay.delivyr.DelivyrRuntime;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * When the application defines a {@link DelivyrRuntime} bean, its handlers become the inbound
 * endpoints' handlers: {@link DelivyrRuntime#optimoveEventHandler()} (Optimove's events 13 and 11)
 * and {@link DelivyrRuntime#webhookHandler()} (Delivyr's signed webhooks), each unless the host
 * registered its own under the name in {@link CampaignRelayInbound}. The runtime is the one {@link
 * CampaignRelayRuntimeAutoConfiguration} builds from the properties, or the host's own bean.
 */
@AutoConfiguration(before = CampaignRelayWebAutoConfiguration.class)
@ConditionalOnClass(DelivyrRuntime.class)
@ConditionalOnBean(DelivyrRuntime.class)
public class CampaignRelayRuntimeHandlersAutoConfiguration {

  /** Created by Spring. */
  public CampaignRelayRuntimeHandlersAutoConfiguration() {}

  /**
   * The Delivyr runtime's Optimove event handler.
   *
   * @param runtime the runtime
   * @return the handler
   */
  @Bean(name = CampaignRelayInbound.OPTIMOVE_EVENT_HANDLER)
  @ConditionalOnMissingBean(name = CampaignRelayInbound.OPTIMOVE_EVENT_HANDLER)
  public InboundHandler campaignRelayOptimoveEventHandler(DelivyrRuntime runtime) {
    return runtime.optimoveEventHandler();
  }

  /**
   * The Delivyr runtime's webhook handler.
   *
   * @param runtime the runtime
   * @return the handler
   */
  @Bean(name = CampaignRelayInbound.DELIVYR_WEBHOOK_HANDLER)
  @ConditionalOnMissingBean(name = CampaignRelayInbound.DELIVYR_WEBHOOK_HANDLER)
  public InboundHandler campaignRelayDelivyrWebhookHandler(DelivyrRuntime runtime) {
    return runtime.webhookHandler();
  }
}
