package io.campaignrelay.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler contract on the embedded default: H2 in a file of a fresh folder. */
class H2SchedulerContractTest extends SchedulerContract {
  @TempDir Path dir;

  @Override
  JdbcStore.Builder settings() {
    return JdbcStore.builder().h2File(dir.resolve("state").resolve("campaign-relay"));
  }
}
