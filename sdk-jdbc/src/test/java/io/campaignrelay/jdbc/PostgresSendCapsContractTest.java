package io.campaignrelay.jdbc;

import org.junit.jupiter.api.BeforeEach;

/**
 * The send caps and listener tokens contract on a real PostgreSQL (embedded), each test in a schema
 * of its own: the races run on separate connections of separate stores, as instances would.
 */
class PostgresSendCapsContractTest extends SendCapsContract {
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
