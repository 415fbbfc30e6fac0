package io.campaignrelay.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unreadable-2xx faults and the echoed credential again at DEBUG and at TRACE (one child JVM
 * per level, since slf4j-simple fixes levels when a logger is created): the send decision must not
 * depend on the log level, and no credential may reach the log. Ids are {@code <fault>@<LEVEL>}.
 */
class LogLevelMatrixTest {

  static final List<String> LEVELS = List.of("DEBUG", "TRACE");

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> unreadableAnswersAtDebugAndTrace() throws Exception {
    return tests(dir, id -> !Catalogue.KNOWN_FAILING.contains(id));
  }

  static Stream<DynamicTest> tests(Path dir, Predicate<String> include) throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String level : LEVELS) {
      List<String> ids = new ArrayList<>();
      for (FaultCase c : Catalogue.logLevelCases()) {
        if (include.test(c.id() + "@" + level)) {
          ids.add(c.id());
        }
      }
      if (ids.isEmpty()) {
        continue;
      }
      Path outcomes = dir.resolve(level + ".tsv");
      Path log = dir.resolve(level + ".log");
      List<String> args = new ArrayList<>();
      args.add(outcomes.toString());
      args.add(Files.createDirectories(dir.resolve(level)).toString());
      args.addAll(ids);
      int exit =
          ChildJvm.run(level.toLowerCase(java.util.Locale.ROOT), log, MatrixMain.class, args);
      Map<String, Outcome> byId = new HashMap<>();
      if (Files.exists(outcomes)) {
        for (String line : Files.readAllLines(outcomes, StandardCharsets.UTF_8)) {
          Outcome o = Outcome.parse(line);
          byId.put(o.id(), o);
        }
      }
      Map<String, String> logs = split(Files.readString(log, StandardCharsets.UTF_8));
      for (String id : ids) {
        Outcome o = byId.get(id);
        String faultLog = logs.getOrDefault(id, "");
        tests.add(
            DynamicTest.dynamicTest(
                id + "@" + level,
                () -> {
                  assertThat(o)
                      .as("child JVM exit " + exit + "; log:\n" + tail(faultLog))
                      .isNotNull();
                  Vendor v = id.startsWith("TL") ? Vendor.TEXTLOCAL : Vendor.DELIVYR;
                  int logLeaks = faultLog.contains(v.apiKey) ? 1 : 0;
                  Outcome withLog =
                      new Outcome(
                          o.id() + "@" + level,
                          o.faultClass(),
                          o.runs(),
                          o.duplicates(),
                          o.lost(),
                          o.uncertain(),
                          o.trulyUnknown(),
                          o.secretLeaks() + logLeaks,
                          o.completed(),
                          o.expectCompletion(),
                          o.note());
                  Results.record(level, withLog);
                  assertThat(withLog.passed()).as(withLog.toString()).isTrue();
                }));
      }
    }
    return tests.stream();
  }

  private static Map<String, String> split(String log) {
    Map<String, String> out = new HashMap<>();
    String current = null;
    StringBuilder sb = new StringBuilder();
    for (String line : log.split("\n")) {
      if (line.startsWith(MatrixMain.MARKER)) {
        if (current != null) {
          out.put(current, sb.toString());
        }
        current = line.substring(MatrixMain.MARKER.length()).trim();
        sb.setLength(0);
      } else {
        sb.append(line).append('\n');
      }
    }
    if (current != null) {
      out.put(current, sb.toString());
    }
    return out;
  }

  private static String tail(String s) {
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }
}
