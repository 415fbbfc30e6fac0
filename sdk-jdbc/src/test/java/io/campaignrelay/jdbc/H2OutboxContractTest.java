package io.campaignrelay.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The metrics outbox contract on the embedded default: H2 in a file of a fresh folder. */
class H2OutboxContractTest extends OutboxContract {
  @TempDir Path dir;

  @Override
  JdbcStore.Builder settings() {
    return JdbcStore.builder().h2File(dir.resolve("state").resolve("campaign-relay"));
  }
}
