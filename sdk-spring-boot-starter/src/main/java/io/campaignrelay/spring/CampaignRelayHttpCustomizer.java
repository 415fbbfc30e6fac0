package io.campaignrelay.spring;

import okhttp3.OkHttpClient;

/**
 * Adjusts the OkHttp client a Campaign Relay client is built on (the SDK adds its own retry,
 * logging and rate-limit interceptors inside it). The starter's metrics are one; a host may add
 * beans of its own, e.g. for a proxy. Applied in {@code @Order} order.
 */
@FunctionalInterface
public interface CampaignRelayHttpCustomizer {

  /**
   * Customizes the builder for one vendor's client.
   *
   * @param vendor {@code optimove}, {@code textlocal} or {@code delivyr}
   * @param builder the builder to change
   */
  void customize(String vendor, OkHttpClient.Builder builder);
}
