package io.campaignrelay.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Child JVM of {@link LogLevelMatrixTest}: runs the given faults at this JVM's log level (set on
 * its command line) and appends one outcome line per fault to a file. Before each fault it prints a
 * marker line, so the parent can search each fault's log for credentials.
 *
 * <p>Args: outcomesFile workDir faultId...
 */
public final class MatrixMain {
  static final String MARKER = "=== FAULT ";

  private MatrixMain() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    Path work = Path.of(args[1]);
    for (int i = 2; i < args.length; i++) {
      FaultCase c = Catalogue.byId(args[i]);
      System.err.println(MARKER + c.id());
      System.err.flush();
      Outcome o = c.run(Files.createDirectories(work.resolve(c.id())));
      Files.writeString(
          out,
          o.line() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    System.err.println(MARKER + "end");
  }
}
