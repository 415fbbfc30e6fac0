package io.campaignrelay.benchmarks;

import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionProgress;
import io.campaignrelay.core.execution.ExecutionReport;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The end-to-end benchmark: a scheduled campaign of 1,000,000 customers read from Optimove in pages
 * of 10,000 with three attributes, rendered, and sent through TextLocal {@code bulk_json} (500 per
 * call) and, separately, through Delivyr {@code messages/batch} (1,000 per call), against the
 * in-process {@link LoopbackVendorServer}; and in the same JVM the raw OkHttp + Jackson baseline
 * ({@link RawCampaign}) making the same requests. Prints the machine, wall times, recipients per
 * second, the SDK/raw ratio, the heap and the traffic, as Markdown.
 *
 * <p>Run it with {@code -Xmx256m}: the whole JVM (SDK, baseline and server) must fit. Options:
 * {@code --customers N} (default 1,000,000), {@code --rounds R} (default 2), {@code --warmup N}
 * (default 200,000), {@code --vendors textlocal,delivyr}, {@code --no-scaling} (skips the heap
 * scaling table).
 */
public final class EndToEndBenchmark {

  private EndToEndBenchmark() {}

  private record Run(
      String vendor,
      String side,
      long customers,
      double seconds,
      long sent,
      HeapMonitor.Usage heap,
      String traffic,
      long liveAt90) {}

  /**
   * Measures what a run really retains: when 90% of the customers are processed it forces a full
   * collection and reads the heap in use (only in the scaling runs: the collection costs time).
   */
  private static final class LiveProbe implements ExecutionListener {
    private final long mark;
    long live = -1;

    LiveProbe(long customers) {
      this.mark = customers * 9 / 10;
    }

    @Override
    public void onProgress(ExecutionProgress progress) {
      if (live < 0 && progress.processed() >= mark) {
        System.gc();
        live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      }
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param args the options above
   * @throws IOException if the loopback server cannot start or the baseline fails
   */
  public static void main(String[] args) throws IOException {
    long customers = 1_000_000;
    int rounds = 2;
    long warmup = 200_000;
    boolean scaling = true;
    List<String> vendors = List.of("textlocal", "delivyr");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--customers" -> customers = Long.parseLong(args[++i].replace("_", ""));
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Long.parseLong(args[++i].replace("_", ""));
        case "--vendors" -> vendors = Arrays.asList(args[++i].split(","));
        case "--no-scaling" -> scaling = false;
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + ": use --customers N, --rounds R, --warmup N, --vendors textlocal,delivyr,"
                    + " --no-scaling");
      }
    }
    printMachine();
    List<Run> runs = new ArrayList<>();
    try (LoopbackVendorServer server = LoopbackVendorServer.start(warmup)) {
      SdkCampaign sdk = new SdkCampaign(server);
      RawCampaign raw = new RawCampaign(server);
      System.out.println("\nwarm-up: " + warmup + " customers per vendor and side, twice");
      for (int w = 0; w < 2; w++) {
        for (String v : vendors) {
          run(server, sdk, raw, v, "raw", warmup, SdkCampaign.Journal.IN_MEMORY);
          run(server, sdk, raw, v, "sdk", warmup, SdkCampaign.Journal.IN_MEMORY);
        }
      }
      for (String v : vendors) {
        for (int r = 0; r < rounds; r++) {
          // alternate the order so that neither side always runs on a warmer or fuller heap
          String first = r % 2 == 0 ? "raw" : "sdk";
          String second = r % 2 == 0 ? "sdk" : "raw";
          runs.add(run(server, sdk, raw, v, first, customers, SdkCampaign.Journal.IN_MEMORY));
          runs.add(run(server, sdk, raw, v, second, customers, SdkCampaign.Journal.IN_MEMORY));
        }
      }
      if (!runs.isEmpty()) {
        printResults(runs, vendors, customers);
      }
      if (scaling) {
        List<Run> scale = new ArrayList<>();
        for (long n : new long[] {customers / 10, customers}) {
          for (SdkCampaign.Journal j : SdkCampaign.Journal.values()) {
            Run run = run(server, sdk, raw, "delivyr", "sdk", n, j, true);
            scale.add(
                new Run(
                    run.vendor(),
                    "sdk, journal " + j,
                    n,
                    run.seconds(),
                    run.sent(),
                    run.heap(),
                    run.traffic(),
                    run.liveAt90()));
          }
        }
        printScaling(scale);
      }
      raw.close();
    }
  }

  private static Run run(
      LoopbackVendorServer server,
      SdkCampaign sdk,
      RawCampaign raw,
      String vendor,
      String side,
      long customers,
      SdkCampaign.Journal journal)
      throws IOException {
    return run(server, sdk, raw, vendor, side, customers, journal, false);
  }

  private static Run run(
      LoopbackVendorServer server,
      SdkCampaign sdk,
      RawCampaign raw,
      String vendor,
      String side,
      long customers,
      SdkCampaign.Journal journal,
      boolean probeLive)
      throws IOException {
    LiveProbe probe = probeLive ? new LiveProbe(customers) : null;
    server.customers(customers);
    server.resetCounters();
    HeapMonitor monitor = HeapMonitor.start();
    long t0 = System.nanoTime();
    long sent;
    if (side.equals("raw")) {
      sent = vendor.equals("textlocal") ? raw.runTextLocal() : raw.runDelivyr();
    } else {
      ExecutionListener listener = probe == null ? ExecutionListener.NONE : probe;
      ExecutionReport report =
          vendor.equals("textlocal")
              ? sdk.runTextLocal(journal, listener)
              : sdk.runDelivyr(journal, listener);
      sent = report.dispatched();
      if (report.targeted() != customers || report.dropped() != 0) {
        throw new IllegalStateException("SDK run did not send every customer: " + report);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    HeapMonitor.Usage heap = monitor.stop();
    if (sent != customers) {
      throw new IllegalStateException(
          side + " " + vendor + " sent " + sent + " of " + customers + " messages");
    }
    String traffic =
        "optimove: "
            + server.optimove
            + "; "
            + (vendor.equals("textlocal")
                ? "textlocal: " + server.textLocal
                : "delivyr: " + server.delivyr);
    System.out.printf(
        Locale.ROOT,
        "  %-9s %-3s %,9d customers %7.2f s %,9.0f rec/s  heap peak %s MiB, live after GC %s MiB,"
            + " %d GCs %d ms | %s%n",
        vendor,
        side,
        customers,
        seconds,
        customers / seconds,
        HeapMonitor.Usage.mib(heap.peakUsedSampled()),
        HeapMonitor.Usage.mib(heap.maxLiveAfterGc()),
        heap.collections(),
        heap.collectionMillis(),
        traffic);
    return new Run(
        vendor, side, customers, seconds, sent, heap, traffic, probe == null ? -1 : probe.live);
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static void printResults(List<Run> runs, List<String> vendors, long customers) {
    System.out.println();
    System.out.println(
        "| vendor | side | customers | wall time, median (all runs) | recipients/s (median) |"
            + " peak heap used, MiB (max) | live heap after GC, MiB (max) | GCs / GC time |");
    System.out.println("|---|---|---:|---|---:|---:|---:|---|");
    for (String v : vendors) {
      double rawMedian = 0;
      for (String side : List.of("raw", "sdk")) {
        List<Run> rs =
            runs.stream().filter(r -> r.vendor().equals(v) && r.side().equals(side)).toList();
        if (rs.isEmpty()) {
          continue;
        }
        List<Double> secs = rs.stream().map(Run::seconds).toList();
        double med = median(secs);
        if (side.equals("raw")) {
          rawMedian = med;
        }
        long peak = rs.stream().mapToLong(r -> r.heap().peakUsedSampled()).max().orElse(0);
        long live = rs.stream().mapToLong(r -> r.heap().maxLiveAfterGc()).max().orElse(0);
        long gcs = rs.stream().mapToLong(r -> r.heap().collections()).max().orElse(0);
        long gcMs = rs.stream().mapToLong(r -> r.heap().collectionMillis()).max().orElse(0);
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %,d | %.2f s (%s) | %,.0f | %s | %s | %d / %d ms |%n",
            v,
            side,
            customers,
            med,
            String.join(
                ", ", secs.stream().map(d -> String.format(Locale.ROOT, "%.2f", d)).toList()),
            customers / med,
            HeapMonitor.Usage.mib(peak),
            HeapMonitor.Usage.mib(live),
            gcs,
            gcMs);
        if (side.equals("sdk") && rawMedian > 0) {
          System.out.printf(
              Locale.ROOT, "| %s | **SDK/raw** | | **%.2f** | | | | |%n", v, med / rawMedian);
        }
      }
    }
    System.out.println();
    System.out.println(
        "traffic of the last run of each vendor and side (loopback server counters):");
    for (String v : vendors) {
      for (String side : List.of("raw", "sdk")) {
        runs.stream()
            .filter(r -> r.vendor().equals(v) && r.side().equals(side))
            .reduce((a, b) -> b)
            .ifPresent(r -> System.out.println("  " + v + " " + side + ": " + r.traffic()));
      }
    }
  }

  private static void printScaling(List<Run> scale) {
    System.out.println();
    System.out.println(
        "| run (Delivyr) | customers | wall time | live heap at 90%, after a full GC, MiB |"
            + " peak heap used, MiB |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Run r : scale) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %.2f s | %s | %s |%n",
          r.side(),
          r.customers(),
          r.seconds(),
          HeapMonitor.Usage.mib(r.liveAt90()),
          HeapMonitor.Usage.mib(r.heap().peakUsedSampled()));
    }
  }

  private static void printMachine() {
    Runtime rt = Runtime.getRuntime();
    String cpu = "unknown";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      // not Linux: leave it unknown
    }
    List<String> gcs = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.add(gc.getName());
    }
    System.out.println(
        "machine: "
            + rt.availableProcessors()
            + " CPUs ("
            + cpu
            + "), "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + ", max heap "
            + HeapMonitor.Usage.mib(rt.maxMemory())
            + " MiB, GC "
            + gcs
            + ", JVM args "
            + ManagementFactory.getRuntimeMXBean().getInputArguments());
  }
}
