package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM in the middle of a campaign (Runtime.halt, no cleanup), re-runs it, and checks
 * the vendor's side: every customer delivered exactly once.
 */
class KillMidCampaignTest {

  @TempDir Path dir;

  @Test
  void killedMidBatchThenRerunLosesNoneAndDuplicatesNone() throws Exception {
    Path journal = dir.resolve("journal.log");
    Path vendor = dir.resolve("vendor.log");

    Result killed = run(journal, vendor, 1234);
    assertThat(killed.exitCode).isEqualTo(137);
    assertThat(Files.readAllLines(vendor)).hasSize(1234);

    Result resumed = run(journal, vendor, -1);
    assertThat(resumed.exitCode).as(resumed.output).isZero();
    // 12 full batches were journaled as done; batch 13 was PENDING (34 of its 100 delivered).
    assertThat(resumed.output).contains("REPORT skipped=1200 resent=100 dispatched=800");

    List<String> customers =
        Files.readAllLines(vendor).stream()
            .map(l -> l.substring(l.indexOf('|') + 1))
            .collect(Collectors.toList());
    assertThat(customers).hasSize(2000);
    assertThat(new HashSet<>(customers)).hasSize(2000);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path journal, Path vendor, int killAfter)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                KillableCampaignMain.class.getName(),
                journal.toString(),
                vendor.toString(),
                Integer.toString(killAfter))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish: " + out);
    }
    return new Result(p.exitValue(), out);
  }
}
