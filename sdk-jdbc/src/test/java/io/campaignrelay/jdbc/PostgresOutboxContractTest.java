package io.campaignrelay.jdbc;

import org.junit.jupiter.api.BeforeEach;

/**
 * The metrics outbox contract on a real PostgreSQL (embedded), each test in a schema of its own.
 */
class PostgresOutboxContractTest extends OutboxContract {
  private String schema;

  @BeforeEach
  void freshSchema() {
    schema = TestPostgres.freshSchema();
  }

  @Override
  JdbcStore.Builder settings() {
    return JdbcStore.builder().jdbcUrl(TestPostgres.url()).schema(schema);
  }
}
