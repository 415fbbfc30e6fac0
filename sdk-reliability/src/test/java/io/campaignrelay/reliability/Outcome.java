package io.campaignrelay.reliability;

/**
 * The verdict of one fault run, counted per recipient at the vendor.
 *
 * <ul>
 *   <li>{@code duplicates}: accepted SMS beyond the first, summed over recipients;
 *   <li>{@code lost}: recipients the vendor never accepted and the final journal does not record as
 *       DROPPED (a refused or invalid recipient is DROPPED, not lost);
 *   <li>{@code trulyUnknown}: recipients the vendor accepted while no intact answer ever told the
 *       client so, and whose acceptance the vendor's own records (history, status, Message Log)
 *       could not prove because they were unavailable for the whole test;
 *   <li>{@code uncertain}: what the last run's report says is uncertain (-1 without a report);
 *   <li>{@code secretLeaks}: exception messages, journal lines or log output holding a credential.
 * </ul>
 */
record Outcome(
    String id,
    String faultClass,
    int runs,
    int duplicates,
    int lost,
    long uncertain,
    int trulyUnknown,
    int secretLeaks,
    boolean completed,
    boolean expectCompletion,
    String note) {

  boolean passed() {
    return duplicates == 0
        && lost == 0
        && uncertain == trulyUnknown
        && secretLeaks == 0
        && (completed || !expectCompletion);
  }

  String line() {
    return String.join(
        "\t",
        id,
        faultClass,
        Integer.toString(runs),
        Integer.toString(duplicates),
        Integer.toString(lost),
        Long.toString(uncertain),
        Integer.toString(trulyUnknown),
        Integer.toString(secretLeaks),
        Boolean.toString(completed),
        Boolean.toString(expectCompletion),
        passed() ? "PASS" : "FAIL",
        note.replace('\t', ' ').replace('\n', ' '));
  }

  static Outcome parse(String line) {
    String[] f = line.split("\t", -1);
    return new Outcome(
        f[0],
        f[1],
        Integer.parseInt(f[2]),
        Integer.parseInt(f[3]),
        Integer.parseInt(f[4]),
        Long.parseLong(f[5]),
        Integer.parseInt(f[6]),
        Integer.parseInt(f[7]),
        Boolean.parseBoolean(f[8]),
        Boolean.parseBoolean(f[9]),
        f[11]);
  }

  @Override
  public String toString() {
    return id
        + ": duplicates="
        + duplicates
        + " lost="
        + lost
        + " uncertain="
        + uncertain
        + " trulyUnknown="
        + trulyUnknown
        + " secretLeaks="
        + secretLeaks
        + " runs="
        + runs
        + " completed="
        + completed
        + " ("
        + note
        + ")";
  }
}
