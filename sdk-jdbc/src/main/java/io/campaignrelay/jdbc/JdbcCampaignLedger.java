package io.campaignrelay.jdbc;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.runtime.CampaignLedger;
import io.campaignrelay.core.runtime.CampaignRecord;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A {@link CampaignLedger} in a database table ({@code <prefix>campaign_ledger} of a {@link
 * JdbcStore}), shared by every instance on the database. {@link #putIfAbsent} is one {@code INSERT}
 * that the primary key makes atomic across instances: of several instances recording the same
 * campaign at once exactly one gets {@code true}, and the others then read the record it stored, so
 * {@link io.campaignrelay.core.runtime.CampaignJobs#schedule} compares its settings with the first
 * instance's and refuses a second runtime with other settings. {@link #put} replaces the row (the
 * last writer wins) and is durable when it returns.
 *
 * <p>Kept as stored: instants to the microsecond (finer digits are dropped). Thread-safe.
 */
public final class JdbcCampaignLedger implements CampaignLedger {
  private static final String WHAT = "campaign ledger";
  private static final List<String> COLUMNS =
      List.of(
          "record_key",
          "campaign_id",
          "channel",
          "send_at",
          "sent_at",
          "metric_days_done",
          "attributes");

  private final JdbcStore store;
  private final String insert;
  private final String upsert;
  private final String selectOne;
  private final String selectAll;

  JdbcCampaignLedger(JdbcStore store) {
    this.store = store;
    String table = store.table("campaign_ledger");
    String cols = String.join(", ", COLUMNS);
    this.insert = "INSERT INTO " + table + " (" + cols + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    this.upsert = store.dialect().upsertRow(table, COLUMNS, List.of("record_key"));
    this.selectOne = "SELECT " + cols + " FROM " + table + " WHERE record_key = ?";
    this.selectAll = "SELECT " + cols + " FROM " + table + " ORDER BY record_key";
  }

  @Override
  public Optional<CampaignRecord> find(String key) {
    Rows.require(key, "key", WHAT);
    return store.run(
        "read the campaign ledger",
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(selectOne)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean putIfAbsent(CampaignRecord record) {
    Rows.require(record, "record", WHAT);
    return store.run(
        "record campaign " + record.key(),
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, record);
            ps.executeUpdate();
            return true;
          } catch (SQLException e) {
            if (Rows.isDuplicateKey(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  @Override
  public void put(CampaignRecord record) {
    Rows.require(record, "record", WHAT);
    store.run(
        "update campaign " + record.key(),
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(upsert)) {
            bind(ps, record);
            ps.executeUpdate();
            return null;
          }
        });
  }

  @Override
  public List<CampaignRecord> all() {
    return store.run(
        "read the campaign ledger",
        false,
        c -> {
          List<CampaignRecord> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(selectAll);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(read(rs));
            }
          }
          return out;
        });
  }

  @Override
  public String toString() {
    return "JdbcCampaignLedger{" + store.database() + '}';
  }

  private static void bind(PreparedStatement ps, CampaignRecord r) throws SQLException {
    Rows.requireLength(r.key(), "record key", 1300, WHAT);
    Rows.requireLength(r.channel(), "channel", 256, WHAT);
    ps.setString(1, r.key());
    ps.setString(2, r.campaignId().value());
    ps.setString(3, r.channel());
    Rows.setTs(ps, 4, r.sendAt());
    Rows.setTs(ps, 5, r.sentAt().orElse(null));
    StringJoiner days = new StringJoiner(",");
    r.metricDaysDone().forEach(d -> days.add(Integer.toString(d)));
    ps.setString(6, days.toString());
    StringJoiner attrs = new StringJoiner("&");
    for (Map.Entry<String, String> a : r.attributes().entrySet()) {
      attrs.add(encode(a.getKey()) + "=" + encode(a.getValue()));
    }
    ps.setString(7, attrs.toString());
  }

  private static CampaignRecord read(ResultSet rs) throws SQLException {
    CampaignRecord.Builder b =
        CampaignRecord.builder(
            CampaignId.of(rs.getString("campaign_id")),
            rs.getString("channel"),
            Rows.getTs(rs, "send_at"));
    b.sentAt(Rows.getTs(rs, "sent_at"));
    String days = rs.getString("metric_days_done");
    if (!days.isEmpty()) {
      for (String d : days.split(",")) {
        b.metricDayDone(Integer.parseInt(d));
      }
    }
    String attrs = rs.getString("attributes");
    if (!attrs.isEmpty()) {
      for (String pair : attrs.split("&")) {
        int eq = pair.indexOf('=');
        b.attribute(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return b.build();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
