package io.campaignrelay.spring;

import io.campaignrelay.core.runtime.InboundHandler;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The inbound endpoints as Spring MVC routes: Optimove's event listener at {@code
 * campaignrelay.inbound.optimove-events-path} and Delivyr's webhook at {@code
 * campaignrelay.delivyr.runtime.webhook-path}, each mapped onto the {@link InboundHandler} bean
 * named in {@link CampaignRelayInbound} when there is one. Authenticity (capability token,
 * signature, replay window) is the handler's decision: the route passes the raw bytes untouched.
 */
@AutoConfiguration(after = CampaignRelayAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunctions.class)
public class CampaignRelayWebAutoConfiguration {

  /** Created by Spring. */
  public CampaignRelayWebAutoConfiguration() {}

  /**
   * The routes of the inbound handlers present.
   *
   * @param properties the properties
   * @param beans the bean factory, to find the handlers by name
   * @return the routes (none when no handler is registered)
   */
  @Bean
  public RouterFunction<ServerResponse> campaignRelayInboundRoutes(
      CampaignRelayProperties properties, ListableBeanFactory beans) {
    Map<String, InboundHandler> handlers = beans.getBeansOfType(InboundHandler.class);
    int max = properties.getInbound().getMaxBodyBytes();
    RouterFunctions.Builder routes = RouterFunctions.route();
    InboundHandler events = handlers.get(CampaignRelayInbound.OPTIMOVE_EVENT_HANDLER);
    if (events != null) {
      InboundEndpoint e = new InboundEndpoint("optimove-events", events, max);
      routes.route(
          RequestPredicates.path(properties.getInbound().getOptimoveEventsPath()), e::handle);
    }
    InboundHandler webhook = handlers.get(CampaignRelayInbound.DELIVYR_WEBHOOK_HANDLER);
    if (webhook != null) {
      InboundEndpoint e = new InboundEndpoint("delivyr-webhook", webhook, max);
      routes.route(
          RequestPredicates.path(properties.getDelivyr().getRuntime().getWebhookPath()), e::handle);
    }
    if (events == null && webhook == null) {
      // An empty builder cannot build; a route that never matches keeps the bean's type simple.
      routes.route(request -> false, request -> ServerResponse.notFound().build());
    }
    return routes.build();
  }
}
