package io.campaignrelay.core.outbox;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers what waits in a {@link MetricsOutbox}: the oldest entries of a topic, batch by batch, in
 * order, acknowledging each batch as soon as the receiver accepted it and stopping at the first
 * failure (the failed batch and everything after it stay pending for the next delivery).
 */
public final class OutboxDelivery {

  /** Sends one batch to its receiver. */
  @FunctionalInterface
  public interface Sender {
    /**
     * Sends the batch. Returning means the receiver accepted every entry of it (entries the sender
     * chose to leave out, for example ones too old for the receiver, are acknowledged too).
     *
     * @param batch the entries, oldest first
     * @throws RuntimeException if the receiver did not accept the batch; it stays pending
     */
    void send(List<OutboxEntry> batch);
  }

  /** What one delivery did. Immutable. */
  public static final class Result {
    private final String topic;
    private final long delivered;
    private final long remaining;
    private final RuntimeException failure;

    private Result(String topic, long delivered, long remaining, RuntimeException failure) {
      this.topic = topic;
      this.delivered = delivered;
      this.remaining = remaining;
      this.failure = failure;
    }

    /**
     * The topic delivered.
     *
     * @return the topic
     */
    public String topic() {
      return topic;
    }

    /**
     * How many entries were delivered and acknowledged.
     *
     * @return the count
     */
    public long delivered() {
      return delivered;
    }

    /**
     * How many entries of the topic still wait.
     *
     * @return the depth after the delivery
     */
    public long remaining() {
      return remaining;
    }

    /**
     * Why the delivery stopped early.
     *
     * @return the failure of the first batch that was not delivered (or not acknowledged), or empty
     *     when everything waiting went out
     */
    public Optional<RuntimeException> failure() {
      return Optional.ofNullable(failure);
    }

    /**
     * Whether nothing failed.
     *
     * @return true if the delivery ran until the topic was empty
     */
    public boolean isComplete() {
      return failure == null;
    }

    /**
     * Combines this result with another topic's (for a writer with several topics).
     *
     * @param other the other result
     * @return the sums, with this result's failure if any, else the other's
     */
    public Result and(Result other) {
      Objects.requireNonNull(other, "other");
      return new Result(
          topic + "+" + other.topic,
          delivered + other.delivered,
          remaining + other.remaining,
          failure != null ? failure : other.failure);
    }

    @Override
    public String toString() {
      return "OutboxDelivery.Result{"
          + topic
          + ": delivered="
          + delivered
          + ", remaining="
          + remaining
          + (failure == null ? "" : ", failure=" + failure.getClass().getSimpleName())
          + '}';
    }
  }

  private OutboxDelivery() {}

  /**
   * Delivers the topic's waiting entries, in order, until none waits or a batch fails.
   *
   * @param outbox the outbox
   * @param topic the topic
   * @param batchSize the entries per batch, 1 or more
   * @param sender sends one batch
   * @return what was delivered and, if it stopped early, why
   * @throws ConfigurationException if the batch size is below 1
   */
  public static Result deliver(MetricsOutbox outbox, String topic, int batchSize, Sender sender) {
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(sender, "sender");
    if (batchSize < 1) {
      throw new ConfigurationException(
          "metrics outbox delivery",
          ConfigurationProblem.of("batchSize", batchSize, "give 1 or more"));
    }
    long delivered = 0;
    String previousFirst = null;
    while (true) {
      List<OutboxEntry> batch = outbox.pending(topic, batchSize);
      if (batch.isEmpty()) {
        return new Result(topic, delivered, 0, null);
      }
      if (batch.get(0).id().equals(previousFirst)) {
        return new Result(
            topic,
            delivered,
            outbox.depth(topic),
            new IllegalStateException(
                "the outbox returned entry "
                    + previousFirst
                    + " again after it was acknowledged; stopped to avoid sending it twice"));
      }
      previousFirst = batch.get(0).id();
      try {
        sender.send(batch);
      } catch (RuntimeException e) {
        return new Result(topic, delivered, outbox.depth(topic), e);
      }
      List<String> ids = new ArrayList<>(batch.size());
      batch.forEach(e -> ids.add(e.id()));
      try {
        outbox.acknowledge(ids);
      } catch (RuntimeException e) {
        return new Result(topic, delivered, outbox.depth(topic), e);
      }
      delivered += batch.size();
    }
  }
}
