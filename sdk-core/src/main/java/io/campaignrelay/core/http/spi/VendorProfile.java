package io.campaignrelay.core.http.spi;

import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RateLimit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a vendor client tells the shared HTTP plumbing about its vendor: its name (used in the
 * User-Agent and the logger {@code io.campaignrelay.<name>.http}), its default endpoint, which
 * header and parameter names carry credentials (always redacted, on top of the built-in list), the
 * header that carries an idempotency key, how its error bodies read, and its rate limit.
 *
 * <p>Intended for the Campaign Relay vendor modules; host applications configure clients through
 * {@link ClientOptions} instead.
 */
public final class VendorProfile {

  private final String name;
  private final String defaultEndpoint;
  private final Set<String> secretNames;
  private final Set<String> loggableParameters;
  private final String idempotencyKeyHeader;
  private final ApiErrorParser errorParser;
  private final RateLimit defaultRateLimit;

  private VendorProfile(Builder b) {
    this.name = b.name;
    this.defaultEndpoint = b.defaultEndpoint;
    this.secretNames = Set.copyOf(b.secretNames);
    this.loggableParameters = Set.copyOf(b.loggableParameters);
    this.idempotencyKeyHeader = b.idempotencyKeyHeader;
    this.errorParser = b.errorParser;
    this.defaultRateLimit = b.defaultRateLimit;
  }

  /**
   * A builder for a vendor.
   *
   * @param name the vendor's lower-case name, e.g. {@code "acme"}
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The vendor's lower-case name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The endpoint used when {@link ClientOptions#endpoint()} is not set.
   *
   * @return the default endpoint, if the vendor has one
   */
  public Optional<String> defaultEndpoint() {
    return Optional.ofNullable(defaultEndpoint);
  }

  /**
   * Lower-case header, query, form and JSON field names that carry credentials.
   *
   * @return the names
   */
  public Set<String> secretNames() {
    return secretNames;
  }

  /**
   * Lower-case parameter names whose values may be logged for this vendor (added to the caller's
   * allow-list).
   *
   * @return the names
   */
  public Set<String> loggableParameters() {
    return loggableParameters;
  }

  /**
   * The header carrying an idempotency key; a POST that carries it may be retried.
   *
   * @return the header name, if the vendor supports idempotency keys
   */
  public Optional<String> idempotencyKeyHeader() {
    return Optional.ofNullable(idempotencyKeyHeader);
  }

  /**
   * How the vendor's error bodies read.
   *
   * @return the parser
   */
  public ApiErrorParser errorParser() {
    return errorParser;
  }

  /**
   * The vendor's own request budget, applied unless the caller sets another.
   *
   * @return the rate limit, if the vendor has a published one
   */
  public Optional<RateLimit> defaultRateLimit() {
    return Optional.ofNullable(defaultRateLimit);
  }

  @Override
  public String toString() {
    return "VendorProfile{" + name + '}';
  }

  /** Builds a {@link VendorProfile}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String defaultEndpoint;
    private final Set<String> secretNames = new TreeSet<>();
    private final Set<String> loggableParameters = new TreeSet<>();
    private String idempotencyKeyHeader;
    private ApiErrorParser errorParser = ApiErrorParser.jsonDefault();
    private RateLimit defaultRateLimit;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    }

    /**
     * Sets the default endpoint.
     *
     * @param endpoint an absolute URL ending with {@code /}
     * @return this builder
     */
    public Builder defaultEndpoint(String endpoint) {
      this.defaultEndpoint = endpoint;
      return this;
    }

    /**
     * Adds names that carry credentials.
     *
     * @param names header, parameter or JSON field names, any case
     * @return this builder
     */
    public Builder secretNames(String... names) {
      for (String n : names) {
        secretNames.add(n.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * Adds parameter names whose values may be logged.
     *
     * @param names parameter names, any case
     * @return this builder
     */
    public Builder loggableParameters(String... names) {
      for (String n : names) {
        loggableParameters.add(n.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * Sets the idempotency key header.
     *
     * @param header the header name, e.g. {@code "Idempotency-Key"}
     * @return this builder
     */
    public Builder idempotencyKeyHeader(String header) {
      this.idempotencyKeyHeader = header;
      return this;
    }

    /**
     * Sets the error parser.
     *
     * @param parser the parser
     * @return this builder
     */
    public Builder errorParser(ApiErrorParser parser) {
      this.errorParser = Objects.requireNonNull(parser, "errorParser");
      return this;
    }

    /**
     * Sets the vendor's default rate limit.
     *
     * @param rateLimit the budget
     * @return this builder
     */
    public Builder defaultRateLimit(RateLimit rateLimit) {
      this.defaultRateLimit = rateLimit;
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     */
    public VendorProfile build() {
      return new VendorProfile(this);
    }
  }
}
