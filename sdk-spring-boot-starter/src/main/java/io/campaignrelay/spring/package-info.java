/**
 * Spring Boot 4 auto-configuration for Campaign Relay: {@code campaignrelay.*} properties checked
 * at startup ({@link io.campaignrelay.spring.CampaignRelayProperties}, {@link
 * io.campaignrelay.spring.CampaignRelayFailureAnalyzer}), the clients, the Delivyr and TextLocal
 * runtimes ({@link io.campaignrelay.spring.CampaignRelayRuntimeAutoConfiguration}, each on its own
 * sdk-jdbc tables and db-scheduler), the inbound endpoints mapped onto the runtimes'
 * framework-neutral handlers ({@link io.campaignrelay.spring.CampaignRelayInbound}), JDBC state,
 * health, info and Micrometer metrics ({@link io.campaignrelay.spring.CampaignRelayMetrics}). The
 * SDK's other modules know nothing of Spring.
 */
package io.campaignrelay.spring;
