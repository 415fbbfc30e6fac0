package io.campaignrelay.jdbc;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.runtime.ListenerTokens;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link ListenerTokens} in a database table ({@code <prefix>listener_tokens} of a {@link
 * JdbcStore}): one row per named listener, shared by every instance on the database, so that a
 * token rotated by one instance (at its {@code install()}) is the one every instance accepts from
 * then on, and the old one is refused by all of them at once.
 *
 * <p>{@link #current()} reads the row on every call (no cache: a cached token would keep accepting
 * the old one after a rotation elsewhere); {@link #rotate()} replaces it with a new random token in
 * one upsert. Two instances rotating at the same moment leave the last writer's token; the token
 * registered with the sender must be the one kept, so install (rotate and register) from one
 * instance at a time. The token is kept in plain text (the runtime must put it in the URL it
 * registers): restrict who may read the table. Never logged; {@link #toString()} shows the name
 * only. Thread-safe.
 */
public final class JdbcListenerTokens implements ListenerTokens {
  private static final String WHAT = "listener tokens";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

  private final JdbcStore store;
  private final String name;
  private final Clock clock;
  private final String select;
  private final String upsert;

  private JdbcListenerTokens(JdbcStore store, String name, Clock clock) {
    this.store = store;
    this.name = name;
    this.clock = clock;
    String table = store.table("listener_tokens");
    this.select = "SELECT token FROM " + table + " WHERE name = ?";
    this.upsert =
        store.dialect().upsertRow(table, List.of("name", "token", "rotated_at"), List.of("name"));
  }

  /**
   * The token of one listener kept in a store's database.
   *
   * @param store the store
   * @param name the listener's name, e.g. {@code "delivyr-optimove-events"}: letters, digits and
   *     {@code . _ : -}, at most 200
   * @return the tokens (empty until the first {@link #rotate()} by any instance)
   * @throws io.campaignrelay.core.ConfigurationException if the store is missing or the name
   *     invalid
   */
  public static JdbcListenerTokens of(JdbcStore store, String name) {
    Rows.require(store, "store", WHAT);
    Rows.require(name, "name", WHAT);
    if (!NAME.matcher(name).matches()) {
      throw new io.campaignrelay.core.ConfigurationException(
          WHAT,
          io.campaignrelay.core.ConfigurationProblem.of(
              "name", name, "use letters, digits and . _ : - (at most 200)"));
    }
    return new JdbcListenerTokens(store, name, Clock.systemUTC());
  }

  @Override
  public Optional<Secret> current() {
    return store.run(
        "read the listener token of " + name,
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(Secret.of(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Secret rotate() {
    Secret next = ListenerTokens.newToken();
    Instant now = clock.instant();
    store.run(
        "rotate the listener token of " + name,
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(upsert)) {
            ps.setString(1, name);
            ps.setString(2, next.reveal());
            Rows.setTs(ps, 3, now);
            return ps.executeUpdate();
          }
        });
    return next;
  }

  /** The listener's name and database; never the token. */
  @Override
  public String toString() {
    return "JdbcListenerTokens{" + name + ", " + store.database() + '}';
  }
}
