package io.campaignrelay.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetricsOutboxTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;

  private FileMetricsOutbox open(Path file, TestClock clock) {
    return FileMetricsOutbox.open(
        file, FileMetricsOutbox.Durability.SYNC, clock, MetricsOutbox.DEFAULT_RETENTION);
  }

  /** Many writes: no fsync, which only decides power-loss durability, not the file's content. */
  private FileMetricsOutbox openFast(Path file, TestClock clock) {
    return FileMetricsOutbox.open(
        file, FileMetricsOutbox.Durability.OS_BUFFERED, clock, MetricsOutbox.DEFAULT_RETENTION);
  }

  private static OutboxEntry entry(String id, String payload) {
    return new OutboxEntry(id, "t", payload, T0);
  }

  @Test
  void aRestartKeepsWhatWasPendingAndForgetsWhatWasAcknowledged() {
    Path file = dir.resolve("outbox.log");
    TestClock clock = new TestClock(T0);
    try (FileMetricsOutbox o = open(file, clock)) {
      o.append(
          List.of(
              entry("a", "{\"x\":1}"),
              entry("b", "tab\there, newline\nthere, back\\slash, \u00e9t\u00e9 \ud83d\ude00"),
              entry("c", "")));
      o.acknowledge(List.of("a"));
    }
    try (FileMetricsOutbox o = open(file, clock)) {
      assertThat(o.discardedRecords()).isZero();
      assertThat(o.pending("t", 10))
          .containsExactly(
              entry("b", "tab\there, newline\nthere, back\\slash, \u00e9t\u00e9 \ud83d\ude00"),
              entry("c", ""));
      assertThat(o.append(List.of(entry("a", "again"))))
          .as("acknowledged before the restart")
          .isZero();
      assertThat(o.depth()).isEqualTo(2);
    }
  }

  @Test
  void aTornTailAtEveryByteOffsetIsDiscardedAndTheIntactEntriesStay() throws IOException {
    Path whole = dir.resolve("whole.log");
    TestClock clock = new TestClock(T0);
    try (FileMetricsOutbox o = open(whole, clock)) {
      o.append(List.of(entry("a", "first")));
      o.append(List.of(entry("b", "caf\u00e9 \u20ac \ud83d\ude00"), entry("c", "third")));
      o.acknowledge(List.of("a"));
    }
    byte[] bytes = Files.readAllBytes(whole);
    String text = new String(bytes, StandardCharsets.UTF_8);
    int lastTwoStart = text.indexOf("\tA\t", text.indexOf("first")) - 3;
    int prefixBytes = text.substring(0, lastTwoStart).getBytes(StandardCharsets.UTF_8).length;
    for (int cut = prefixBytes; cut < bytes.length; cut++) {
      Path torn = dir.resolve("torn-" + cut + ".log");
      Files.write(torn, Arrays.copyOf(bytes, cut));
      List<String> expected = new ArrayList<>(List.of("a"));
      String kept = new String(Arrays.copyOf(bytes, cut), StandardCharsets.UTF_8);
      long completeLines = kept.chars().filter(ch -> ch == '\n').count();
      if (completeLines >= 2) {
        expected.add("b");
      }
      if (completeLines >= 3) {
        expected.add("c");
      }
      if (completeLines >= 4) {
        expected.remove("a");
      }
      try (FileMetricsOutbox o = openFast(torn, clock)) {
        assertThat(o.pending("t", 10))
            .as("cut at byte %d", cut)
            .extracting(OutboxEntry::id)
            .containsExactlyElementsOf(expected);
        assertThat(o.discardedRecords()).isEqualTo(kept.endsWith("\n") ? 0 : 1);
        o.append(List.of(entry("z", "after")));
      }
      try (FileMetricsOutbox o = openFast(torn, clock)) {
        assertThat(o.discardedRecords())
            .as("appends after a torn tail start a fresh line")
            .isZero();
        assertThat(o.pending("t", 10)).extracting(OutboxEntry::id).endsWith("z");
      }
    }
  }

  @Test
  void aDamagedLineBetweenIntactOnesIsSkippedAndCounted() throws IOException {
    Path file = dir.resolve("damaged.log");
    TestClock clock = new TestClock(T0);
    try (FileMetricsOutbox o = open(file, clock)) {
      o.append(List.of(entry("a", "one")));
      o.append(List.of(entry("b", "two")));
      o.append(List.of(entry("c", "three")));
    }
    String text = Files.readString(file);
    Files.writeString(file, text.replace("two", "tw0"));
    try (FileMetricsOutbox o = open(file, clock)) {
      assertThat(o.discardedRecords()).isOne();
      assertThat(o.pending("t", 10)).extracting(OutboxEntry::id).containsExactly("a", "c");
    }
    try (FileMetricsOutbox o = open(file, clock)) {
      assertThat(o.discardedRecords()).as("the rewrite on open dropped the damaged line").isZero();
      assertThat(o.pending("t", 10)).extracting(OutboxEntry::id).containsExactly("a", "c");
    }
  }

  @Test
  void theFileIsRewrittenWhenDeliveredLinesDominate() throws IOException {
    Path file = dir.resolve("compact.log");
    TestClock clock = new TestClock(T0);
    try (FileMetricsOutbox o = openFast(file, clock)) {
      for (int i = 0; i < 3_000; i++) {
        o.append(List.of(entry("e" + i, "payload " + i)));
        o.acknowledge(List.of("e" + i));
      }
      o.append(List.of(entry("last", "waiting")));
      long lines = Files.readAllLines(file).size();
      assertThat(lines).as("rewritten along the way").isLessThan(5_000);
      clock.advance(Duration.ofDays(9));
    }
    try (FileMetricsOutbox o = open(file, clock)) {
      assertThat(Files.readAllLines(file))
          .as("after the retention only the pending entry is left")
          .hasSize(1);
      assertThat(o.pending("t", 10)).extracting(OutboxEntry::id).containsExactly("last");
      assertThat(o.append(List.of(entry("e1", "x")))).isEqualTo(1);
    }
    assertThat(Files.exists(file.resolveSibling("compact.log.compact"))).isFalse();
  }

  @Test
  void acknowledgedIdsWithinTheRetentionSurviveARewrite() {
    Path file = dir.resolve("retained.log");
    TestClock clock = new TestClock(T0);
    try (FileMetricsOutbox o = openFast(file, clock)) {
      for (int i = 0; i < 2_500; i++) {
        o.append(List.of(entry("e" + i, "p")));
        o.acknowledge(List.of("e" + i));
      }
    }
    try (FileMetricsOutbox o = open(file, clock)) {
      assertThat(o.append(List.of(entry("e0", "p"), entry("e2499", "p")))).isZero();
      assertThat(o.depth()).isZero();
    }
  }
}
