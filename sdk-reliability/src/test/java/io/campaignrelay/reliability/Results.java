package io.campaignrelay.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each outcome as a tab-separated line to {@code target/reliability/outcomes.tsv}, the
 * source of the figures in docs/RELIABILITY.md ({@code FaultTable} prints them per class).
 */
final class Results {
  static final Path FILE = Path.of("target", "reliability", "outcomes.tsv");

  private Results() {}

  static synchronized void record(String level, Outcome o) {
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          level + "\t" + o.line() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
