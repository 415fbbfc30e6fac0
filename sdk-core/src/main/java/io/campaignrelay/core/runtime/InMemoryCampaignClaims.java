package io.campaignrelay.core.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link CampaignClaims} within one process. Thread-safe. */
public final class InMemoryCampaignClaims implements CampaignClaims {
  private final Map<String, Claim> held = new HashMap<>();

  private InMemoryCampaignClaims() {}

  /**
   * An empty set of claims.
   *
   * @return the claims
   */
  public static InMemoryCampaignClaims create() {
    return new InMemoryCampaignClaims();
  }

  @Override
  public synchronized Optional<Claim> tryClaim(
      String key, String owner, Instant now, Duration lease) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    Claim current = held.get(key);
    if (current != null && current.expiresAt().isAfter(now) && !current.owner().equals(owner)) {
      return Optional.empty();
    }
    Claim c = new Claim(key, owner, now.plus(lease));
    held.put(key, c);
    return Optional.of(c);
  }

  @Override
  public synchronized Optional<Claim> renew(Claim claim, Instant now, Duration lease) {
    Claim current = held.get(claim.key());
    if (current == null || !current.owner().equals(claim.owner())) {
      return Optional.empty();
    }
    Claim c = new Claim(claim.key(), claim.owner(), now.plus(lease));
    held.put(claim.key(), c);
    return Optional.of(c);
  }

  @Override
  public synchronized void release(Claim claim) {
    Claim current = held.get(claim.key());
    if (current != null && current.owner().equals(claim.owner())) {
      held.remove(claim.key());
    }
  }
}
