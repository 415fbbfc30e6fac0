package io.campaignrelay.jdbc;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

/** The runtime state contract on a real PostgreSQL (embedded), each test in a schema of its own. */
class PostgresRuntimeStateContractTest extends RuntimeStateContract {
  private String schema;

  @BeforeEach
  void freshSchema() {
    schema = TestPostgres.freshSchema();
  }

  @Override
  JdbcStore.Builder settings() {
    return JdbcStore.builder().jdbcUrl(TestPostgres.url()).schema(schema);
  }

  @Override
  DataSource rawDataSource() {
    return TestPostgres.server().getPostgresDatabase();
  }
}
