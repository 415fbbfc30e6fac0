package io.campaignrelay.core.http;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which header, query and form values the SDK may print in its logs. Everything not on an
 * allow-list prints as {@code ****}; JSON body fields holding personal data (phone numbers, e-mail
 * addresses: {@code to}, {@code phone}, {@code numbers}, {@code email}, ...) print only when
 * allow-listed as parameters; credentials (API keys, hashes, passwords, tenant tokens, signatures,
 * {@code Authorization}) are redacted even when allow-listed, at every level including TRACE
 * bodies.
 *
 * <p>Logging happens through SLF4J under the logger {@code io.campaignrelay.<vendor>.http}: DEBUG
 * logs one line per attempt (method, redacted URL, status, duration, attempt); TRACE adds headers
 * and redacted bodies.
 */
public final class HttpLogOptions {

  /** Header names printed by default (compared case-insensitively). */
  public static final Set<String> DEFAULT_ALLOWED_HEADERS =
      Set.of(
          "accept",
          "content-type",
          "content-length",
          "date",
          "retry-after",
          "user-agent",
          "idempotency-key",
          "x-request-id",
          "request-id");

  private static final HttpLogOptions DEFAULTS = builder().build();

  private final Set<String> allowedHeaders;
  private final Set<String> allowedParameters;

  private HttpLogOptions(Builder b) {
    this.allowedHeaders = Set.copyOf(b.allowedHeaders);
    this.allowedParameters = Set.copyOf(b.allowedParameters);
  }

  /**
   * The default options: {@link #DEFAULT_ALLOWED_HEADERS}, and no query or form parameter values.
   *
   * @return the defaults
   */
  public static HttpLogOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.allowedHeaders.clear();
    b.allowedHeaders.addAll(allowedHeaders);
    b.allowedParameters.addAll(allowedParameters);
    return b;
  }

  /**
   * Lower-case names of the headers whose values may be printed.
   *
   * @return an unmodifiable set
   */
  public Set<String> allowedHeaders() {
    return allowedHeaders;
  }

  /**
   * Lower-case names of the query and form parameters whose values may be printed.
   *
   * @return an unmodifiable set
   */
  public Set<String> allowedParameters() {
    return allowedParameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpLogOptions h
        && allowedHeaders.equals(h.allowedHeaders)
        && allowedParameters.equals(h.allowedParameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(allowedHeaders, allowedParameters);
  }

  @Override
  public String toString() {
    return "HttpLogOptions{allowedHeaders="
        + new TreeSet<>(allowedHeaders)
        + ", allowedParameters="
        + new TreeSet<>(allowedParameters)
        + '}';
  }

  /** Builds {@link HttpLogOptions}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> allowedHeaders = new TreeSet<>(DEFAULT_ALLOWED_HEADERS);
    private final Set<String> allowedParameters = new TreeSet<>();

    private Builder() {}

    /**
     * Replaces the allowed header names.
     *
     * @param names header names, any case
     * @return this builder
     */
    public Builder allowedHeaders(Collection<String> names) {
      allowedHeaders.clear();
      names.forEach(this::addAllowedHeader);
      return this;
    }

    /**
     * Adds one allowed header name.
     *
     * @param name a header name, any case
     * @return this builder
     */
    public Builder addAllowedHeader(String name) {
      allowedHeaders.add(name.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Replaces the allowed query and form parameter names.
     *
     * @param names parameter names, any case
     * @return this builder
     */
    public Builder allowedParameters(Collection<String> names) {
      allowedParameters.clear();
      names.forEach(this::addAllowedParameter);
      return this;
    }

    /**
     * Adds one allowed query or form parameter name.
     *
     * @param name a parameter name, any case
     * @return this builder
     */
    public Builder addAllowedParameter(String name) {
      allowedParameters.add(name.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public HttpLogOptions build() {
      return new HttpLogOptions(this);
    }
  }
}
