package io.campaignrelay.core.runtime;

import io.campaignrelay.core.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the listener token of an inbound endpoint is kept: the unguessable part of a capability URL
 * (a URL that is its own credential), for senders that cannot sign their calls. A runtime registers
 * its listener URL with the current token and {@link #rotate() rotates} it whenever it registers
 * again, so an old URL stops working. Implementations must be thread-safe and, to survive a
 * restart, durable ({@link FileListenerTokens}; a database one may follow).
 */
public interface ListenerTokens {

  /**
   * The current token.
   *
   * @return the token, or empty before the first {@link #rotate()}
   */
  Optional<Secret> current();

  /**
   * Replaces the current token with a new random one ({@link #newToken()}) and keeps it; from then
   * on the old token no longer {@link #matches matches}.
   *
   * @return the new token
   */
  Secret rotate();

  /**
   * Whether a presented token is the current one, compared in constant time (the time taken does
   * not depend on how many leading characters match).
   *
   * @param presented the token the request carried, or null
   * @return true only for the current token
   */
  default boolean matches(String presented) {
    Optional<Secret> token = current();
    if (presented == null || token.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        token.get().reveal().getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A new random token: 256 bits from {@link SecureRandom}, base64url without padding (43
   * characters of {@code A-Z a-z 0-9 - _}, safe in a path segment or a query parameter).
   *
   * @return the token
   */
  static Secret newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }
}
