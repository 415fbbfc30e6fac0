package io.campaignrelay.reliability;

import static io.campaignrelay.reliability.Fault.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every fault of the matrix, by id ({@code <vendor>-<fault>}), with its class for the figures in
 * {@code docs/RELIABILITY.md}. The ids in {@link #KNOWN_FAILING} run only in {@link
 * KnownFailingFaultsTest} (tag {@code known-failing}, outside the default build) until the SDK
 * survives them.
 */
final class Catalogue {
  private Catalogue() {}

  /** The unreadable-2xx faults, also run at DEBUG and TRACE. */
  static final List<Fault> UNREADABLE =
      List.of(
          TRUNCATED_JSON,
          EMPTY_BODY,
          HTML_BODY,
          MALFORMED_JSON,
          CHUNKED_CUT,
          CLOSED_MID_BODY,
          RESET_MID_BODY);

  /**
   * Faults the SDK does not survive yet (docs/RELIABILITY.md says why). Remove an id when its fix
   * lands: the fault then guards the fix in the default build.
   */
  static final Set<String> KNOWN_FAILING = Set.of();

  static List<FaultCase> all() {
    List<FaultCase> out = new ArrayList<>();
    for (Vendor v : Vendor.values()) {
      String p = v.code + "-";
      out.add(FaultCase.of(p + "baseline", "baseline", v, NONE));
      for (Fault f : UNREADABLE) {
        out.add(FaultCase.of(p + f.name(), "unreadable-2xx", v, f));
      }
      out.add(FaultCase.of(p + "LEAVES_OUT", "left-out", v, LEAVES_OUT));
      out.add(FaultCase.of(p + "LEAVES_OUT_UNSENT", "left-out", v, LEAVES_OUT_UNSENT));
      out.add(
          FaultCase.of(p + "LEAVES_OUT", "left-out", v, LEAVES_OUT)
              .rerunWhileUncertain(p + "LEAVES_OUT-rerun-while-uncertain"));
      out.add(
          FaultCase.of(p + "LEAVES_OUT_UNSENT", "left-out", v, LEAVES_OUT_UNSENT)
              .rerunWhileUncertain(p + "LEAVES_OUT_UNSENT-rerun-while-uncertain"));
      if (v == Vendor.DELIVYR) {
        out.add(FaultCase.of(p + "KEY_IN_FLIGHT", "409-in-flight", v, KEY_IN_FLIGHT));
      }
      out.add(FaultCase.of(p + "RATE_LIMITED", "429", v, RATE_LIMITED));
      out.add(FaultCase.of(p + "UNAVAILABLE_BEFORE", "5xx", v, UNAVAILABLE_BEFORE));
      out.add(FaultCase.of(p + "ERROR_AFTER", "5xx", v, ERROR_AFTER));
      out.add(FaultCase.of(p + "ERROR_AFTER-last-batch", "5xx", v, ERROR_AFTER).at(4));
      out.add(FaultCase.of(p + "RESET_BEFORE", "reset", v, RESET_BEFORE));
      out.add(FaultCase.of(p + "RESET_AFTER", "reset", v, RESET_AFTER));
      out.add(FaultCase.of(p + "RESET_AFTER-first-batch", "reset", v, RESET_AFTER).at(1));
      out.add(FaultCase.of(p + "RESET_AFTER-lasting", "reset", v, RESET_AFTER).lasting());
      out.add(FaultCase.of(p + "ERROR_AFTER-lasting", "5xx", v, ERROR_AFTER).lasting());
      out.add(FaultCase.of(p + "TIMEOUT_AFTER-lasting", "timeout", v, TIMEOUT_AFTER).lasting());
      out.add(
          FaultCase.of(p + "RESET_AFTER-lasting-records-down", "records-down", v, RESET_AFTER)
              .lasting()
              .withRecordsDown());
      out.add(FaultCase.of(p + "TIMEOUT_BEFORE", "timeout", v, TIMEOUT_BEFORE));
      out.add(FaultCase.of(p + "TIMEOUT_AFTER", "timeout", v, TIMEOUT_AFTER));
      out.add(FaultCase.of(p + "ECHOES_CREDENTIAL", "credential-echo", v, ECHOES_CREDENTIAL));
      out.add(FaultCase.of(p + "REFUSED", "refused", v, REFUSED));
      out.add(FaultCase.of(p + "REFUSES_SOME", "per-message-refusal", v, REFUSES_SOME));
      out.add(
          FaultCase.of(p + "RESET_AFTER-records-down", "records-down", v, RESET_AFTER)
              .withRecordsDown());
      out.add(
          FaultCase.of(p + "TIMEOUT_AFTER-records-down", "records-down", v, TIMEOUT_AFTER)
              .withRecordsDown());
      out.add(
          FaultCase.of(p + "TRUNCATED_JSON-records-down", "records-down", v, TRUNCATED_JSON)
              .withRecordsDown());
      out.add(
          FaultCase.of(p + "optimove-reordered-rerun", "optimove-targets", v, RESET_AFTER)
              .lasting()
              .optimove(OptimoveServer.Paging.NORMAL, true));
      out.add(
          FaultCase.of(p + "optimove-ignores-paging", "optimove-targets", v, NONE)
              .optimove(OptimoveServer.Paging.IGNORED, false));
      out.add(
          FaultCase.of(p + "optimove-repeats-page", "optimove-targets", v, NONE)
              .optimove(OptimoveServer.Paging.REPEATS_PAGE, true));
      out.add(
          FaultCase.of(p + "optimove-singular-attribute", "optimove-targets", v, NONE)
              .optimove(OptimoveServer.Paging.SINGULAR_ATTRIBUTE, true));
    }
    return out;
  }

  /** The faults also run at DEBUG and TRACE: the unreadable answers and the echoed credential. */
  static List<FaultCase> logLevelCases() {
    return all().stream()
        .filter(
            c ->
                c.faultClass().equals("unreadable-2xx") || c.faultClass().equals("credential-echo"))
        .toList();
  }

  static FaultCase byId(String id) {
    return all().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fault " + id));
  }
}
