package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.RecipientState;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building a store: the settings, the connection failures and what messages may show. */
class JdbcStoreTest {
  @TempDir Path dir;

  @Test
  void everyInvalidSettingIsListedAtOnce() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                JdbcStore.builder()
                    .schema("Bad-Schema")
                    .tablePrefix("9x")
                    .migrationMode(null)
                    .build());
    assertThat(e.problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("database", "schema", "tablePrefix", "migrationMode");
    assertThat(e.getMessage()).contains("JdbcStore.h2(path)");

    ConfigurationException two =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                JdbcStore.builder()
                    .jdbcUrl("postgresql://db/relay?password=hunter2")
                    .h2File(dir.resolve("x"))
                    .build());
    assertThat(two.problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("database", "jdbcUrl");
    assertThat(two.getMessage()).doesNotContain("hunter2").contains("password=****");
  }

  @Test
  void credentialsBelongOnTheHostsDataSource() {
    DataSource ds = TestPostgres.server().getPostgresDatabase();
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> JdbcStore.builder().dataSource(ds).password(Secret.of("pw-1")).build());
    assertThat(e.problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("user/password");
    assertThat(e.getMessage()).doesNotContain("pw-1");
  }

  @Test
  void anUnreachableDatabaseIsATypedErrorNamingTheUrlWithoutPasswords() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/relay?user=relay&password=hunter2";
    DatabaseUnavailableException e =
        catchThrowableOfType(
            DatabaseUnavailableException.class,
            () -> JdbcStore.builder().jdbcUrl(url).password(Secret.of("s3cr3t-pw")).build());
    assertThat(e.getMessage())
        .contains("cannot connect to the database")
        .contains("jdbc:postgresql://127.0.0.1:" + port + "/relay?user=relay&password=****")
        .contains("check that the database is running and reachable")
        .doesNotContain("hunter2")
        .doesNotContain("s3cr3t-pw");
    assertThat(e.sqlState()).contains("08001");
  }

  @Test
  void aWrongH2PasswordIsATypedErrorWithoutThePassword() {
    Path file = dir.resolve("locked");
    JdbcStore.builder().h2File(file).user("relay").password(Secret.of("right-pw")).build().close();
    DatabaseUnavailableException e =
        catchThrowableOfType(
            DatabaseUnavailableException.class,
            () ->
                JdbcStore.builder()
                    .h2File(file)
                    .user("relay")
                    .password(Secret.of("wrong-pw"))
                    .build());
    assertThat(e.getMessage())
        .contains("H2 file " + file.toAbsolutePath())
        .contains("check the user and password")
        .doesNotContain("wrong-pw")
        .doesNotContain("right-pw");
  }

  @Test
  void thePasswordOfAUrlNeverShowsInTheStoresDescription() {
    String url = TestPostgres.url() + "&password=hunter2";
    try (JdbcStore store =
        JdbcStore.builder().jdbcUrl(url).schema(TestPostgres.freshSchema()).build()) {
      assertThat(store.database()).contains("password=****").doesNotContain("hunter2");
      assertThat(store.toString())
          .doesNotContain("hunter2")
          .contains("schemaVersion=" + JournalContract.SUPPORTED);
      assertThat(store.executionJournal().toString()).doesNotContain("hunter2");
      assertThat(store.databaseProduct()).isEqualTo("PostgreSQL");
      assertThat(store.toBuilder().toString()).doesNotContain("hunter2");
    }
  }

  @Test
  void aHostDataSourceIsUsedAsItIsAndLeftOpen() {
    DataSource host = TestPostgres.server().getPostgresDatabase();
    String schema = TestPostgres.freshSchema();
    JdbcStore store = JdbcStore.builder().dataSource(host).schema(schema).build();
    CampaignId id = CampaignId.scheduled(1);
    store
        .executionJournal()
        .recordAll(
            List.of(
                JournalEntry.of(
                    id, CustomerId.of("A"), RecipientState.DISPATCHED, Instant.EPOCH, "m")));
    store.close();
    assertThat(store.database()).startsWith("jdbc:postgresql://localhost:");
    try (JdbcStore again = JdbcStore.builder().dataSource(host).schema(schema).build()) {
      assertThat(again.executionJournal().isDone(id, CustomerId.of("A"))).isTrue();
    }
  }

  @Test
  void theEmbeddedDefaultIsOneH2FileCreatedWithItsFolder() {
    Path base = dir.resolve("deep").resolve("folder").resolve("relay");
    CampaignId id = CampaignId.scheduled(2);
    try (JdbcStore store = JdbcStore.h2(base)) {
      assertThat(store.databaseProduct()).isEqualTo("H2");
      assertThat(store.schema()).isEqualTo(JdbcStore.DEFAULT_SCHEMA);
      assertThat(store.tablePrefix()).isEqualTo(JdbcStore.DEFAULT_TABLE_PREFIX);
      store
          .executionJournal()
          .record(
              JournalEntry.of(id, CustomerId.of("A"), RecipientState.LOGGED, Instant.EPOCH, ""));
    }
    assertThat(Files.exists(base.resolveSibling("relay.mv.db"))).isTrue();
    // Named with H2's suffix, it is the same file.
    try (JdbcStore store = JdbcStore.h2(base.resolveSibling("relay.mv.db"))) {
      assertThat(store.executionJournal().isDone(id, CustomerId.of("A"))).isTrue();
    }
  }

  @Test
  void nullArgumentsAreTypedErrors() {
    try (JdbcStore store = JdbcStore.h2(dir.resolve("n"))) {
      JdbcExecutionJournal journal = store.executionJournal();
      assertThat(
              catchThrowableOfType(
                  ConfigurationException.class, () -> journal.entry(null, CustomerId.of("A"))))
          .hasMessageContaining("campaignId");
      assertThat(
              catchThrowableOfType(
                  ConfigurationException.class,
                  () -> journal.recordAll(java.util.Arrays.asList((JournalEntry) null))))
          .hasMessageContaining("entries");
      assertThat(
              catchThrowableOfType(
                  ConfigurationException.class, () -> JdbcExecutionJournal.of(null)))
          .hasMessageContaining("store");
      assertThat(JdbcExecutionJournal.of(store)).isSameAs(journal);
    }
  }
}
