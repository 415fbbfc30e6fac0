package io.campaignrelay.textlocal;

import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.ExecutionReport;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of {@link TextLocalCampaignFlow} did: the flow's {@link CampaignDispatch} record
 * and, when core's engine ran (every TEST run, and LIVE runs of personalised templates), the
 * engine's {@link ExecutionReport} with its logged, uncertain and skipped counts. Immutable.
 */
public final class TextLocalCampaignRun {

  private final ExecutionMode mode;
  private final CampaignDispatch dispatch;
  private final ExecutionReport report;

  TextLocalCampaignRun(ExecutionMode mode, CampaignDispatch dispatch, ExecutionReport report) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    this.report = report;
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
   * The flow's record of the run (saved in the ledger for LIVE runs only).
   *
   * @return the record
   */
  public CampaignDispatch dispatch() {
    return dispatch;
  }

  /**
   * The engine's report. Its counts cover the recipients the engine saw; customers with no contact
   * in the group are dropped by the flow before the engine and counted only in {@link #dispatch()}.
   *
   * @return the report, or empty for a LIVE run on the temporary-group route (no engine)
   */
  public Optional<ExecutionReport> report() {
    return Optional.ofNullable(report);
  }

  @Override
  public String toString() {
    return "TextLocalCampaignRun{mode="
        + mode
        + ", route="
        + dispatch.route()
        + ", targeted="
        + dispatch.targeted()
        + ", submitted="
        + dispatch.submitted()
        + ", dropped="
        + dispatch.dropped()
        + (report == null ? "" : ", uncertain=" + report.uncertain())
        + '}';
  }
}
