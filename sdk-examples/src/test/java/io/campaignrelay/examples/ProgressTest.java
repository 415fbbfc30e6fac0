package io.campaignrelay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static String draw(boolean console) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Progress p = Progress.start(out, console, "step", 1_000, "customers");
      for (int i = 1; i <= 1_000; i++) {
        p.update(i, i / 100);
      }
      p.finish("done");
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainOutputPrintsAQuarterPerLineAndNoCarriageReturn() {
    String out = draw(false);
    assertThat(out).doesNotContain("\r");
    assertThat(out.lines().filter(l -> l.contains("step ["))).hasSize(4);
    assertThat(out).contains("100% 1,000/1,000 customers, dropped 10").contains("    done");
  }

  @Test
  void consoleOutputRedrawsOneLine() {
    String out = draw(true);
    assertThat(out).contains("\r  step [");
    // one line redrawn with \r, ended once, then the summary
    assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(2);
    assertThat(out).contains("100% 1,000/1,000");
  }

  @Test
  void tablesAlignCounts() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Tables.print(
          out,
          "",
          List.of("Metric", "Count", "Source"),
          List.of(List.of("Targeted", Tables.count(10_000), "x"), List.of("Sent", "9", "y")));
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("| Targeted | 10,000 | x      |")
        .contains("| Sent     |      9 | y      |");
  }

  @Test
  void optionsParse() {
    Demo.Options o = Demo.Options.parse(new String[] {"--live", "--customers=500", "--seed=3"});
    assertThat(o.live()).isTrue();
    assertThat(o.customers()).isEqualTo(500);
    assertThat(o.seed()).isEqualTo(3);
    assertThat(o.triggers()).isEqualTo(Demo.DEFAULT_TRIGGERS);
  }
}
