package io.campaignrelay.benchmarks;

import java.io.IOException;
import java.util.Arrays;
import org.openjdk.jmh.runner.RunnerException;

/**
 * The benchmark jar's entry point.
 *
 * <ul>
 *   <li>no argument: the JMH micro-benchmarks (each in its own forked JVM), then the end-to-end
 *       benchmark in this JVM (start it with {@code -Xmx256m});
 *   <li>{@code jmh [JMH options]}: the micro-benchmarks only, e.g. {@code jmh SmsLength -f 1};
 *   <li>{@code e2e [options]}: the end-to-end benchmark only (see {@link EndToEndBenchmark}).
 * </ul>
 */
public final class BenchmarkMain {

  private BenchmarkMain() {}

  /**
   * Runs the benchmarks.
   *
   * @param args see above
   * @throws IOException if the end-to-end benchmark fails
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws IOException, RunnerException {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("e2e")) {
      EndToEndBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0) {
      throw new IllegalArgumentException(
          "unknown command "
              + args[0]
              + ": give no argument, 'jmh [JMH options]' or 'e2e [options]'");
    }
    org.openjdk.jmh.Main.main(new String[] {"io.campaignrelay.benchmarks"});
    EndToEndBenchmark.main(new String[0]);
  }
}
