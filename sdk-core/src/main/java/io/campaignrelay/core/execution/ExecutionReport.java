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
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one run of {@link CampaignExecutor} did. Immutable.
 *
 * <p>Counts: {@link #targeted()} distinct recipients came from the target source in this run; each
 * ended in exactly one of {@link #dispatched()} (LIVE, accepted by the channel, or found sent in
 * the vendor's records), {@link #logged()} (TEST, written to the message log), {@link #dropped()}
 * (by reason), {@link #skipped()} (done in an earlier run) or {@link #uncertain()} (the outcome of
 * its send is unknown and could not be established: never re-sent on a guess). Rows that repeated a
 * recipient are counted apart in {@link #duplicates()}; {@link #targetsComplete()} says whether the
 * rows matched the campaign's targeted count.
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
  private final OptionalLong expectedTargets;
  private final Map<ReconcileResult.Status, Long> reconciled;

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
      Set<String> batchIds,
      OptionalLong expectedTargets,
      Map<ReconcileResult.Status, Long> reconciled) {
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
    this.expectedTargets = expectedTargets;
    EnumMap<ReconcileResult.Status, Long> rc = new EnumMap<>(ReconcileResult.Status.class);
    rc.putAll(reconciled);
    this.reconciled = Collections.unmodifiableMap(rc);
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
   * Recipients whose send has an unknown outcome that neither the vendor's answer nor its records
   * could settle (a lost or unreadable answer, an answer that left them out, a crash after the
   * batch left), on a channel that cannot deduplicate a re-send or where sending again was not
   * possible. Never re-sent on a guess; they stay PENDING in the journal, and a later run asks the
   * vendor's records again.
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
   * Target rows that repeated a customer already received in this run (paging that re-read rows,
   * duplicates in the list), each processed once.
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

  /**
   * The campaign's targeted count, as Optimove gave it, if known.
   *
   * @return the expected number of distinct recipients
   */
  public OptionalLong expectedTargets() {
    return expectedTargets;
  }

  /**
   * Whether the target rows matched the campaign: as many distinct recipients as its targeted count
   * (when known) and no repeated rows. False means paging ended early, re-read rows or the list had
   * duplicates: nobody was sent twice because of it, but recipients may be missing.
   *
   * @return true if the targets look complete
   */
  public boolean targetsComplete() {
    return duplicates == 0
        && (expectedTargets.isEmpty() || expectedTargets.getAsLong() == targeted);
  }

  /**
   * Verdicts of the vendor's records on messages whose earlier send was unknown, by status (see
   * {@link MessageChannel#reconcile(java.util.List)}).
   *
   * @return counts by verdict; absent verdicts are not in the map
   */
  public Map<ReconcileResult.Status, Long> reconciled() {
    return reconciled;
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
        + (expectedTargets.isPresent() ? ", expected=" + expectedTargets.getAsLong() : "")
        + (reconciled.isEmpty() ? "" : ", reconciled=" + reconciled)
        + ", batches="
        + batchIds.size()
        + '}';
  }
}
