package io.campaignrelay.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the figures of {@code target/reliability/outcomes.tsv} per fault class as a Markdown table
 * (the table of docs/RELIABILITY.md): {@code java -cp sdk-reliability/target/test-classes
 * io.campaignrelay.reliability.FaultTable [file]}. Needs nothing but the JDK.
 */
public final class FaultTable {
  private FaultTable() {}

  public static void main(String[] args) throws Exception {
    Path file =
        args.length > 0 ? Path.of(args[0]) : Path.of("sdk-reliability", Results.FILE.toString());
    System.out.print(markdown(file));
  }

  static String markdown(Path file) throws java.io.IOException {
    StringBuilder out = new StringBuilder();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, long[]> byClass = new LinkedHashMap<>();
    long[] total = new long[8];
    for (String line : lines) {
      String[] f = line.split("\t", -1);
      // level, id, class, runs, duplicates, lost, uncertain, trulyUnknown, leaks, completed,
      // expect,
      // verdict, note
      String cls = f[2] + ("OFF".equals(f[0]) ? "" : " @" + f[0]);
      long[] a = byClass.computeIfAbsent(cls, k -> new long[8]);
      long[] add = {
        1,
        Long.parseLong(f[3]),
        Long.parseLong(f[4]),
        Long.parseLong(f[5]),
        Math.max(0, Long.parseLong(f[6])),
        Long.parseLong(f[7]),
        Long.parseLong(f[8]),
        "PASS".equals(f[11]) ? 1 : 0
      };
      for (int i = 0; i < 8; i++) {
        a[i] += add[i];
        total[i] += add[i];
      }
    }
    out.append(
        "| fault class | faults | runs | duplicates | lost | uncertain reported | truly unknown |"
            + " secret leaks | passing |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    byClass.forEach((k, a) -> out.append(row(k, a)).append('\n'));
    out.append(row("**total**", total)).append('\n');
    return out.toString();
  }

  private static String row(String name, long[] a) {
    return "| " + name + " | " + a[0] + " | " + a[1] + " | " + a[2] + " | " + a[3] + " | " + a[4]
        + " | " + a[5] + " | " + a[6] + " | " + a[7] + "/" + a[0] + " |";
  }
}
