package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.RecipientState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal contract on a real PostgreSQL (embedded, started once per test JVM by {@link
 * TestPostgres}); each test in a schema of its own.
 */
class PostgresJournalContractTest extends JournalContract {
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

  @Test
  void idleConnectionsTheServerDroppedAreReplacedWithoutFailingTheCall() throws Exception {
    JdbcStore store =
        track(
            JdbcStore.builder()
                .jdbcUrl(TestPostgres.url() + "&ApplicationName=" + schema)
                .schema(schema)
                .build());
    JdbcExecutionJournal journal = store.executionJournal();
    journal.recordAll(entries(30, 0, 10, RecipientState.PENDING));
    int killed;
    try (Connection c = rawDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = '"
                    + schema
                    + "') AS t")) {
      rs.next();
      killed = rs.getInt(1);
    }
    assertThat(killed).isPositive();

    journal.recordAll(entries(30, 0, 10, RecipientState.DISPATCHED));
    assertThat(journal.isDone(CampaignId.scheduled(30), CustomerId.of("C9"))).isTrue();
  }

  @Test
  void theJournalLeavesRoomOnEachPageForTheOutcomeUpdate() throws Exception {
    JdbcStore store = track(settings().build());
    JdbcExecutionJournal journal = store.executionJournal();
    journal.recordAll(entries(31, 0, 20, RecipientState.PENDING));
    try (Connection c = rawDataSource().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT array_to_string(c.reloptions, ',') FROM pg_class c JOIN pg_namespace n ON"
                  + " n.oid = c.relnamespace WHERE n.nspname = '"
                  + schema
                  + "' AND c.relname = 'cr_journal'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("fillfactor=50");
      }
    }
  }
}
