package io.campaignrelay.core.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: leases that let one instance execute a campaign. An instance claims a key for a lease time
 * and renews it while it works; when it dies the lease expires and another instance may take the
 * key over (and resumes from the journal). Implementations must make {@link #tryClaim} atomic;
 * across instances that needs a shared store (sdk-jdbc). {@link InMemoryCampaignClaims} serves one
 * process.
 */
public interface CampaignClaims {

  /**
   * A held lease.
   *
   * @param key what is claimed (e.g. {@code execute:3701:452})
   * @param owner the instance holding it
   * @param expiresAt when it lapses unless renewed
   */
  record Claim(String key, String owner, Instant expiresAt) {
    /**
     * Validates the claim.
     *
     * @throws NullPointerException if a value is missing
     */
    public Claim {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /**
   * Claims a key if nobody holds an unexpired lease on it (the same owner re-claims its own).
   *
   * @param key what to claim
   * @param owner this instance
   * @param now the current instant
   * @param lease how long the lease lasts
   * @return the claim, or empty if another owner holds it
   */
  Optional<Claim> tryClaim(String key, String owner, Instant now, Duration lease);

  /**
   * Extends a lease that is still held.
   *
   * @param claim the claim
   * @param now the current instant
   * @param lease the new length from now
   * @return the renewed claim, or empty if it was lost (expired and taken over)
   */
  Optional<Claim> renew(Claim claim, Instant now, Duration lease);

  /**
   * Gives a lease up.
   *
   * @param claim the claim
   */
  void release(Claim claim);
}
