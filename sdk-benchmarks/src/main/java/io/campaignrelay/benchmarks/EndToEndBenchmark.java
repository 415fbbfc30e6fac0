package io.campaignrelay.benchmarks;

import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionProgress;
import io.campaignrelay.core.execution.ExecutionReport;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The end-to-end benchmark: a scheduled campaign of 1,000,000 customers read from Optimove in pages
 * of 10,000 with three attributes, rendered, and sent through TextLocal {@code bulk_json} (500 per
 * call) and, separately, through Delivyr {@code messages/batch} (1,000 per call), against the
 * in-process {@link LoopbackVendorServer}; and in the same JVM the raw OkHttp + Jackson baseline
 * ({@link RawCampaign}) making the same requests. Prints the machine, wall times, recipients per
 * second, the ratios, the bound, the heap and the traffic, as Markdown.
 *
 * <p>For each latency (added by the server to every answer) and vendor it runs:
 *
 * <ul>
 *   <li>the SDK with the default concurrency (no concurrency setting anywhere: the channel's
 *       declared maximum) and with each given concurrency N (channel and executor both set to N);
 *   <li>the raw loop sequential (one thread, one request at a time) and with each N in flight (the
 *       SDK's default N included): the same requests, byte for byte.
 * </ul>
 *
 * <p>The bound of a run is calls x latency / N, where calls counts the Optimove page reads and the
 * send calls the server saw: what the run would take if only the latency counted.
 *
 * <p>Run it with {@code -Xmx256m}: the whole JVM (SDK, baseline and server) must fit. Options:
 * {@code --customers N} (default 1,000,000), {@code --rounds R} (default 2), {@code --warmup N}
 * (default 200,000), {@code --warmup-rounds W} (default 2; the JIT keeps compiling the code that
 * runs once per request for several million recipients, so a steady-state figure needs more),
 * {@code --vendors textlocal,delivyr}, {@code --latency 0,20,100} (ms, default 0), {@code
 * --concurrency 1,4,8} (default: none besides the SDK's default), {@code --sequential-customers
 * 100=100000} (at that latency, the runs with one request in flight, except the SDK's default, use
 * that many customers), {@code --no-scaling} (skips the heap scaling table), {@code --journal none}
 * (the SDK side of the latency runs records to a journal that forgets everything instead of the
 * default in-memory one: what the journal's work and lock cost), {@code --jdbc} (adds the journal
 * case: per vendor and round, the SDK's default at 0 ms on the in-memory journal and on sdk-jdbc's
 * journal on an embedded PostgreSQL the benchmark starts itself, with zonky's defaults {@code
 * fsync=off} and {@code synchronous_commit=off}), {@code --jdbc-durable} (that server with both on,
 * PostgreSQL's own defaults: each commit waits for the disk), {@code --jdbc-only} (the journal case
 * and nothing of the latency runs).
 */
public final class EndToEndBenchmark {

  private EndToEndBenchmark() {}

  /** One configuration of a side: the SDK or the raw loop with a concurrency. */
  private record Case(String side, int concurrency, boolean sdkDefault) {

    /** The SDK with no concurrency setting. */
    static Case sdkDefault(int resolved) {
      return new Case("sdk", resolved, true);
    }

    static Case sdk(int n) {
      return new Case("sdk", n, false);
    }

    /** The raw loop: 0 for sequential, N for N in flight. */
    static Case raw(int n) {
      return new Case("raw", n, false);
    }

    /** Requests in flight, for the bound: 1 for the sequential loop. */
    int inFlight() {
      return Math.max(1, concurrency);
    }

    String label() {
      if (side.equals("raw")) {
        return concurrency == 0 ? "raw, sequential" : "raw, " + concurrency + " in flight";
      }
      return sdkDefault ? "SDK, default (" + concurrency + ")" : "SDK, concurrency " + concurrency;
    }
  }

  private record Run(
      String vendor,
      long latencyMs,
      Case kase,
      long customers,
      double seconds,
      long sent,
      HeapMonitor.Usage heap,
      String traffic,
      long pageCalls,
      long sendCalls,
      long sendBytesUp,
      long requestChecksum,
      long delayNanos,
      double loadBefore,
      double loadAfter,
      long liveAt90,
      CpuMeter.Split cpu) {

    long calls() {
      return pageCalls + sendCalls;
    }

    double boundSeconds() {
      return calls() * (latencyMs / 1000.0) / kase.inFlight();
    }

    /** The bound with the delays the server really made (a loaded host wakes its threads late). */
    double measuredBoundSeconds() {
      return delayNanos / 1e9 / kase.inFlight();
    }

    double secondsPerCustomer() {
      return seconds / customers;
    }
  }

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

  private static List<Long> longs(String csv) {
    List<Long> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(Long.parseLong(s.strip().replace("_", "")));
      }
    }
    return out;
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
    int warmupRounds = 2;
    boolean scaling = true;
    boolean jdbc = false;
    boolean latencyRuns = true;
    SdkCampaign.Journal journal = SdkCampaign.Journal.IN_MEMORY;
    List<String> vendors = List.of("textlocal", "delivyr");
    List<Long> latencies = List.of(0L);
    List<Integer> concurrencies = List.of();
    Map<Long, Long> sequentialCustomers = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--customers" -> customers = Long.parseLong(args[++i].replace("_", ""));
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Long.parseLong(args[++i].replace("_", ""));
        case "--warmup-rounds" -> warmupRounds = Integer.parseInt(args[++i]);
        case "--vendors" -> vendors = Arrays.asList(args[++i].split(","));
        case "--latency" -> latencies = longs(args[++i]);
        case "--concurrency" ->
            concurrencies = longs(args[++i]).stream().map(Long::intValue).toList();
        case "--sequential-customers" -> {
          for (String pair : args[++i].split(",")) {
            String[] kv = pair.split("=");
            sequentialCustomers.put(
                Long.parseLong(kv[0].strip()), Long.parseLong(kv[1].strip().replace("_", "")));
          }
        }
        case "--no-scaling" -> scaling = false;
        case "--journal" -> journal = journal(args[++i]);
        case "--jdbc" -> jdbc = true;
        case "--jdbc-durable" -> BenchPostgres.durable();
        case "--jdbc-only" -> {
          jdbc = true;
          latencyRuns = false;
        }
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + args[i]
                    + ": use --customers N, --rounds R, --warmup N, --warmup-rounds W,"
                    + " --vendors textlocal,delivyr,"
                    + " --latency 0,20,100, --concurrency 1,4,8, --sequential-customers"
                    + " 100=100000, --no-scaling, --journal in-memory|none, --jdbc, --jdbc-only,"
                    + " --jdbc-durable");
      }
    }
    if (concurrencies.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException("--concurrency takes numbers of 1 or more");
    }
    printMachine();
    System.out.println(
        "options: customers "
            + customers
            + ", rounds "
            + rounds
            + ", warm-up "
            + warmup
            + " x "
            + warmupRounds
            + ", vendors "
            + vendors
            + ", latency "
            + latencies
            + " ms, concurrency "
            + concurrencies
            + ", sequential customers "
            + sequentialCustomers
            + ", journal "
            + journal
            + ", load average at start "
            + loadAverage());
    List<Run> runs = new ArrayList<>();
    try (LoopbackVendorServer server = LoopbackVendorServer.start(warmup)) {
      SdkCampaign sdk = new SdkCampaign(server);
      RawCampaign raw = new RawCampaign(server);
      Map<String, List<Case>> casesByVendor = new LinkedHashMap<>();
      for (String v : vendors) {
        casesByVendor.put(v, cases(sdk.defaultConcurrency(v), concurrencies));
      }
      System.out.println("\ncases: " + casesByVendor);
      System.out.println(
          "\nwarm-up at 0 ms: " + warmup + " customers per case, " + warmupRounds + " rounds");
      server.latency(Duration.ZERO);
      for (int w = 0; w < warmupRounds; w++) {
        for (String v : vendors) {
          for (Case c : casesByVendor.get(v)) {
            if (w == 0 || c.concurrency() <= 1 || c.sdkDefault()) {
              run(server, sdk, raw, v, c, warmup, journal, false);
            }
          }
        }
      }
      for (long latency : latencyRuns ? latencies : List.<Long>of()) {
        server.latency(Duration.ofMillis(latency));
        System.out.println("\nlatency " + latency + " ms");
        for (String v : vendors) {
          List<Case> cs = casesByVendor.get(v);
          for (int r = 0; r < rounds; r++) {
            // alternate the order so that no case always runs on a warmer or fuller heap
            List<Case> order = new ArrayList<>(cs);
            if (r % 2 == 1) {
              java.util.Collections.reverse(order);
            }
            for (Case c : order) {
              long n = customers;
              if (c.inFlight() == 1 && !c.sdkDefault()) {
                n = sequentialCustomers.getOrDefault(latency, customers);
              }
              runs.add(run(server, sdk, raw, v, c, n, journal, false));
            }
          }
        }
        printResults(runs, vendors, latency, casesByVendor);
      }
      if (jdbc) {
        runs.addAll(journals(server, sdk, raw, vendors, customers, rounds));
      }
      printTraffic(runs);
      if (scaling) {
        server.latency(Duration.ZERO);
        List<Run> scale = new ArrayList<>();
        for (long n : new long[] {customers / 10, customers}) {
          for (SdkCampaign.Journal j : SCALING_JOURNALS) {
            Case c = Case.sdkDefault(sdk.defaultConcurrency("delivyr"));
            Run run = run(server, sdk, raw, "delivyr", c, n, j, true);
            scale.add(run);
            System.out.println("    (journal " + j + ")");
          }
        }
        printScaling(scale);
      }
      raw.close();
    }
  }

  /**
   * The journal of the latency runs named by {@code --journal}: {@code in-memory} (the default, the
   * SDK's default journal) or {@code none} (one that forgets everything: what the journal's own
   * work and lock cost the run, measured beside the default).
   */
  private static SdkCampaign.Journal journal(String name) {
    return switch (name) {
      case "in-memory" -> SdkCampaign.Journal.IN_MEMORY;
      case "none" -> SdkCampaign.Journal.NONE;
      default ->
          throw new IllegalArgumentException(
              "unknown journal " + name + ": use --journal in-memory or --journal none");
    };
  }

  /** The journals of the heap scaling runs, in their order. */
  private static final List<SdkCampaign.Journal> SCALING_JOURNALS =
      List.of(SdkCampaign.Journal.IN_MEMORY, SdkCampaign.Journal.NONE);

  /**
   * The JDBC journal case: per vendor and round, the SDK with its defaults at 0 ms on the in-memory
   * journal and on sdk-jdbc's journal on the embedded PostgreSQL (a fresh schema each run),
   * alternating which goes first; prints each pair's throughput and their ratio.
   */
  private static List<Run> journals(
      LoopbackVendorServer server,
      SdkCampaign sdk,
      RawCampaign raw,
      List<String> vendors,
      long customers,
      int rounds)
      throws IOException {
    server.latency(Duration.ZERO);
    System.out.println(
        "\njournal: in-memory against JDBC on embedded PostgreSQL ("
            + BenchPostgres.describe()
            + ")");
    List<SdkCampaign.Journal> both =
        List.of(SdkCampaign.Journal.IN_MEMORY, SdkCampaign.Journal.JDBC_POSTGRES);
    List<Run> all = new ArrayList<>();
    Map<String, Map<SdkCampaign.Journal, List<Run>>> byVendor = new LinkedHashMap<>();
    for (String v : vendors) {
      Case c = Case.sdkDefault(sdk.defaultConcurrency(v));
      for (int r = 0; r < Math.max(1, rounds); r++) {
        List<SdkCampaign.Journal> order = new ArrayList<>(both);
        if (r % 2 == 1) {
          java.util.Collections.reverse(order);
        }
        for (SdkCampaign.Journal j : order) {
          Run run = run(server, sdk, raw, v, c, customers, j, false);
          System.out.println("    (journal " + j + ")");
          all.add(run);
          byVendor
              .computeIfAbsent(v, k -> new LinkedHashMap<>())
              .computeIfAbsent(j, k -> new ArrayList<>())
              .add(run);
        }
      }
    }
    System.out.println();
    System.out.println(
        "| vendor | journal | customers | wall time, median (runs) | recipients/s | vs in-memory |"
            + " peak heap, MiB (max) | GCs / GC time (max) | load avg 1 min (before -> after) |");
    System.out.println("|---|---|---:|---|---:|---:|---:|---|---|");
    for (Map.Entry<String, Map<SdkCampaign.Journal, List<Run>>> e : byVendor.entrySet()) {
      double memory = medianPerCustomer(e.getValue().get(SdkCampaign.Journal.IN_MEMORY));
      for (SdkCampaign.Journal j : both) {
        List<Run> rs = e.getValue().get(j);
        List<Double> secs = rs.stream().map(Run::seconds).toList();
        double med = median(secs);
        System.out.println(
            fmt(
                "| %s | %s | %,d | %.2f s (%s) | %,.0f | %s | %s | %d / %d ms | %s |",
                e.getKey(),
                j,
                customers,
                med,
                String.join(", ", secs.stream().map(d -> fmt("%.2f", d)).toList()),
                customers / med,
                fmt("**%.2f**", memory / medianPerCustomer(rs)),
                HeapMonitor.Usage.mib(
                    rs.stream().mapToLong(r -> r.heap().peakUsedSampled()).max().orElse(0)),
                rs.stream().mapToLong(r -> r.heap().collections()).max().orElse(0),
                rs.stream().mapToLong(r -> r.heap().collectionMillis()).max().orElse(0),
                String.join(
                    ", ",
                    rs.stream()
                        .map(r -> fmt("%.1f -> %.1f", r.loadBefore(), r.loadAfter()))
                        .toList())));
      }
    }
    return all;
  }

  /**
   * The cases of one vendor, paired: the raw loop sequential, then for each concurrency the raw
   * loop with that many in flight next to the SDK with the same; the SDK's default takes the place
   * of the SDK at its own N.
   */
  private static List<Case> cases(int sdkDefault, List<Integer> concurrencies) {
    Set<Integer> ns = new LinkedHashSet<>();
    ns.add(sdkDefault);
    ns.addAll(concurrencies);
    List<Case> out = new ArrayList<>();
    out.add(Case.raw(0));
    for (int n : ns) {
      out.add(Case.raw(n));
      out.add(n == sdkDefault ? Case.sdkDefault(n) : Case.sdk(n));
    }
    return out;
  }

  private static Run run(
      LoopbackVendorServer server,
      SdkCampaign sdk,
      RawCampaign raw,
      String vendor,
      Case kase,
      long customers,
      SdkCampaign.Journal journal,
      boolean probeLive)
      throws IOException {
    LiveProbe probe = probeLive ? new LiveProbe(customers) : null;
    server.customers(customers);
    server.resetCounters();
    double loadBefore = loadAverage();
    HeapMonitor monitor = HeapMonitor.start();
    CpuMeter cpu0 = CpuMeter.read();
    long t0 = System.nanoTime();
    long sent;
    boolean textLocal = vendor.equals("textlocal");
    if (kase.side().equals("raw")) {
      sent = textLocal ? raw.runTextLocal(kase.concurrency()) : raw.runDelivyr(kase.concurrency());
    } else {
      ExecutionListener listener = probe == null ? ExecutionListener.NONE : probe;
      int n = kase.sdkDefault() ? 0 : kase.concurrency();
      ExecutionReport report =
          textLocal ? sdk.runTextLocal(journal, listener, n) : sdk.runDelivyr(journal, listener, n);
      sent = report.dispatched();
      if (report.targeted() != customers || report.dropped() != 0) {
        throw new IllegalStateException("SDK run did not send every customer: " + report);
      }
    }
    // The JDBC case's store set-up and row check (its first read: the fold of the run's journal
    // log) are not the campaign's time; they are printed beside it.
    long outside = kase.side().equals("raw") ? 0 : sdk.lastOutsideNanos;
    double seconds = (System.nanoTime() - t0 - outside) / 1e9;
    if (outside > 0) {
      System.out.printf(
          Locale.ROOT,
          "    (JDBC store set-up and row check outside the time: %.2f s, of which the first"
              + " read, folding the journal's log: %.2f s)%n",
          outside / 1e9,
          sdk.lastCheckNanos / 1e9);
    }
    HeapMonitor.Usage heap = monitor.stop();
    CpuMeter.Split cpu = CpuMeter.read().since(cpu0);
    double loadAfter = loadAverage();
    if (sent != customers) {
      throw new IllegalStateException(
          kase.label() + " " + vendor + " sent " + sent + " of " + customers + " messages");
    }
    LoopbackVendorServer.Traffic vendorTraffic = textLocal ? server.textLocal : server.delivyr;
    String traffic =
        "optimove: "
            + server.optimove
            + "; "
            + (textLocal ? "textlocal: " : "delivyr: ")
            + vendorTraffic;
    long latencyMs = server.latency().toMillis();
    Run result =
        new Run(
            vendor,
            latencyMs,
            kase,
            customers,
            seconds,
            sent,
            heap,
            traffic,
            server.optimove.requests.sum(),
            vendorTraffic.requests.sum(),
            vendorTraffic.bytesIn.sum(),
            vendorTraffic.requestChecksum.sum() + 31 * server.optimove.requestChecksum.sum(),
            vendorTraffic.delayNanos.sum() + server.optimove.delayNanos.sum(),
            loadBefore,
            loadAfter,
            probe == null ? -1 : probe.live,
            cpu);
    System.out.printf(
        Locale.ROOT,
        "  %-9s %3d ms %-22s %,9d customers %7.2f s %,9.0f rec/s (bound %.2f s)  heap peak %s"
            + " MiB, live after GC %s MiB, %d GCs %d ms, %s, load %.2f -> %.2f | %s%n",
        vendor,
        latencyMs,
        kase.label(),
        customers,
        seconds,
        customers / seconds,
        result.boundSeconds(),
        HeapMonitor.Usage.mib(heap.peakUsedSampled()),
        HeapMonitor.Usage.mib(heap.maxLiveAfterGc()),
        heap.collections(),
        heap.collectionMillis(),
        cpu,
        loadBefore,
        loadAfter,
        traffic);
    return result;
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  /** The median of a case's runs, per customer (the sequential cases may run fewer customers). */
  private static double medianPerCustomer(List<Run> rs) {
    return median(rs.stream().map(Run::secondsPerCustomer).toList());
  }

  private static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private static void printResults(
      List<Run> all, List<String> vendors, long latency, Map<String, List<Case>> casesByVendor) {
    System.out.println();
    System.out.println(
        "| vendor | latency | side | customers | calls (pages + sends) | wall time, median (runs)"
            + " | recipients/s | bound | time / bound | bound at measured delay (time / it) |"
            + " SDK / raw, same N | SDK / raw sequential |"
            + " peak heap, MiB (max) | live after GC, MiB (max) | GCs / GC time (max) |"
            + " CPU s, median: campaign (calling thread) / server / GC / JIT |"
            + " load avg 1 min (before -> after) |");
    System.out.println(
        "|---|---:|---|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---|---|---|");
    // The machine's speed drifts over seconds to minutes: the SDK's run and the raw run of the
    // same round (adjacent in time) are compared too, each round on its own.
    List<String> paired = new ArrayList<>();
    for (String v : vendors) {
      List<Run> rawSeq = select(all, v, latency, Case.raw(0));
      for (Case c : casesByVendor.get(v)) {
        List<Run> rs = select(all, v, latency, c);
        if (rs.isEmpty()) {
          continue;
        }
        List<Double> secs = rs.stream().map(Run::seconds).toList();
        double med = median(secs);
        Run last = rs.get(rs.size() - 1);
        long cust = last.customers();
        double bound = last.boundSeconds();
        String sameN = "";
        String seq = "";
        if (c.side().equals("sdk")) {
          List<Run> raw = select(all, v, latency, Case.raw(c.concurrency()));
          if (!raw.isEmpty()) {
            sameN = fmt("**%.2f**", medianPerCustomer(rs) / medianPerCustomer(raw));
            if (raw.size() == rs.size()) {
              List<Double> ratios = new ArrayList<>();
              for (int i = 0; i < rs.size(); i++) {
                ratios.add(rs.get(i).secondsPerCustomer() / raw.get(i).secondsPerCustomer());
              }
              paired.add(
                  fmt(
                      "  %s %d ms %s: SDK / raw per round %s, median %.2f",
                      v,
                      latency,
                      c.label(),
                      String.join(", ", ratios.stream().map(d -> fmt("%.2f", d)).toList()),
                      median(ratios)));
            }
          }
          if (!rawSeq.isEmpty()) {
            seq = fmt("%.2f", medianPerCustomer(rs) / medianPerCustomer(rawSeq));
            if (rawSeq.get(0).customers() != cust) {
              seq += " (per recipient)";
            }
          }
        }
        long peak = rs.stream().mapToLong(r -> r.heap().peakUsedSampled()).max().orElse(0);
        long live = rs.stream().mapToLong(r -> r.heap().maxLiveAfterGc()).max().orElse(0);
        long gcs = rs.stream().mapToLong(r -> r.heap().collections()).max().orElse(0);
        long gcMs = rs.stream().mapToLong(r -> r.heap().collectionMillis()).max().orElse(0);
        String loads =
            String.join(
                ", ",
                rs.stream().map(r -> fmt("%.1f -> %.1f", r.loadBefore(), r.loadAfter())).toList());
        System.out.println(
            fmt(
                "| %s | %d ms | %s | %,d | %d + %d | %.2f s (%s) | %,.0f | %s | %s | %s | %s | %s |"
                    + " %s |"
                    + " %s | %d / %d ms | %s | %s |",
                v,
                latency,
                c.label(),
                cust,
                last.pageCalls(),
                last.sendCalls(),
                med,
                String.join(", ", secs.stream().map(d -> fmt("%.2f", d)).toList()),
                cust / med,
                latency == 0 ? "0" : fmt("%.2f s", bound),
                latency == 0 ? "" : fmt("%.2f", med / bound),
                latency == 0
                    ? ""
                    : fmt(
                        "%.2f s (%.2f)",
                        last.measuredBoundSeconds(), med / last.measuredBoundSeconds()),
                sameN,
                seq,
                HeapMonitor.Usage.mib(peak),
                HeapMonitor.Usage.mib(live),
                gcs,
                gcMs,
                cpuMedians(rs),
                loads));
      }
    }
    if (!paired.isEmpty()) {
      System.out.println("\nSDK against the raw run of the same round (adjacent in time):");
      paired.forEach(System.out::println);
    }
  }

  /** The median CPU seconds of each part over a case's runs, or n/a off Linux. */
  private static String cpuMedians(List<Run> rs) {
    if (rs.stream().anyMatch(r -> r.cpu().client() < 0)) {
      return "n/a";
    }
    return fmt(
        "%.2f (%.2f) / %.2f / %.2f / %.2f",
        median(rs.stream().map(r -> r.cpu().client()).toList()),
        median(rs.stream().map(r -> r.cpu().caller()).toList()),
        median(rs.stream().map(r -> r.cpu().server()).toList()),
        median(rs.stream().map(r -> r.cpu().gc()).toList()),
        median(rs.stream().map(r -> r.cpu().jit()).toList()));
  }

  private static List<Run> select(List<Run> all, String vendor, long latency, Case c) {
    return all.stream()
        .filter(r -> r.vendor().equals(vendor) && r.latencyMs() == latency && r.kase().equals(c))
        .toList();
  }

  /**
   * The traffic of each vendor and campaign size, and whether every case sent the same bytes
   * (request bodies; headers are not counted).
   */
  private static void printTraffic(List<Run> runs) {
    System.out.println();
    System.out.println("traffic (loopback server counters), per vendor and campaign size:");
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run r : runs) {
      groups.computeIfAbsent(r.vendor() + " " + r.customers(), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<Run>> g : groups.entrySet()) {
      Set<String> shapes = new LinkedHashSet<>();
      for (Run r : g.getValue()) {
        shapes.add(
            fmt(
                "%d pages, %d sends, %d B up, request checksum %x",
                r.pageCalls(), r.sendCalls(), r.sendBytesUp(), r.requestChecksum()));
      }
      System.out.println(
          "  "
              + g.getKey()
              + " customers, "
              + g.getValue().size()
              + " runs: "
              + (shapes.size() == 1 ? "identical: " : "DIFFERENT: ")
              + shapes
              + " | last: "
              + g.getValue().get(g.getValue().size() - 1).traffic());
    }
  }

  private static void printScaling(List<Run> scale) {
    System.out.println();
    System.out.println(
        "| run (Delivyr, SDK default, 0 ms) | customers | wall time | live heap at 90%, after a full"
            + " GC, MiB | peak heap used, MiB |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (int i = 0; i < scale.size(); i++) {
      Run r = scale.get(i);
      System.out.println(
          fmt(
              "| journal %s | %,d | %.2f s | %s | %s |",
              SCALING_JOURNALS.get(i % SCALING_JOURNALS.size()),
              r.customers(),
              r.seconds(),
              HeapMonitor.Usage.mib(r.liveAt90()),
              HeapMonitor.Usage.mib(r.heap().peakUsedSampled())));
    }
  }

  /** The 1-minute load average ({@code /proc/loadavg}), or -1 where there is none. */
  private static double loadAverage() {
    try {
      String s = Files.readString(Path.of("/proc/loadavg"));
      return Double.parseDouble(s.substring(0, s.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return -1;
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
    long least = minHeapSize();
    if (least >= 0 && least < rt.maxMemory()) {
      // The full collection before each run may give the heap back down to a few tens of MiB (to
      // the least heap, which is -Xms only when -Xms is given), and each run then grows it again:
      // a side that keeps more (the SDK's journal and repeat-tracking of a million recipients,
      // ~50 MiB) pays for that growth in collections.
      System.out.println(
          "note: the least heap ("
              + HeapMonitor.Usage.mib(least)
              + " MiB) is below the max heap: the System.gc() before each run shrinks the heap"
              + " and the run grows it again, which costs the side with more live data extra"
              + " collections; give -Xms equal to -Xmx to measure a heap that stays as large, as"
              + " a long-running service's does");
    }
  }

  /** HotSpot's least heap size ({@code MinHeapSize}, -Xms when given), or -1 if unknown. */
  private static long minHeapSize() {
    try {
      return Long.parseLong(
          ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
              .getVMOption("MinHeapSize")
              .getValue());
    } catch (RuntimeException e) {
      return -1; // not HotSpot, or no such option
    }
  }
}
