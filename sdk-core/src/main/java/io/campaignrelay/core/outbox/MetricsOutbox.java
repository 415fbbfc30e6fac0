package io.campaignrelay.core.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Port: metric writes that could not be delivered yet, kept until they are. A writer appends an
 * entry before (or instead of) trying to deliver it, delivers what is {@link #pending(String, int)}
 * and {@link #acknowledge(Collection) acknowledges} each entry as soon as the receiver accepted it.
 * {@link OutboxDelivery#deliver} is that loop.
 *
 * <p>Contract for every implementation (in memory, file, database):
 *
 * <ul>
 *   <li><b>Durable on return.</b> When {@link #append(List)} or {@link #acknowledge(Collection)}
 *       returns, the change survives what the implementation promises (the file and a database: a
 *       process crash and, with their default durability, a power loss). On failure they throw a
 *       {@link io.campaignrelay.core.CampaignRelayException} and change nothing.
 *   <li><b>Once per id.</b> An id is held at most once: appending an id that is pending, or that
 *       was acknowledged within {@link #retention()}, changes nothing. An acknowledged entry is
 *       never returned by {@link #pending(String, int)} again.
 *   <li><b>In order.</b> {@link #pending(String, int)} returns a topic's entries in the order they
 *       were first appended, oldest first.
 *   <li><b>At least once in between.</b> An entry delivered but not yet acknowledged (a crash
 *       between the two) is returned again and delivered again. Writers keep that window small
 *       (acknowledge right after the receiver's answer) and say in their documentation whether the
 *       receiver deduplicates.
 *   <li><b>One deliverer.</b> {@link #pending(String, int)} does not claim entries: run one
 *       delivery per outbox at a time (a database implementation shared by several processes adds a
 *       lease, for example {@code SELECT ... FOR UPDATE SKIP LOCKED}, or the runtime runs a single
 *       flush job).
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface MetricsOutbox {

  /**
   * The default {@link #retention()}: 8 days, one more than the 7 days within which Optimove
   * accepts an engagement event, so a repeat is ignored for as long as it could still be delivered.
   */
  Duration DEFAULT_RETENTION = Duration.ofDays(8);

  /**
   * Adds entries, in order. Ids already pending or acknowledged within {@link #retention()} are
   * skipped.
   *
   * @param entries the entries
   * @return how many were added
   * @throws io.campaignrelay.core.CampaignRelayException if they cannot be stored (none is added)
   */
  int append(List<OutboxEntry> entries);

  /**
   * The oldest pending entries of a topic.
   *
   * @param topic the topic
   * @param max at most this many, 1 or more
   * @return the entries, oldest first; empty when none waits
   */
  List<OutboxEntry> pending(String topic, int max);

  /**
   * Marks entries delivered: they are never returned again, and their ids are remembered for {@link
   * #retention()} so that a repeat is ignored. Unknown ids are ignored.
   *
   * @param ids the ids
   * @throws io.campaignrelay.core.CampaignRelayException if this cannot be stored (nothing changes;
   *     the entries will be delivered again)
   */
  void acknowledge(Collection<String> ids);

  /**
   * How many entries wait, all topics together.
   *
   * @return the depth
   */
  long depth();

  /**
   * How many entries of a topic wait.
   *
   * @param topic the topic
   * @return the depth
   */
  long depth(String topic);

  /**
   * How long acknowledged ids are remembered to ignore a repeated append.
   *
   * @return the retention
   */
  Duration retention();
}
