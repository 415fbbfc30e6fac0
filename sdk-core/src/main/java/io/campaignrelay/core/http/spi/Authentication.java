package io.campaignrelay.core.http.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.Request;

/**
 * How a vendor's requests carry the client's credential: a hook of the {@link VendorProfile} that
 * each vendor client builds from its credential ({@link VendorProfile#withAuthentication}). The
 * pipeline applies it first, before the User-Agent, the retry loop and the log, so every attempt
 * carries the same credential and the log sees it (and redacts it).
 *
 * <p>Implementations must be immutable and thread-safe, and must never log the credential.
 */
@FunctionalInterface
public interface Authentication {

  /** No credential on the request. */
  Authentication NONE = request -> request;

  /**
   * Returns the request with the credential added.
   *
   * @param request the request as built
   * @return the request to send
   */
  Request authenticate(Request request);

  /**
   * Adds fixed headers to every request (replacing any of the same name), e.g. {@code
   * Authorization: Bearer <key>}.
   *
   * @param headers header name to value, in order; the values are held as given
   * @return the hook
   */
  static Authentication headers(Map<String, String> headers) {
    Map<String, String> copy = new LinkedHashMap<>(Objects.requireNonNull(headers, "headers"));
    return request -> {
      Request.Builder b = request.newBuilder();
      copy.forEach(b::header);
      return b.build();
    };
  }
}
