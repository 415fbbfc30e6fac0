package io.campaignrelay.examples;

import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionProgress;
import io.campaignrelay.core.metrics.RejectionReason;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for long demo steps: done, dropped, rate and ETA. On a terminal ({@code
 * System.console() != null}) it redraws one line with {@code \r}; otherwise (Maven's piped output,
 * a CI log, a test) it prints a plain line at every quarter, so logs stay readable.
 *
 * <p>Rate and ETA are measured on the wall clock: the demo's simulated clock does not move while a
 * campaign executes. Not thread-safe: one step at a time, on the executing thread.
 */
final class Progress implements ExecutionListener {

  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private final boolean console;
  private final String label;
  private final long total;
  private final String unit;
  private final long startNanos;
  private long done;
  private long dropped;
  private long lastDrawNanos;
  private int lastQuarter;
  private boolean finished;
  private DropRecorder recorder;

  private Progress(PrintStream out, boolean console, String label, long total, String unit) {
    this.out = out;
    this.console = console;
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.startNanos = System.nanoTime();
  }

  /**
   * Starts a bar.
   *
   * @param out where to draw
   * @param console whether {@code out} is a terminal that understands {@code \r}
   * @param label the step's name
   * @param total the expected count (0 when unknown)
   * @param unit what is counted, e.g. "customers"
   * @return the bar
   */
  static Progress start(PrintStream out, boolean console, String label, long total, String unit) {
    Progress p = new Progress(out, console, label, total, unit);
    p.draw(true);
    return p;
  }

  /** Whether the JVM runs on an interactive terminal. */
  static boolean onConsole() {
    return System.console() != null;
  }

  @Override
  public void onProgress(ExecutionProgress progress) {
    update(progress.processed(), progress.dropped());
  }

  @Override
  public void onDropped(CustomerId customerId, RejectionReason reason, String detail) {
    // counted through onProgress; a demo does not print every dropped customer
    if (recorder != null) {
      recorder.dropped(customerId, reason);
    }
  }

  /** Receives every dropped customer. */
  @FunctionalInterface
  interface DropRecorder {
    /**
     * A customer was dropped.
     *
     * @param customerId the customer
     * @param reason why
     */
    void dropped(CustomerId customerId, RejectionReason reason);
  }

  /**
   * Also hands every dropped customer to a recorder.
   *
   * @param recorder the recorder
   * @return this bar
   */
  Progress recordingDrops(DropRecorder recorder) {
    this.recorder = recorder;
    return this;
  }

  /**
   * Moves the bar.
   *
   * @param done how many are done
   * @param dropped how many of them were dropped
   */
  void update(long done, long dropped) {
    this.done = done;
    this.dropped = dropped;
    draw(false);
  }

  /**
   * Ends the bar with a summary line.
   *
   * @param summary what the step did
   */
  void finish(String summary) {
    if (finished) {
      return;
    }
    finished = true;
    if (console) {
      out.print("\r" + line() + "\n");
    } else if (lastQuarter < 4) {
      out.println(line());
    }
    out.println("    " + summary);
    out.flush();
  }

  private void draw(boolean first) {
    long now = System.nanoTime();
    if (console) {
      if (first || now - lastDrawNanos >= REDRAW_NANOS || (total > 0 && done >= total)) {
        lastDrawNanos = now;
        out.print("\r" + line());
        out.flush();
      }
      return;
    }
    int quarter = total <= 0 ? 0 : (int) Math.min(4, done * 4 / total);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      out.println(line());
    }
  }

  private String line() {
    double fraction = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(fraction * WIDTH);
    StringBuilder sb = new StringBuilder("  ").append(label).append(" [");
    for (int i = 0; i < WIDTH; i++) {
      sb.append(i < filled ? '#' : '.');
    }
    sb.append("] ").append(String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100)));
    sb.append(' ').append(Tables.count(done));
    if (total > 0) {
      sb.append('/').append(Tables.count(total));
    }
    sb.append(' ').append(unit);
    if (dropped > 0) {
      sb.append(", dropped ").append(Tables.count(dropped));
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    if (seconds > 0.05 && done > 0 && total > 100) {
      double rate = done / seconds;
      sb.append(String.format(Locale.ROOT, rate < 10 ? ", %.1f/s" : ", %,.0f/s", rate));
      if (total > done) {
        sb.append(String.format(Locale.ROOT, ", ETA %.1fs", (total - done) / rate));
      }
    }
    return sb.toString();
  }
}
