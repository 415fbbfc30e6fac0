package io.campaignrelay.spring;

import io.campaignrelay.core.outbox.MetricsOutbox;

/**
 * Told by the starter about each runtime's durable state once it is open, e.g. to watch its metrics
 * outbox ({@link CampaignRelayMetrics} registers {@code campaignrelay.outbox.depth} from it). A
 * bean of this type, if any, is called once per runtime the starter builds.
 */
public interface CampaignRelayStateListener {

  /**
   * A runtime's metrics outbox is open.
   *
   * @param vendor {@code delivyr} or {@code textlocal}
   * @param outbox the outbox (its {@link MetricsOutbox#depth()} reads the database)
   */
  void onOutbox(String vendor, MetricsOutbox outbox);
}
