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
 * header that carries an idempotency key, how its error bodies read, its error envelope inside
 * successful answers, its rate limit, and how a request carries the client's credential ({@link
 * #authentication()}, set per client with {@link #withAuthentication(Authentication)}).
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
  private final ErrorEnvelope errorEnvelope;
  private final Authentication authentication;

  private VendorProfile(Builder b) {
    this.name = b.name;
    this.defaultEndpoint = b.defaultEndpoint;
    this.secretNames = Set.copyOf(b.secretNames);
    this.loggableParameters = Set.copyOf(b.loggableParameters);
    this.idempotencyKeyHeader = b.idempotencyKeyHeader;
    this.errorParser = b.errorParser;
    this.defaultRateLimit = b.defaultRateLimit;
    this.errorEnvelope = b.errorEnvelope;
    this.authentication = b.authentication;
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

  /**
   * The vendor's error envelope inside successful answers.
   *
   * @return the envelope reader, if the vendor has one
   */
  public Optional<ErrorEnvelope> errorEnvelope() {
    return errorEnvelope == ErrorEnvelope.NONE ? Optional.empty() : Optional.of(errorEnvelope);
  }

  /**
   * How a request carries the client's credential.
   *
   * @return the hook; {@link Authentication#NONE} when the profile has none
   */
  public Authentication authentication() {
    return authentication;
  }

  /**
   * This profile with a client's credential hook: vendor modules keep one profile per vendor and
   * derive one per client from the credential it was built with.
   *
   * @param authentication the hook
   * @return a copy carrying the hook
   */
  public VendorProfile withAuthentication(Authentication authentication) {
    return toBuilder().authentication(authentication).build();
  }

  /**
   * A builder holding this profile.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.defaultEndpoint = defaultEndpoint;
    b.secretNames.addAll(secretNames);
    b.loggableParameters.addAll(loggableParameters);
    b.idempotencyKeyHeader = idempotencyKeyHeader;
    b.errorParser = errorParser;
    b.defaultRateLimit = defaultRateLimit;
    b.errorEnvelope = errorEnvelope;
    b.authentication = authentication;
    return b;
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
    private ErrorEnvelope errorEnvelope = ErrorEnvelope.NONE;
    private Authentication authentication = Authentication.NONE;

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
     * Declares the vendor's error envelope inside successful answers.
     *
     * @param errorEnvelope the reader, or null for none
     * @return this builder
     */
    public Builder errorEnvelope(ErrorEnvelope errorEnvelope) {
      this.errorEnvelope = errorEnvelope == null ? ErrorEnvelope.NONE : errorEnvelope;
      return this;
    }

    /**
     * Sets how requests carry the credential (usually per client, through {@link
     * VendorProfile#withAuthentication(Authentication)}).
     *
     * @param authentication the hook, or null for none
     * @return this builder
     */
    public Builder authentication(Authentication authentication) {
      this.authentication = authentication == null ? Authentication.NONE : authentication;
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
