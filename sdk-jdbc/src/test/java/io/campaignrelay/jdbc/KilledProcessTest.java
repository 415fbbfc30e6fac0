package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real JVM recording to the journal is halted (no cleanup, no close) in the middle of large
 * transactions; a new store on the same database then finds every batch whose {@code recordAll} had
 * returned, and no batch in part.
 */
class KilledProcessTest {
  @TempDir Path dir;

  @Test
  void onTheH2FileEveryReturnedBatchSurvivesAndNoneIsHalfWritten() throws Exception {
    Path file = dir.resolve("relay");
    String out = run("h2", file.toString(), "3", "300");
    assertThat(out).contains("recorded 1500");
    try (JdbcStore store = JdbcStore.h2(file)) {
      assertSurvivors(store.executionJournal().count(CampaignId.scheduled(77)));
    }
  }

  @Test
  void onPostgresqlEveryReturnedBatchSurvivesAndNoneIsHalfWritten() throws Exception {
    String schema = TestPostgres.freshSchema();
    String out = run("url", TestPostgres.url(), schema, "3", "300");
    assertThat(out).contains("recorded 1500");
    try (JdbcStore store = JdbcStore.builder().jdbcUrl(TestPostgres.url()).schema(schema).build()) {
      assertSurvivors(store.executionJournal().count(CampaignId.scheduled(77)));
    }
  }

  private static void assertSurvivors(long count) {
    System.out.println("rows after the halt: " + count);
    assertThat(count).isGreaterThanOrEqualTo(1500);
    assertThat((count - 1500) % 20_000).as("a large batch in part: %s rows", count).isZero();
  }

  private static String run(String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add(RecordingMain.class.getName());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM did not finish: " + out);
    }
    assertThat(p.exitValue()).as(out).isEqualTo(137);
    return out;
  }
}
