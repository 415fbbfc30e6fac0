package io.campaignrelay.core.execution;

/** Where one recipient of a campaign run stands, as the {@link ExecutionJournal} records it. */
public enum RecipientState {
  /** Seen, not finished: a send may have been attempted (its outcome unknown). */
  PENDING(false),
  /** Handed to the vendor, which accepted it (LIVE mode). */
  DISPATCHED(true),
  /** Not sent, for a reason (opted out, bad phone, render failure, vendor rejection). */
  DROPPED(true),
  /** Rendered, validated and logged, not sent (TEST mode). */
  LOGGED(true),
  /**
   * Handed to the vendor, which definitely did not accept it (it refused the whole batch, or it was
   * never reached): nothing was sent, so a re-run sends it as if new.
   */
  FAILED(false);

  private final boolean done;

  RecipientState(boolean done) {
    this.done = done;
  }

  /**
   * Whether the recipient is finished with and must not be processed again.
   *
   * @return true for DISPATCHED, DROPPED and LOGGED
   */
  public boolean isDone() {
    return done;
  }
}
