package io.campaignrelay.jdbc;

import io.campaignrelay.core.runtime.CampaignClaims;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link CampaignClaims} in a database table ({@code <prefix>campaign_claims} of a {@link
 * JdbcStore}): one lease row per key, shared by every instance on the database.
 *
 * <p>{@link #tryClaim} is atomic across instances: a conditional {@code UPDATE} takes the row over
 * when this owner holds it or its lease expired, else an {@code INSERT} creates it; the primary key
 * and the row lock let exactly one of several racing instances win. {@link #renew} extends the
 * lease only while the row still names this owner (an expired lease nobody took over may still be
 * renewed, as in memory); {@link #release} deletes the row only if it is this owner's.
 *
 * <p>Time: leases are judged on the <b>caller's {@code now}</b> (the clock the runtime is given),
 * never the database's, so a simulated clock drives them in tests. Instances must keep their clocks
 * in step (NTP); choose a lease well above the worst skew. Thread-safe.
 */
public final class JdbcCampaignClaims implements CampaignClaims {
  private static final String WHAT = "campaign claims";

  private final JdbcStore store;
  private final String takeOver;
  private final String insert;
  private final String renew;
  private final String release;

  JdbcCampaignClaims(JdbcStore store) {
    this.store = store;
    String table = store.table("campaign_claims");
    this.takeOver =
        "UPDATE "
            + table
            + " SET owner = ?, expires_at = ? WHERE claim_key = ? AND (owner = ? OR expires_at"
            + " <= ?)";
    this.insert = "INSERT INTO " + table + " (claim_key, owner, expires_at) VALUES (?, ?, ?)";
    this.renew = "UPDATE " + table + " SET expires_at = ? WHERE claim_key = ? AND owner = ?";
    this.release = "DELETE FROM " + table + " WHERE claim_key = ? AND owner = ?";
  }

  @Override
  public Optional<Claim> tryClaim(String key, String owner, Instant now, Duration lease) {
    Rows.requireLength(key, "key", 1300, WHAT);
    Rows.requireLength(owner, "owner", 256, WHAT);
    Rows.require(now, "now", WHAT);
    Rows.require(lease, "lease", WHAT);
    Instant expiresAt = Rows.micros(now.plus(lease));
    Claim claim = new Claim(key, owner, expiresAt);
    return store.run(
        "claim " + key,
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(takeOver)) {
            ps.setString(1, owner);
            Rows.setTs(ps, 2, expiresAt);
            ps.setString(3, key);
            ps.setString(4, owner);
            Rows.setTs(ps, 5, now);
            if (ps.executeUpdate() == 1) {
              return Optional.of(claim);
            }
          }
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, key);
            ps.setString(2, owner);
            Rows.setTs(ps, 3, expiresAt);
            ps.executeUpdate();
            return Optional.of(claim);
          } catch (SQLException e) {
            if (Rows.isDuplicateKey(e)) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<Claim> renew(Claim claim, Instant now, Duration lease) {
    Rows.require(claim, "claim", WHAT);
    Rows.require(now, "now", WHAT);
    Rows.require(lease, "lease", WHAT);
    Instant expiresAt = Rows.micros(now.plus(lease));
    return store.run(
        "renew the claim on " + claim.key(),
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(renew)) {
            Rows.setTs(ps, 1, expiresAt);
            ps.setString(2, claim.key());
            ps.setString(3, claim.owner());
            return ps.executeUpdate() == 1
                ? Optional.of(new Claim(claim.key(), claim.owner(), expiresAt))
                : Optional.empty();
          }
        });
  }

  @Override
  public void release(Claim claim) {
    Rows.require(claim, "claim", WHAT);
    store.run(
        "release the claim on " + claim.key(),
        false,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(release)) {
            ps.setString(1, claim.key());
            ps.setString(2, claim.owner());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "JdbcCampaignClaims{" + store.database() + '}';
  }
}
