package io.campaignrelay.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The send caps and listener tokens contract on the embedded default: H2 in a file. */
class H2SendCapsContractTest extends SendCapsContract {
  @TempDir Path dir;

  @Override
  JdbcStore.Builder settings() {
    return JdbcStore.builder().h2File(dir.resolve("state").resolve("campaign-relay"));
  }
}
