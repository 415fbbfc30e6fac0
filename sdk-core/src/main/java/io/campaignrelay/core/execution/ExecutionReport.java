package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one run of {@link CampaignExecutor} did. Immutable.
 *
 * <p>Counts: {@link #targeted()} recipients came from the target source in this run; each ended in
 * exactly one of {@link #dispatched()} (LIVE, accepted by the channel), {@link #logged()} (TEST,
 * written to the message log), {@link #dropped()} (by reason), {@link #skipped()} (done in an
 * earlier run), {@link #uncertain()} (handed to a non-deduplicating channel before a crash; not
 * re-sent) or {@link #duplicates()} (the same customer twice in one target list).
 */
public final class ExecutionReport {
  private final CampaignId campaignId;
  private final ExecutionMode mode;
  private final String channel;
  private final Instant startedAt;
  private final Instant finishedAt;
  private final long targeted;
  private final long dispatched;
  private final long logged;
  private final Map<RejectionReason, Long> droppedByReason;
  private final long skipped;
  private final long uncertain;
  private final long resent;
  private final long duplicates;
  private final Set<String> batchIds;

  ExecutionReport(
      CampaignId campaignId,
      ExecutionMode mode,
      String channel,
      Instant startedAt,
      Instant finishedAt,
      long targeted,
      long dispatched,
      long logged,
      Map<RejectionReason, Long> droppedByReason,
      long skipped,
      long uncertain,
      long resent,
      long duplicates,
      Set<String> batchIds) {
    this.campaignId = campaignId;
    this.mode = mode;
    this.channel = channel;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.targeted = targeted;
    this.dispatched = dispatched;
    this.logged = logged;
    EnumMap<RejectionReason, Long> copy = new EnumMap<>(RejectionReason.class);
    copy.putAll(droppedByReason);
    this.droppedByReason = Collections.unmodifiableMap(copy);
    this.skipped = skipped;
    this.uncertain = uncertain;
    this.resent = resent;
    this.duplicates = duplicates;
    this.batchIds = Collections.unmodifiableSet(new LinkedHashSet<>(batchIds));
  }

  /**
   * The campaign.
   *
   * @return its id
   */
  public CampaignId campaignId() {
    return campaignId;
  }

  /**
   * TEST or LIVE.
   *
   * @return the mode of the run
   */
  public ExecutionMode mode() {
    return mode;
  }

  /**
   * The channel's name, or {@code "message-log"} in TEST mode.
   *
   * @return the name
   */
  public String channel() {
    return channel;
  }

  /**
   * When the run started, on the executor's clock.
   *
   * @return the instant
   */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * When the run finished, on the executor's clock.
   *
   * @return the instant
   */
  public Instant finishedAt() {
    return finishedAt;
  }

  /**
   * The run's duration on the executor's clock.
   *
   * @return the duration
   */
  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }

  /**
   * Recipients that came from the target source in this run.
   *
   * @return the count
   */
  public long targeted() {
    return targeted;
  }

  /**
   * Recipients accepted by the channel (LIVE).
   *
   * @return the count
   */
  public long dispatched() {
    return dispatched;
  }

  /**
   * Recipients written to the message log and never sent (TEST).
   *
   * @return the count
   */
  public long logged() {
    return logged;
  }

  /**
   * Dropped recipients by reason.
   *
   * @return an unmodifiable map without zero counts
   */
  public Map<RejectionReason, Long> droppedByReason() {
    return droppedByReason;
  }

  /**
   * All dropped recipients.
   *
   * @return the count
   */
  public long dropped() {
    long n = 0;
    for (long v : droppedByReason.values()) {
      n += v;
    }
    return n;
  }

  /**
   * Recipients already done in an earlier run of the same campaign (resume).
   *
   * @return the count
   */
  public long skipped() {
    return skipped;
  }

  /**
   * Recipients whose earlier send has an unknown outcome on a channel that cannot deduplicate; not
   * re-sent.
   *
   * @return the count
   */
  public long uncertain() {
    return uncertain;
  }

  /**
   * Recipients whose earlier send had an unknown outcome and were sent again with the same
   * idempotency key on a deduplicating channel.
   *
   * @return the count (included in {@link #dispatched()} or {@link #dropped()})
   */
  public long resent() {
    return resent;
  }

  /**
   * Repeated customer ids in the target list, processed once.
   *
   * @return the count
   */
  public long duplicates() {
    return duplicates;
  }

  /**
   * The vendor batch ids of the run, in order.
   *
   * @return an unmodifiable set
   */
  public Set<String> batchIds() {
    return batchIds;
  }

  /**
   * The marketing platform's "Sent": targeted minus dropped (the SMS-channel guide's rule; "Sent"
   * itself is never reported).
   *
   * @return targeted - dropped
   */
  public long sentDerived() {
    return targeted - dropped();
  }

  @Override
  public String toString() {
    return "ExecutionReport{campaign="
        + campaignId
        + ", mode="
        + mode
        + ", channel="
        + channel
        + ", targeted="
        + targeted
        + ", dispatched="
        + dispatched
        + ", logged="
        + logged
        + ", dropped="
        + droppedByReason
        + ", skipped="
        + skipped
        + ", uncertain="
        + uncertain
        + ", resent="
        + resent
        + ", duplicates="
        + duplicates
        + ", batches="
        + batchIds.size()
        + '}';
  }
}
