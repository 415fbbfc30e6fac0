package io.campaignrelay.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.Campaign;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded JVM halts: a child JVM runs a LIVE campaign of 16 recipients in batches of 4 and dies at a
 * point drawn with a fixed seed from every journal write (halted with {@code Runtime.halt} just
 * before or just after it) and every message (killed with SIGKILL by the vendor server, in the
 * parent, right after it accepted that message, mid-batch); then one fresh JVM re-runs every halted
 * campaign with its targets shuffled. Each point must end with 0 duplicates, 0 lost and 0 uncertain
 * (the vendors' records are up, so nothing is truly unknown).
 */
class HaltTest {
  static final long SEED = 20_261_201L;
  static final int N = 16;
  static final int BATCH = 4;
  static final int POINTS_PER_VENDOR = 11;

  @TempDir Path dir;

  record Point(Vendor vendor, String kind, int at) {
    String id() {
      return vendor.code + "-halt-" + kind + "-" + at;
    }

    long campaignId() {
      return 900_000L + Math.floorMod(id().hashCode(), 90_000);
    }
  }

  static List<Point> points() {
    Random random = new Random(SEED);
    List<Point> out = new ArrayList<>();
    for (Vendor v : Vendor.values()) {
      List<Point> options = new ArrayList<>();
      int writes = 2 * (N / BATCH);
      for (int w = 1; w <= writes; w++) {
        options.add(new Point(v, "before-write", w));
        options.add(new Point(v, "after-write", w));
      }
      for (int m = 1; m <= N; m++) {
        options.add(new Point(v, "at-message", m));
      }
      Collections.shuffle(options, random);
      out.addAll(options.subList(0, POINTS_PER_VENDOR));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> haltedAnywhereThenRerunShuffledInAFreshJvm() throws Exception {
    return tests(dir, id -> !Catalogue.KNOWN_FAILING.contains(id));
  }

  static Stream<DynamicTest> tests(Path dir, Predicate<String> include) throws Exception {
    List<Point> points = points().stream().filter(p -> include.test(p.id())).toList();
    if (points.isEmpty()) {
      return Stream.empty();
    }
    Map<Point, Ledger> ledgers = new HashMap<>();
    Map<Point, VendorServer> servers = new HashMap<>();
    Map<Point, Integer> exits = new HashMap<>();
    List<DynamicTest> tests = new ArrayList<>();
    try {
      for (Point p : points) {
        Ledger l = new Ledger();
        ledgers.put(p, l);
        servers.put(p, p.vendor().server(l));
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Map<Point, Future<Integer>> halted = new HashMap<>();
      for (Point p : points) {
        halted.put(p, pool.submit(() -> haltedRun(dir, p, servers.get(p))));
      }
      for (Point p : points) {
        exits.put(p, halted.get(p).get());
      }
      pool.shutdown();
      for (VendorServer s : servers.values()) {
        s.onAccepted = n -> {};
      }
      Path report = dir.resolve("rerun.tsv");
      List<String> args = new ArrayList<>();
      args.add(report.toString());
      for (int i = 0; i < points.size(); i++) {
        Point p = points.get(i);
        args.add(group(dir, p, servers.get(p), SEED + i + 1, "none"));
      }
      int exit = ChildJvm.run("off", dir.resolve("rerun.log"), HaltMain.class, args);
      Map<Long, String[]> reran = new HashMap<>();
      if (Files.exists(report)) {
        for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
          String[] f = line.split("\t", 4);
          reran.put(Long.parseLong(f[0]), f);
        }
      }
      for (Point p : points) {
        String[] r = reran.get(p.campaignId());
        FaultCase fc =
            new FaultCase(
                p.id(),
                "halt",
                p.vendor(),
                Fault.NONE,
                0,
                false,
                N,
                BATCH,
                null,
                true,
                false,
                false);
        Campaign campaign = Targets.campaign(p.campaignId(), N);
        Path journal = journal(dir, p);
        List<String> texts = new ArrayList<>();
        if (Files.exists(journal)) {
          texts.add(Files.readString(journal, StandardCharsets.UTF_8));
        }
        Outcome o =
            r == null
                ? new Outcome(p.id(), "halt", 2, 0, N, -1, 0, 0, false, true, "re-run exit " + exit)
                : fc.evaluate(
                    ledgers.get(p),
                    journal,
                    campaign,
                    Long.parseLong(r[2]),
                    2,
                    Boolean.parseBoolean(r[1]),
                    true,
                    texts,
                    "halted run exit " + exits.get(p) + "; re-run: " + r[3]);
        Results.record("OFF", o);
        tests.add(
            DynamicTest.dynamicTest(
                p.id(),
                () -> {
                  // 137: halted or killed at the point; 0 only if a run never reaches it
                  assertThat(exits.get(p)).as("the first run's exit code").isIn(0, 137);
                  assertThat(o.passed()).as(o.toString()).isTrue();
                }));
      }
    } finally {
      for (VendorServer s : servers.values()) {
        s.close();
      }
    }
    return tests.stream();
  }

  private static Path journal(Path dir, Point p) {
    return dir.resolve(p.id()).resolve("journal.log");
  }

  private static String group(Path dir, Point p, VendorServer server, long seed, String halt)
      throws Exception {
    Files.createDirectories(journal(dir, p).getParent());
    return String.join(
        "|",
        p.vendor().name(),
        server.url(),
        journal(dir, p).toString(),
        Long.toString(p.campaignId()),
        Integer.toString(N),
        Integer.toString(BATCH),
        Long.toString(seed),
        halt);
  }

  private static int haltedRun(Path dir, Point p, VendorServer server) throws Exception {
    String halt =
        switch (p.kind()) {
          case "before-write" -> "before:" + p.at();
          case "after-write" -> "after:" + p.at();
          default -> "none";
        };
    List<String> args =
        List.of(dir.resolve(p.id() + "-halted.tsv").toString(), group(dir, p, server, 0, halt));
    Path log = dir.resolve(p.id() + "-halted.log");
    AtomicReference<Process> child = new AtomicReference<>();
    if (p.kind().equals("at-message")) {
      server.onAccepted =
          n -> {
            if (n == p.at()) {
              Process proc = child.get();
              proc.destroyForcibly();
              try {
                proc.waitFor();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          };
    }
    Process proc = ChildJvm.start("off", log, HaltMain.class, args);
    child.set(proc);
    if (!proc.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      proc.destroyForcibly();
    }
    return proc.exitValue();
  }
}
