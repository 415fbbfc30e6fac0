package io.campaignrelay.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each outcome as a tab-separated line to {@code target/reliability/outcomes.tsv} (started
 * afresh by each test JVM) and rewrites {@code target/reliability/fault-table.md}, the figures per
 * fault class of docs/RELIABILITY.md ({@link FaultTable}).
 */
final class Results {
  static final Path FILE = Path.of("target", "reliability", "outcomes.tsv");
  static final Path TABLE = Path.of("target", "reliability", "fault-table.md");
  private static final java.util.concurrent.atomic.AtomicBoolean STARTED =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Results() {}

  static synchronized void record(String level, Outcome o) {
    try {
      Files.createDirectories(FILE.getParent());
      if (STARTED.compareAndSet(false, true)) {
        Files.deleteIfExists(FILE);
      }
      Files.writeString(
          FILE,
          level + "\t" + o.line() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Files.writeString(TABLE, FaultTable.markdown(FILE), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
