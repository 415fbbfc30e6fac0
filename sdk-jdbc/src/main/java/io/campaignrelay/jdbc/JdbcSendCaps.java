package io.campaignrelay.jdbc;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.runtime.SendCaps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SendCaps} counted in a database table ({@code <prefix>send_caps} of a {@link JdbcStore}),
 * so that every instance on the database counts against the same caps: messages per destination
 * number per UTC day, per destination country per clock hour, per campaign, with the semantics of
 * core's {@code InMemorySendCaps} (defaults 5, 1,000 and 100,000).
 *
 * <p>Atomic across instances: {@link #tryAcquire} counts the three scopes in one transaction
 * ({@link #tryAcquireAll}: a whole batch in one transaction, see there), each with a conditional
 * {@code UPDATE ... SET used = used + 1 WHERE ... AND used < cap}. The update locks the row and, on
 * PostgreSQL and H2 (read committed), judges {@code used < cap} on the latest committed count after
 * any wait, so two instances racing for the last unit of a cap cannot both win: the loser updates
 * no row. A scope that refuses rolls the transaction back, so a refused message is counted in no
 * scope. A missing row is created with {@code used = 0} first (PostgreSQL {@code ON CONFLICT DO
 * NOTHING}; H2 a plain insert whose duplicate is ignored). Rows are always locked in the same order
 * (number, then country, then campaign), so reservations cannot deadlock each other; a deadlock or
 * lock timeout the database reports anyway is retried.
 *
 * <p>Time: windows are judged on the <b>caller's {@code now}</b>, never the database's clock, so
 * instances must keep their clocks in step (NTP). Numbers are kept as their SHA-256 (not a secret:
 * it only keeps plain numbers out of the table). Rows of past days and hours are deleted by {@link
 * #purgeExpired(Instant)}, which each instance also runs by itself once per hour it sees; campaign
 * counts are kept. {@link #release} gives a count back (for a batch the vendor provably did not
 * send). Thread-safe.
 */
public final class JdbcSendCaps implements SendCaps {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSendCaps.class);
  private static final String WHAT = "send caps";
  private static final int ATTEMPTS = 4;

  private final JdbcStore store;
  private final long perDestinationPerDay;
  private final long perCountryPerHour;
  private final long perCampaign;
  private final String take;
  private final String takeMany;
  private final String create;
  private final String giveBack;
  private final String purge;
  private final String read;
  private final AtomicLong purgedHour = new AtomicLong(Long.MIN_VALUE);

  private JdbcSendCaps(Builder b) {
    this.store = b.store;
    this.perDestinationPerDay = b.perDestinationPerDay;
    this.perCountryPerHour = b.perCountryPerHour;
    this.perCampaign = b.perCampaign;
    String table = store.table("send_caps");
    String key = " WHERE scope = ? AND scope_key = ? AND window_no = ?";
    this.take = "UPDATE " + table + " SET used = used + 1" + key + " AND used < ?";
    this.takeMany = "UPDATE " + table + " SET used = used + ?" + key + " AND used <= ?";
    String insert =
        "INSERT INTO " + table + " (scope, scope_key, window_no, used) VALUES (?, ?, ?, 0)";
    this.create =
        store.dialect() == Dialect.POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert;
    this.giveBack = "UPDATE " + table + " SET used = used - 1" + key + " AND used > 0";
    this.purge = "DELETE FROM " + table + " WHERE scope = ? AND window_no < ?";
    this.read = "SELECT used FROM " + table + key;
  }

  /**
   * A builder with the defaults: 5 messages per number per day, 1,000 per country per hour, 100,000
   * per campaign; the store is required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Scope> tryAcquire(
      String campaign, String destination, String country, Instant now) {
    List<Row> rows = rows(campaign, destination, country, now);
    purgeOncePerHour(now);
    return retried(
        "reserve a send within the send caps",
        c -> {
          Optional<Scope> refused = reserve(c, rows);
          if (refused.isPresent()) {
            c.rollback(); // counted in no scope
          }
          return refused;
        });
  }

  /** One transaction, run again (rolled back first) when the database reports contention. */
  private <T> T retried(String what, JdbcStore.SqlWork<T> work) {
    return store.run(
        what,
        true,
        c -> {
          for (int attempt = 1; ; attempt++) {
            try {
              return work.run(c);
            } catch (SQLException e) {
              if (attempt >= ATTEMPTS || !isContention(e)) {
                throw e;
              }
              c.rollback();
            }
          }
        });
  }

  /**
   * Decides a batch in one transaction (one commit for the batch). To stay free of deadlocks with
   * other instances the rows are taken scope by scope in one global order: every number of the
   * batch (sorted), then every country (sorted), then every campaign (sorted); a message refused by
   * a later scope gives back, within the transaction, what its earlier scopes had counted (rows
   * already locked). The messages sharing a row (one country, one campaign) are counted with one
   * {@code UPDATE ... used = used + k WHERE used <= cap - k} when they all fit, else one by one.
   * So, as with {@link #tryAcquire}, a refused message is counted in no scope, and racing instances
   * never exceed a cap together. Of several messages of one batch competing for the last units of a
   * cap, which wins is unspecified.
   */
  @Override
  public List<Optional<Scope>> tryAcquireAll(List<Request> requests, Instant now) {
    Rows.require(requests, "requests", WHAT);
    List<List<Row>> rows = new ArrayList<>(requests.size());
    for (Request r : requests) {
      Rows.require(r, "request", WHAT);
      rows.add(rows(r.campaign(), r.destination(), r.country(), now));
    }
    if (rows.isEmpty()) {
      return List.of();
    }
    purgeOncePerHour(now);
    return retried("reserve a batch of sends within the send caps", c -> reserveAll(c, rows));
  }

  private List<Optional<Scope>> reserveAll(Connection c, List<List<Row>> rows) throws SQLException {
    int n = rows.size();
    Scope[] refused = new Scope[n];
    boolean[][] taken = new boolean[n][3];
    for (int s = 0; s < 3; s++) {
      List<Integer> order = inKeyOrder(rows, s);
      for (int from = 0; from < order.size(); ) {
        // the messages of this scope's key still in play: all of them in one update if they fit
        String key = rows.get(order.get(from)).get(s).key;
        int to = from;
        List<Integer> group = new ArrayList<>();
        while (to < order.size() && rows.get(order.get(to)).get(s).key.equals(key)) {
          if (refused[order.get(to)] == null) {
            group.add(order.get(to));
          }
          to++;
        }
        from = to;
        if (group.isEmpty()) {
          continue;
        }
        Row shared = rows.get(group.get(0)).get(s);
        if (group.size() > 1 && takeAll(c, shared, group.size())) {
          for (int i : group) {
            taken[i][s] = true;
          }
          continue;
        }
        for (int i : group) {
          takeOrRefuse(c, rows, i, s, refused, taken);
        }
      }
    }
    List<Optional<Scope>> out = new ArrayList<>(n);
    for (Scope s : refused) {
      out.add(Optional.ofNullable(s));
    }
    return out;
  }

  /** One message's unit of scope {@code s}; refused, it gives back its earlier scopes. */
  private void takeOrRefuse(
      Connection c, List<List<Row>> rows, int i, int s, Scope[] refused, boolean[][] taken)
      throws SQLException {
    Row r = rows.get(i).get(s);
    if (take(c, r)) {
      taken[i][s] = true;
      return;
    }
    refused[i] = r.scope;
    for (int k = 0; k < s; k++) {
      if (taken[i][k]) {
        update(c, giveBack, rows.get(i).get(k), false);
        taken[i][k] = false;
      }
    }
  }

  /** Counts {@code k} units in a row at once if all fit under its cap (the row created if new). */
  private boolean takeAll(Connection c, Row r, int k) throws SQLException {
    if (addIfFits(c, r, k) == 1) {
      return true;
    }
    if (used(c, r) >= 0) {
      return false;
    }
    insertIfAbsent(c, r);
    return addIfFits(c, r, k) == 1;
  }

  private int addIfFits(Connection c, Row r, int k) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(takeMany)) {
      ps.setLong(1, k);
      ps.setString(2, r.scopeName);
      ps.setString(3, r.key);
      ps.setLong(4, r.window);
      ps.setLong(5, capOf(r.scope) - k);
      return ps.executeUpdate();
    }
  }

  /** Gives a batch back in one transaction, rows in the order reservations take them. */
  @Override
  public void releaseAll(List<Request> requests, Instant acquiredAt) {
    Rows.require(requests, "requests", WHAT);
    List<List<Row>> rows = new ArrayList<>(requests.size());
    for (Request r : requests) {
      Rows.require(r, "request", WHAT);
      rows.add(rows(r.campaign(), r.destination(), r.country(), acquiredAt));
    }
    if (rows.isEmpty()) {
      return;
    }
    retried(
        "give back a batch of send cap reservations",
        c -> {
          for (int s = 0; s < 3; s++) {
            for (int i : inKeyOrder(rows, s)) {
              update(c, giveBack, rows.get(i).get(s), false);
            }
          }
          return null;
        });
  }

  /** The indexes of {@code rows} sorted by the key of their scope {@code s} (stable). */
  private static List<Integer> inKeyOrder(List<List<Row>> rows, int s) {
    List<Integer> order = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparing(i -> rows.get(i).get(s).key));
    return order;
  }

  /** Counts one unit in a row if its cap allows, creating the row when missing. */
  private boolean take(Connection c, Row r) throws SQLException {
    if (update(c, take, r, true) == 1) {
      return true;
    }
    if (used(c, r) >= 0) {
      return false;
    }
    insertIfAbsent(c, r);
    return update(c, take, r, true) == 1;
  }

  private Optional<Scope> reserve(Connection c, List<Row> rows) throws SQLException {
    for (Row r : rows) {
      if (!take(c, r)) {
        return Optional.of(r.scope);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean release(String campaign, String destination, String country, Instant acquiredAt) {
    List<Row> rows = rows(campaign, destination, country, acquiredAt);
    return retried(
        "give back a send cap reservation",
        c -> {
          // without a count of the campaign there is nothing to give back
          if (used(c, rows.get(2)) <= 0) {
            return false;
          }
          // the rows in the order reservations lock them: number, country, campaign
          update(c, giveBack, rows.get(0), false);
          update(c, giveBack, rows.get(1), false);
          return update(c, giveBack, rows.get(2), false) == 1;
        });
  }

  @Override
  public OptionalLong limit(Scope scope) {
    if (scope == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(capOf(scope));
  }

  /**
   * How many messages a scope has counted (for operators and tests).
   *
   * @param scope the scope
   * @param key the number (E.164), the country or the campaign, as given to {@link #tryAcquire}
   * @param at an instant of the day or hour to read (ignored for {@link Scope#CAMPAIGN})
   * @return the count, 0 if none
   */
  public long used(Scope scope, String key, Instant at) {
    Rows.require(scope, "scope", WHAT);
    Rows.require(key, "key", WHAT);
    Rows.require(at, "at", WHAT);
    Row r = row(scope, key, at);
    return store.run(
        "read a send cap",
        false,
        c -> {
          long n = used(c, r);
          return Math.max(0, n);
        });
  }

  /**
   * Deletes the counts of days and hours before {@code now}'s (campaign counts are kept).
   *
   * @param now the current instant
   * @return how many rows were deleted
   */
  public int purgeExpired(Instant now) {
    Rows.require(now, "now", WHAT);
    return store.run(
        "purge past send cap windows",
        false,
        c -> {
          int n = 0;
          try (PreparedStatement ps = c.prepareStatement(purge)) {
            ps.setString(1, scopeName(Scope.DESTINATION_PER_DAY));
            ps.setLong(2, day(now));
            n += ps.executeUpdate();
            ps.setString(1, scopeName(Scope.COUNTRY_PER_HOUR));
            ps.setLong(2, hour(now));
            n += ps.executeUpdate();
          }
          return n;
        });
  }

  private void purgeOncePerHour(Instant now) {
    long h = hour(now);
    long last = purgedHour.get();
    if (h > last && purgedHour.compareAndSet(last, h)) {
      try {
        purgeExpired(now);
      } catch (DatabaseException e) {
        // housekeeping only: the next hour tries again
        LOG.debug("purging past send cap windows failed: {}", e.getMessage());
      }
    }
  }

  private int update(Connection c, String sql, Row r, boolean withCap) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, r.scopeName);
      ps.setString(2, r.key);
      ps.setLong(3, r.window);
      if (withCap) {
        ps.setLong(4, capOf(r.scope));
      }
      return ps.executeUpdate();
    }
  }

  /** The row's count, or -1 when it has no row. */
  private long used(Connection c, Row r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(read)) {
      ps.setString(1, r.scopeName);
      ps.setString(2, r.key);
      ps.setLong(3, r.window);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private void insertIfAbsent(Connection c, Row r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(create)) {
      ps.setString(1, r.scopeName);
      ps.setString(2, r.key);
      ps.setLong(3, r.window);
      ps.executeUpdate();
    } catch (SQLException e) {
      // H2: another instance created it first (PostgreSQL does nothing on the conflict)
      if (!Rows.isDuplicateKey(e)) {
        throw e;
      }
    }
  }

  private static boolean isContention(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      if (state != null
          && (state.equals("40001") // serialization failure
              || state.equals("40P01") // PostgreSQL: deadlock detected
              || state.equals("HYT00") // H2: lock timeout
              || state.equals("55P03"))) { // PostgreSQL: lock not available
        return true;
      }
      if (s.getNextException() == s) {
        break;
      }
    }
    return false;
  }

  private long capOf(Scope scope) {
    return switch (scope) {
      case DESTINATION_PER_DAY -> perDestinationPerDay;
      case COUNTRY_PER_HOUR -> perCountryPerHour;
      case CAMPAIGN -> perCampaign;
    };
  }

  private List<Row> rows(String campaign, String destination, String country, Instant now) {
    Rows.requireLength(campaign, "campaign", 1000, WHAT);
    Rows.requireLength(destination, "destination", 1000, WHAT);
    Rows.requireLength(country, "country", 1000, WHAT);
    Rows.require(now, "now", WHAT);
    List<Row> rows = new ArrayList<>(3);
    rows.add(row(Scope.DESTINATION_PER_DAY, destination, now));
    rows.add(row(Scope.COUNTRY_PER_HOUR, country, now));
    rows.add(row(Scope.CAMPAIGN, campaign, now));
    return rows;
  }

  private static Row row(Scope scope, String key, Instant at) {
    return switch (scope) {
      case DESTINATION_PER_DAY -> new Row(scope, sha256(key), day(at));
      case COUNTRY_PER_HOUR -> new Row(scope, key, hour(at));
      case CAMPAIGN -> new Row(scope, key, 0);
    };
  }

  private static long day(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 86_400);
  }

  private static long hour(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 3_600);
  }

  private static String scopeName(Scope scope) {
    return scope.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String sha256(String number) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(number.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** One scope's counter row. */
  private static final class Row {
    final Scope scope;
    final String scopeName;
    final String key;
    final long window;

    Row(Scope scope, String key, long window) {
      this.scope = scope;
      this.scopeName = scopeName(scope);
      this.key = key;
      this.window = window;
    }
  }

  @Override
  public String toString() {
    return "JdbcSendCaps{"
        + store.database()
        + ", perDestinationPerDay="
        + perDestinationPerDay
        + ", perCountryPerHour="
        + perCountryPerHour
        + ", perCampaign="
        + perCampaign
        + '}';
  }

  /** Builds {@link JdbcSendCaps}. Not thread-safe. */
  public static final class Builder {
    private JdbcStore store;
    private long perDestinationPerDay = 5;
    private long perCountryPerHour = 1_000;
    private long perCampaign = 100_000;

    private Builder() {}

    /**
     * Sets the store whose database keeps the counts (required).
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(JdbcStore store) {
      this.store = store;
      return this;
    }

    /**
     * Sets the messages allowed to one number per UTC day (default 5).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder perDestinationPerDay(long max) {
      this.perDestinationPerDay = max;
      return this;
    }

    /**
     * Sets the messages allowed to one country per clock hour (default 1,000).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder perCountryPerHour(long max) {
      this.perCountryPerHour = max;
      return this;
    }

    /**
     * Sets the messages allowed to one campaign (default 100,000).
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder perCampaign(long max) {
      this.perCampaign = max;
      return this;
    }

    /**
     * Builds the caps.
     *
     * @return the caps
     * @throws ConfigurationException listing every missing setting and every cap below 1
     */
    public JdbcSendCaps build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (store == null) {
        problems.add(
            ConfigurationProblem.of("store", null, "give the JdbcStore that keeps the counts"));
      }
      if (perDestinationPerDay < 1) {
        problems.add(
            ConfigurationProblem.of("perDestinationPerDay", perDestinationPerDay, "use 1 or more"));
      }
      if (perCountryPerHour < 1) {
        problems.add(
            ConfigurationProblem.of("perCountryPerHour", perCountryPerHour, "use 1 or more"));
      }
      if (perCampaign < 1) {
        problems.add(ConfigurationProblem.of("perCampaign", perCampaign, "use 1 or more"));
      }
      ConfigurationException.throwIfAny("send caps", problems);
      return new JdbcSendCaps(this);
    }
  }
}
