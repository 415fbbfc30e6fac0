package io.campaignrelay.spring;

/**
 * Names of the {@link io.campaignrelay.core.runtime.InboundHandler} beans the starter maps onto its
 * endpoints. A runtime (or the host) registers its handler under one of these names; an endpoint
 * whose handler bean is absent is not mapped (the request gets Spring's 404).
 */
public final class CampaignRelayInbound {

  /**
   * The handler of Optimove's event-listener calls, mapped at {@code
   * campaignrelay.inbound.optimove-events-path}; the Delivyr runtime's {@code
   * optimoveEventHandler()} when a {@code DelivyrRuntime} bean exists.
   */
  public static final String OPTIMOVE_EVENT_HANDLER = "campaignRelayOptimoveEventHandler";

  /**
   * The handler of Delivyr's webhooks, mapped at {@code
   * campaignrelay.delivyr.runtime.webhook-path}.
   */
  public static final String DELIVYR_WEBHOOK_HANDLER = "campaignRelayDelivyrWebhookHandler";

  private CampaignRelayInbound() {}
}
