package io.campaignrelay.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * By hand only (off unless {@code -Dcampaignrelay.bench=true}): the server CPU per recipient of
 * alternative SQL for the journal's writes on embedded PostgreSQL, written as the engine writes
 * (each statement: a batch of 1,000 PENDING rows with the previous batch's 1,000 outcomes). The CPU
 * is read from {@code /proc} for the postmaster and its children (so: Linux, and the server on the
 * same machine), which a loaded machine disturbs far less than wall time. {@code -Dx.v=v0,v1,...}
 * picks the variants (see {@link #writer(String)}), {@code -Dx.n} the recipients (200,000), {@code
 * -Dx.collate=C} alters the key columns to that collation first; {@code -Dx.explain=true} runs
 * {@link #explain()} instead: EXPLAIN (ANALYZE, BUFFERS, WAL) of each variant's statements on a
 * table of {@code x.n} rows.
 *
 * <pre>
 * mvn -o -q -pl sdk-jdbc -am test -Dtest='JournalWriteVariantsBenchmark#variants' \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dcampaignrelay.bench=true -Dx.v=v0,v2,v0,v2
 * </pre>
 */
@EnabledIfSystemProperty(named = "campaignrelay.bench", matches = "true")
class JournalWriteVariantsBenchmark {
  static final int N = Integer.getInteger("x.n", 200_000);
  static final int B = 1000;
  static final String CAMPAIGN = "scheduled-2";

  interface Writer {
    void write(Connection c, String table, List<String[]> pending, List<String[]> outcomes)
        throws Exception;
  }

  @Test
  @DisabledIfSystemProperty(named = "x.explain", matches = "true")
  void variants() throws Exception {
    String[] which = System.getProperty("x.v", "v0,v1,v2,v3").split(",");
    for (String v : which) {
      for (int round = 0; round < Integer.getInteger("x.rounds", 1); round++) {
        run(v);
      }
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "x.explain", matches = "true")
  void explain() throws Exception {
    String schema = TestPostgres.freshSchema();
    try (JdbcStore store = JdbcStore.builder().jdbcUrl(TestPostgres.url()).schema(schema).build();
        Connection c = DriverManager.getConnection(TestPostgres.url())) {
      if (store.executionJournal() == null) throw new AssertionError();
      String table = schema + ".cr_journal";
      String at1 = Instant.parse("2026-11-24T09:00:00.123456Z").toString();
      String at2 = Instant.parse("2026-11-24T09:00:01.5Z").toString();
      Writer w0 = writer("v0");
      List<String[]> prev = new ArrayList<>();
      for (int from = 0; from < N; from += B) {
        List<String[]> pending = batch(from, at1);
        w0.write(c, table, pending, prev);
        prev = new ArrayList<>();
        for (String[] p : pending) {
          prev.add(new String[] {p[0], p[1], "DISPATCHED", p[3], at2, "v" + p[1]});
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("VACUUM ANALYZE " + table);
        try (ResultSet rs = st.executeQuery("SHOW shared_buffers")) {
          rs.next();
          System.out.println("shared_buffers " + rs.getString(1));
        }
        try (ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
          rs.next();
          System.out.println("synchronous_commit " + rs.getString(1));
        }
        try (ResultSet rs = st.executeQuery("SHOW fsync")) {
          rs.next();
          System.out.println("fsync " + rs.getString(1));
        }
        try (ResultSet rs =
            st.executeQuery("SELECT name FROM pg_available_extensions ORDER BY 1")) {
          StringBuilder sb = new StringBuilder("extensions:");
          while (rs.next()) sb.append(' ').append(rs.getString(1));
          System.out.println(sb);
        }
      }
      List<String[]> pending = batch(N, at1);
      for (String v : System.getProperty("x.v", "v0,v1,v2,v3").split(",")) {
        c.setAutoCommit(false);
        Connection spy = explaining(c);
        for (int rep = 0; rep < 3; rep++) {
          System.out.println("== " + v + " rep " + rep);
          writer(v).write(spy, table, pending, prev);
          c.rollback();
        }
        c.setAutoCommit(true);
      }
    }
  }

  static List<String[]> batch(int from, String at) {
    List<String[]> pending = new ArrayList<>();
    for (int i = from; i < from + B; i++) {
      pending.add(new String[] {CAMPAIGN, "K" + i, "PENDING", key(i), at, ""});
    }
    return pending;
  }

  /** A connection whose prepareStatement runs EXPLAIN ANALYZE of the statement instead. */
  static Connection explaining(Connection c) {
    return (Connection)
        java.lang.reflect.Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, m, args) -> {
              if (m.getName().equals("setAutoCommit") || m.getName().equals("commit")) {
                return null;
              }
              if (m.getName().equals("prepareStatement")) {
                PreparedStatement ps =
                    c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, WAL) " + args[0]);
                return java.lang.reflect.Proxy.newProxyInstance(
                    PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    (p2, m2, a2) -> {
                      if (m2.getName().equals("executeUpdate")) {
                        try (ResultSet rs = ps.executeQuery()) {
                          while (rs.next()) System.out.println(rs.getString(1));
                        }
                        return 0;
                      }
                      return m2.invoke(ps, a2);
                    });
              }
              return m.invoke(c, args);
            });
  }

  static long cpuOf(long pid) throws Exception {
    String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  static long serverCpu(long postmaster) throws Exception {
    long sum = cpuOf(postmaster);
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) continue;
        try {
          String s = Files.readString(p.resolve("stat"));
          String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
          if (Long.parseLong(f[1]) == postmaster) {
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (Exception ignored) {
        }
      }
    }
    return sum;
  }

  void run(String variant) throws Exception {
    String schema = TestPostgres.freshSchema();
    try (JdbcStore store = JdbcStore.builder().jdbcUrl(TestPostgres.url()).schema(schema).build();
        Connection c = DriverManager.getConnection(TestPostgres.url())) {
      String table = schema + ".cr_journal";
      if (store.executionJournal() == null) throw new AssertionError();
      long backend;
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        backend = rs.getLong(1);
      }
      String stat = Files.readString(Path.of("/proc/" + backend + "/stat"));
      long postmaster = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
      Writer w = writer(variant);
      try (Statement st = c.createStatement()) {
        try (ResultSet rs =
            st.executeQuery(
                "SELECT datcollate, datctype, pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()")) {
          rs.next();
          System.out.println(
              "collate "
                  + rs.getString(1)
                  + " ctype "
                  + rs.getString(2)
                  + " "
                  + rs.getString(3)
                  + " backend pid "
                  + backend);
        }
        if (System.getProperty("x.collate") != null) {
          st.execute(
              "ALTER TABLE "
                  + table
                  + " ALTER COLUMN campaign_id TYPE varchar(1000) COLLATE \""
                  + System.getProperty("x.collate")
                  + "\", ALTER COLUMN customer_id TYPE varchar(256) COLLATE \""
                  + System.getProperty("x.collate")
                  + "\"");
        }
      }
      String at1 = Instant.parse("2026-11-24T09:00:00.123456Z").toString();
      String at2 = Instant.parse("2026-11-24T09:00:01.5Z").toString();
      List<String[]> prev = new ArrayList<>();
      long cpu0 = serverCpu(postmaster);
      long be0 = cpuOf(backend);
      long jvm0 =
          java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int from = 0; from <= N; from += B) {
        List<String[]> pending = new ArrayList<>();
        if (from < N) {
          for (int i = from; i < from + B; i++) {
            pending.add(new String[] {CAMPAIGN, "K" + i, "PENDING", key(i), at1, ""});
          }
        }
        w.write(c, table, pending, prev);
        prev = new ArrayList<>();
        for (String[] p : pending) {
          prev.add(new String[] {p[0], p[1], "DISPATCHED", p[3], at2, "v" + p[1]});
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      long jvm =
          java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - jvm0;
      long cpu = serverCpu(postmaster) - cpu0;
      long be = cpuOf(backend) - be0;
      long rows;
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*), count(*) FILTER (WHERE state = 'DISPATCHED'),"
                      + " pg_total_relation_size('"
                      + table
                      + "') FROM "
                      + table)) {
        rs.next();
        rows = rs.getLong(2);
        System.out.printf(
            Locale.ROOT,
            "%-4s %,d rows (%,d dispatched) %.1f MiB: wall %.1f s, server cpu %.1f us/recipient"
                + " (backend %.1f), jvm thread cpu %.1f us/recipient, load %s%n",
            variant,
            rs.getLong(1),
            rows,
            rs.getLong(3) / 1048576.0,
            secs,
            cpu * 10_000.0 / N,
            be * 10_000.0 / N,
            jvm / 1000.0 / N,
            Files.readString(Path.of("/proc/loadavg")).trim());
      }
      if (rows != N && !variant.startsWith("v1"))
        throw new AssertionError(variant + " dispatched " + rows);
    }
  }

  static String key(int i) {
    return String.format(Locale.ROOT, "%064x", (long) i * 2654435761L);
  }

  /**
   * v0: today's statement (one upsert of all rows from six text arrays); v1: one statement, a CTE
   * updating the outcome rows that exist and upserting the rest; v2: v0 with the campaign as a
   * scalar; v3: outcomes by {@code UPDATE ... FROM unnest}, then the PENDING rows by upsert, in one
   * transaction; v4: v3 planned at each execution; v5: v0 with one {@code recorded_at} per
   * statement; v8: v3 with hash and merge joins disabled; v9: v8 with a plain INSERT (no ON
   * CONFLICT: unsafe, only a floor); v10: PENDING rows only, plain INSERT (a floor); v10u: v10 with
   * ON CONFLICT; v11: v10u plus the outcomes as one row of arrays per write; v12: no row per
   * recipient, one row of arrays per write; v13: one row per write, its entries encoded by the JVM
   * into one bytea; v14: v13 with the bytea stored uncompressed (STORAGE EXTERNAL).
   */
  static Writer writer(String v) {
    switch (v) {
      case "v0":
        // Today: one upsert of all rows, six text arrays.
        return (c, t, p, o) -> {
          List<String[]> all = new ArrayList<>(o);
          all.addAll(p);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + t
                      + " (campaign_id, customer_id, state, idempotency_key,"
                      + " recorded_at, detail) SELECT * FROM unnest(?::varchar[], ?::varchar[],"
                      + " ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[]) ON CONFLICT"
                      + " (campaign_id, customer_id) DO UPDATE SET state = EXCLUDED.state,"
                      + " idempotency_key = EXCLUDED.idempotency_key, recorded_at ="
                      + " EXCLUDED.recorded_at, detail = EXCLUDED.detail")) {
            for (int col = 0; col < 6; col++) {
              ps.setArray(col + 1, c.createArrayOf("text", column(all, col)));
            }
            ps.executeUpdate();
          }
        };
      case "v1":
        // One statement: UPDATE the outcome rows that exist, upsert the rest; campaign scalar.
        return (c, t, p, o) -> {
          List<String[]> all = new ArrayList<>(o);
          all.addAll(p);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "WITH u (customer_id, state, idempotency_key, recorded_at, detail) AS"
                      + " (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[],"
                      + " ?::timestamptz[], ?::varchar[])), d AS (UPDATE "
                      + t
                      + " j SET state ="
                      + " u.state, idempotency_key = u.idempotency_key, recorded_at ="
                      + " u.recorded_at, detail = u.detail FROM u WHERE j.campaign_id = ? AND"
                      + " j.customer_id = u.customer_id AND u.state <> 'PENDING' RETURNING"
                      + " j.customer_id) INSERT INTO "
                      + t
                      + " (campaign_id, customer_id, state,"
                      + " idempotency_key, recorded_at, detail) SELECT ?, u.* FROM u WHERE"
                      + " u.customer_id NOT IN (SELECT customer_id FROM d) ON CONFLICT"
                      + " (campaign_id, customer_id) DO UPDATE SET state = EXCLUDED.state,"
                      + " idempotency_key = EXCLUDED.idempotency_key, recorded_at ="
                      + " EXCLUDED.recorded_at, detail = EXCLUDED.detail")) {
            for (int col = 1; col < 6; col++) {
              ps.setArray(col, c.createArrayOf("text", column(all, col)));
            }
            ps.setString(6, CAMPAIGN);
            ps.setString(7, CAMPAIGN);
            ps.executeUpdate();
          }
        };
      case "v2":
        // v0 with the campaign as a scalar.
        return (c, t, p, o) -> {
          List<String[]> all = new ArrayList<>(o);
          all.addAll(p);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + t
                      + " (campaign_id, customer_id, state, idempotency_key,"
                      + " recorded_at, detail) SELECT ?, * FROM unnest(?::varchar[],"
                      + " ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[]) ON CONFLICT"
                      + " (campaign_id, customer_id) DO UPDATE SET state = EXCLUDED.state,"
                      + " idempotency_key = EXCLUDED.idempotency_key, recorded_at ="
                      + " EXCLUDED.recorded_at, detail = EXCLUDED.detail")) {
            ps.setString(1, CAMPAIGN);
            for (int col = 1; col < 6; col++) {
              ps.setArray(col + 1, c.createArrayOf("text", column(all, col)));
            }
            ps.executeUpdate();
          }
        };
      case "v5":
        // v0 with one recorded_at per statement (upper bound of what the timestamps cost).
        return (c, t, p, o) -> {
          List<String[]> all = new ArrayList<>(o);
          all.addAll(p);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + t
                      + " (campaign_id, customer_id, state, idempotency_key,"
                      + " recorded_at, detail) SELECT a, b, c, d, ?::timestamptz, f FROM unnest(?::varchar[], ?::varchar[],"
                      + " ?::varchar[], ?::varchar[], ?::varchar[]) u (a, b, c, d, f) ON CONFLICT"
                      + " (campaign_id, customer_id) DO UPDATE SET state = EXCLUDED.state,"
                      + " idempotency_key = EXCLUDED.idempotency_key, recorded_at ="
                      + " EXCLUDED.recorded_at, detail = EXCLUDED.detail")) {
            ps.setString(1, all.get(0)[4]);
            int i = 2;
            for (int col : new int[] {0, 1, 2, 3, 5}) {
              ps.setArray(i++, c.createArrayOf("text", column(all, col)));
            }
            ps.executeUpdate();
          }
        };
      case "v9":
      case "v8":
        // Floor: outcomes by UPDATE forced onto the index (no hash/merge join), PENDING by plain
        // INSERT (v9, unsafe on a conflict) or INSERT ON CONFLICT (v8); one transaction.
        return (c, t, p, o) -> {
          c.setAutoCommit(false);
          try {
            try (Statement st = c.createStatement()) {
              st.execute("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off");
            }
            if (!o.isEmpty()) {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE "
                          + t
                          + " j SET state = u.state, idempotency_key ="
                          + " u.idempotency_key, recorded_at = u.recorded_at, detail = u.detail"
                          + " FROM unnest(?::varchar[], ?::varchar[], ?::varchar[],"
                          + " ?::timestamptz[], ?::varchar[]) u (customer_id, state,"
                          + " idempotency_key, recorded_at, detail) WHERE j.campaign_id = ? AND"
                          + " j.customer_id = u.customer_id")) {
                for (int col = 1; col < 6; col++) {
                  ps.setArray(col, c.createArrayOf("text", column(o, col)));
                }
                ps.setString(6, CAMPAIGN);
                ps.executeUpdate();
              }
            }
            if (!p.isEmpty()) {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO "
                          + t
                          + " (campaign_id, customer_id, state, idempotency_key,"
                          + " recorded_at, detail) SELECT ?, * FROM unnest(?::varchar[],"
                          + " ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[])"
                          + (v.equals("v9")
                              ? ""
                              : " ON CONFLICT (campaign_id, customer_id) DO UPDATE SET state ="
                                  + " EXCLUDED.state, idempotency_key = EXCLUDED.idempotency_key,"
                                  + " recorded_at = EXCLUDED.recorded_at, detail = EXCLUDED.detail"))) {
                ps.setString(1, CAMPAIGN);
                for (int col = 1; col < 6; col++) {
                  ps.setArray(col + 1, c.createArrayOf("text", column(p, col)));
                }
                ps.executeUpdate();
              }
            }
            c.commit();
          } finally {
            c.setAutoCommit(true);
          }
        };
      case "v4":
        // v3 planned at each execution.
        return (c, t, p, o) -> {
          Connection planned =
              (Connection)
                  java.lang.reflect.Proxy.newProxyInstance(
                      Connection.class.getClassLoader(),
                      new Class<?>[] {Connection.class},
                      (proxy, m, args) -> {
                        Object r = m.invoke(c, args);
                        if (r instanceof PreparedStatement ps) {
                          ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                        }
                        return r;
                      });
          writer("v3").write(planned, t, p, o);
        };
      case "v3":
        // v1 in two statements of one transaction: UPDATE (returning), then plain INSERT.
        return (c, t, p, o) -> {
          c.setAutoCommit(false);
          try {
            if (!o.isEmpty()) {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE "
                          + t
                          + " j SET state = u.state, idempotency_key ="
                          + " u.idempotency_key, recorded_at = u.recorded_at, detail = u.detail"
                          + " FROM unnest(?::varchar[], ?::varchar[], ?::varchar[],"
                          + " ?::timestamptz[], ?::varchar[]) u (customer_id, state,"
                          + " idempotency_key, recorded_at, detail) WHERE j.campaign_id = ? AND"
                          + " j.customer_id = u.customer_id")) {
                for (int col = 1; col < 6; col++) {
                  ps.setArray(col, c.createArrayOf("text", column(o, col)));
                }
                ps.setString(6, CAMPAIGN);
                ps.executeUpdate();
              }
            }
            if (!p.isEmpty()) {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO "
                          + t
                          + " (campaign_id, customer_id, state, idempotency_key,"
                          + " recorded_at, detail) SELECT ?, * FROM unnest(?::varchar[],"
                          + " ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[]) ON"
                          + " CONFLICT (campaign_id, customer_id) DO UPDATE SET state ="
                          + " EXCLUDED.state, idempotency_key = EXCLUDED.idempotency_key,"
                          + " recorded_at = EXCLUDED.recorded_at, detail = EXCLUDED.detail")) {
                ps.setString(1, CAMPAIGN);
                for (int col = 1; col < 6; col++) {
                  ps.setArray(col + 1, c.createArrayOf("text", column(p, col)));
                }
                ps.executeUpdate();
              }
            }
            c.commit();
          } finally {
            c.setAutoCommit(true);
          }
        };
      case "v10":
      case "v10u":
        // Floor of one row version per recipient: the PENDING rows only, by plain INSERT (v10) or
        // with ON CONFLICT (v10u: what a safe PENDING insert needs); no outcome.
        return (c, t, p, o) -> {
          if (p.isEmpty()) {
            return;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO "
                      + t
                      + " (campaign_id, customer_id, state, idempotency_key,"
                      + " recorded_at, detail) SELECT ?, * FROM unnest(?::varchar[],"
                      + " ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[])"
                      + (v.equals("v10")
                          ? ""
                          : " ON CONFLICT (campaign_id, customer_id) DO UPDATE SET state ="
                              + " EXCLUDED.state, idempotency_key = EXCLUDED.idempotency_key,"
                              + " recorded_at = EXCLUDED.recorded_at, detail = EXCLUDED.detail"))) {
            ps.setString(1, CAMPAIGN);
            for (int col = 1; col < 6; col++) {
              ps.setArray(col + 1, c.createArrayOf("text", column(p, col)));
            }
            ps.executeUpdate();
          }
        };
      case "v11":
        // PENDING rows by upsert; the outcomes as one appended row per batch (arrays), no update.
        return (c, t, p, o) -> {
          c.setAutoCommit(false);
          try {
            try (Statement st = c.createStatement()) {
              st.execute(
                  "CREATE TABLE IF NOT EXISTS "
                      + t
                      + "_out (campaign_id varchar(1000) NOT NULL, seq bigserial, customer_ids"
                      + " varchar[] NOT NULL, states varchar[] NOT NULL, recorded_at timestamptz[]"
                      + " NOT NULL, details varchar[] NOT NULL, PRIMARY KEY (campaign_id, seq))");
            }
            if (!o.isEmpty()) {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO "
                          + t
                          + "_out (campaign_id, customer_ids, states, recorded_at, details) VALUES"
                          + " (?, ?::varchar[], ?::varchar[], ?::timestamptz[], ?::varchar[])")) {
                ps.setString(1, CAMPAIGN);
                int i = 2;
                for (int col : new int[] {1, 2, 4, 5}) {
                  ps.setArray(i++, c.createArrayOf("text", column(o, col)));
                }
                ps.executeUpdate();
              }
            }
            if (!p.isEmpty()) {
              writer("v10u").write(c, t, p, o);
            }
            c.commit();
          } finally {
            c.setAutoCommit(true);
          }
        };
      case "v12":
        // Floor of no row per recipient: one row per batch of arrays for the PENDING entries and
        // one for the outcomes.
        return (c, t, p, o) -> {
          c.setAutoCommit(false);
          try {
            try (Statement st = c.createStatement()) {
              st.execute(
                  "CREATE TABLE IF NOT EXISTS "
                      + t
                      + "_b (campaign_id varchar(1000) NOT NULL, seq bigserial, customer_ids"
                      + " varchar[] NOT NULL, states varchar[] NOT NULL, keys varchar[] NOT NULL,"
                      + " recorded_at timestamptz[] NOT NULL, details varchar[] NOT NULL, PRIMARY"
                      + " KEY (campaign_id, seq))");
            }
            for (List<String[]> rows : List.of(o, p)) {
              if (rows.isEmpty()) {
                continue;
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO "
                          + t
                          + "_b (campaign_id, customer_ids, states, keys, recorded_at, details)"
                          + " VALUES (?, ?::varchar[], ?::varchar[], ?::varchar[],"
                          + " ?::timestamptz[], ?::varchar[])")) {
                ps.setString(1, CAMPAIGN);
                int i = 2;
                for (int col : new int[] {1, 2, 3, 4, 5}) {
                  ps.setArray(i++, c.createArrayOf("text", column(rows, col)));
                }
                ps.executeUpdate();
              }
            }
            c.commit();
          } finally {
            c.setAutoCommit(true);
          }
        };
      case "v13":
      case "v14":
        // One row per write: all its entries encoded by the JVM into one bytea (v14: the column
        // kept uncompressed).
        return (c, t, p, o) -> {
          try (Statement st = c.createStatement()) {
            st.execute(
                "CREATE TABLE IF NOT EXISTS "
                    + t
                    + "_blob (campaign_id varchar(1000) NOT NULL, seq bigint GENERATED BY DEFAULT"
                    + " AS IDENTITY, entries bytea NOT NULL, PRIMARY KEY (campaign_id, seq))");
            if (v.equals("v14")) {
              st.execute("ALTER TABLE " + t + "_blob ALTER COLUMN entries SET STORAGE EXTERNAL");
            }
          }
          java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 16);
          java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
          List<String[]> all = new ArrayList<>(o);
          all.addAll(p);
          out.writeInt(all.size());
          for (String[] r : all) {
            out.writeUTF(r[1]);
            out.writeUTF(r[2]);
            out.writeUTF(r[3]);
            out.writeLong(Instant.parse(r[4]).toEpochMilli());
            out.writeUTF(r[5]);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO " + t + "_blob (campaign_id, entries) VALUES (?, ?)")) {
            ps.setString(1, CAMPAIGN);
            ps.setBytes(2, bytes.toByteArray());
            ps.executeUpdate();
          }
        };
      default:
        throw new IllegalArgumentException(v);
    }
  }

  static String[] column(List<String[]> rows, int col) {
    String[] out = new String[rows.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = rows.get(r)[col];
    }
    return out;
  }
}
