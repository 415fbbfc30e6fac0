package io.campaignrelay.benchmarks;

import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.delivyr.DelivyrMessageChannel;
import io.campaignrelay.textlocal.TextLocalMessageChannel;

/**
 * The only place the benchmark touches the engine's concurrency API (issue #17): {@code
 * MessageChannel.maxConcurrentBatches()}, the channels' {@code maxConcurrentBatches(int)} and
 * {@code CampaignExecutor.Builder.concurrency(int)}. Everything else goes through here, so that the
 * benchmark reads as a user's code would.
 */
final class ConcurrencyApi {

  private ConcurrencyApi() {}

  /**
   * A TextLocal channel that allows up to {@code max} batches in flight.
   *
   * @param builder the channel's builder, otherwise configured
   * @param max the channel's maximum
   * @return the channel
   */
  static TextLocalMessageChannel textLocal(TextLocalMessageChannel.Builder builder, int max) {
    return builder.maxConcurrentBatches(max).build();
  }

  /**
   * The Delivyr channel as a user builds it, with the channel's default maximum.
   *
   * @param client the client
   * @return the channel
   */
  static DelivyrMessageChannel delivyr(DelivyrClient client) {
    return DelivyrMessageChannel.create(client, ExecutionMode.LIVE);
  }

  /**
   * A Delivyr channel that allows up to {@code max} batches in flight.
   *
   * @param client the client
   * @param max the channel's maximum
   * @return the channel
   */
  static DelivyrMessageChannel delivyr(DelivyrClient client, int max) {
    return DelivyrMessageChannel.builder()
        .client(client)
        .mode(ExecutionMode.LIVE)
        .maxConcurrentBatches(max)
        .build();
  }

  /**
   * Asks the executor for {@code n} batches in flight.
   *
   * @param builder the executor's builder
   * @param n batches in flight
   * @return the builder
   */
  static CampaignExecutor.Builder concurrency(CampaignExecutor.Builder builder, int n) {
    return builder.concurrency(n);
  }

  /**
   * The batches in flight a channel declares safe, which an executor built without {@code
   * concurrency(int)} uses.
   *
   * @param channel the channel
   * @return its maximum
   */
  static int maxConcurrentBatches(MessageChannel channel) {
    return channel.maxConcurrentBatches();
  }
}
