package io.campaignrelay.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** The runtime state contract on the embedded default: H2 in a file of a fresh folder. */
class H2RuntimeStateContractTest extends RuntimeStateContract {
  @TempDir Path dir;

  @Override
  JdbcStore.Builder settings() {
    return JdbcStore.builder().h2File(dir.resolve("state").resolve("campaign-relay"));
  }

  @Override
  DataSource rawDataSource() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:file:"
            + dir.resolve("state").resolve("campaign-relay").toAbsolutePath()
            + ";WRITE_DELAY=0");
    ds.setUser("sa");
    ds.setPassword("");
    return ds;
  }
}
