package io.campaignrelay.core.http;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Transport settings shared by every Campaign Relay vendor client. Immutable and thread-safe; build
 * with {@link #builder()}, derive a variant with {@link #toBuilder()}.
 *
 * <p>Defaults: connect 10 s, read 30 s, write 30 s, whole call (all attempts included) 60 s; {@link
 * RetryOptions#defaults()}; {@link HttpLogOptions#defaults()}; the system UTC clock; a sleeper that
 * really sleeps. A timeout of zero would mean "wait forever" in OkHttp and is rejected.
 *
 * <p>A caller-supplied {@link OkHttpClient} (for proxies, TLS settings or a shared connection pool)
 * is never mutated: each client derives its own with {@link OkHttpClient#newBuilder()}, keeping the
 * pool and dispatcher and adding its own timeouts and interceptors.
 */
public final class ClientOptions {

  /** Default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default read timeout. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

  /** Default write timeout. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

  /** Default timeout of a whole call, retries included. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  private static final ClientOptions DEFAULTS = builder().build();

  private final String endpoint;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration writeTimeout;
  private final Duration callTimeout;
  private final RetryOptions retryOptions;
  private final HttpLogOptions logOptions;
  private final RateLimit rateLimit;
  private final RateLimiter rateLimiter;
  private final OkHttpClient httpClient;
  private final String applicationId;
  private final Clock clock;
  private final Sleeper sleeper;

  private ClientOptions(Builder b) {
    this.endpoint = b.endpoint;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.writeTimeout = b.writeTimeout;
    this.callTimeout = b.callTimeout;
    this.retryOptions = b.retryOptions;
    this.logOptions = b.logOptions;
    this.rateLimit = b.rateLimit;
    this.rateLimiter = b.rateLimiter;
    this.httpClient = b.httpClient;
    this.applicationId = b.applicationId;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /**
   * The default options.
   *
   * @return the defaults
   */
  public static ClientOptions defaults() {
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
    b.endpoint = endpoint;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.writeTimeout = writeTimeout;
    b.callTimeout = callTimeout;
    b.retryOptions = retryOptions;
    b.logOptions = logOptions;
    b.rateLimit = rateLimit;
    b.rateLimiter = rateLimiter;
    b.httpClient = httpClient;
    b.applicationId = applicationId;
    b.clock = clock;
    b.sleeper = sleeper;
    return b;
  }

  /**
   * The base URL of the vendor API, ending with {@code /}.
   *
   * @return the endpoint, if set; otherwise the vendor client uses its documented default
   */
  public Optional<String> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /**
   * The connect timeout.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The read timeout (time between bytes of the response).
   *
   * @return the timeout
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * The write timeout (time between bytes of the request).
   *
   * @return the timeout
   */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /**
   * The timeout of one whole call, all attempts and pauses included.
   *
   * @return the timeout
   */
  public Duration callTimeout() {
    return callTimeout;
  }

  /**
   * How failed requests are retried.
   *
   * @return the retry options
   */
  public RetryOptions retryOptions() {
    return retryOptions;
  }

  /**
   * What the request log may print.
   *
   * @return the log options
   */
  public HttpLogOptions logOptions() {
    return logOptions;
  }

  /**
   * The client-side request budget of this client alone.
   *
   * @return the rate limit, if one is set; otherwise the vendor client's default applies
   */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /**
   * The request budget shared with other clients (for example every client of one vendor API key).
   * When set, the client draws from it instead of a budget of its own.
   *
   * @return the shared limiter, if one is set
   */
  public Optional<RateLimiter> rateLimiter() {
    return Optional.ofNullable(rateLimiter);
  }

  /**
   * The caller-supplied OkHttp client that the SDK derives its own from.
   *
   * @return the client, if one was supplied
   */
  public Optional<OkHttpClient> httpClient() {
    return Optional.ofNullable(httpClient);
  }

  /**
   * The caller's application id, appended to the User-Agent as {@code app/<id>}.
   *
   * @return the id, if set
   */
  public Optional<String> applicationId() {
    return Optional.ofNullable(applicationId);
  }

  /**
   * The clock used for timestamps, schedules and the rate limiter.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * What waits between retries and for the rate limiter.
   *
   * @return the sleeper
   */
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public String toString() {
    return "ClientOptions{endpoint="
        + endpoint
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", writeTimeout="
        + writeTimeout
        + ", callTimeout="
        + callTimeout
        + ", retryOptions="
        + retryOptions
        + ", rateLimit="
        + rateLimit
        + ", rateLimiter="
        + rateLimiter
        + ", httpClient="
        + (httpClient == null ? "default" : "custom")
        + ", applicationId="
        + applicationId
        + '}';
  }

  /** Builds {@link ClientOptions}. Not thread-safe. */
  public static final class Builder {
    private String endpoint;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private RetryOptions retryOptions = RetryOptions.defaults();
    private HttpLogOptions logOptions = HttpLogOptions.defaults();
    private RateLimit rateLimit;
    private RateLimiter rateLimiter;
    private OkHttpClient httpClient;
    private String applicationId;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /**
     * Sets the base URL of the vendor API. A missing trailing slash is added.
     *
     * @param endpoint an absolute http or https URL, or null for the vendor default
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * Sets the read timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /**
     * Sets the write timeout.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = timeout;
      return this;
    }

    /**
     * Sets the timeout of a whole call, retries included.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout;
      return this;
    }

    /**
     * Sets the retry options.
     *
     * @param retryOptions the options
     * @return this builder
     */
    public Builder retryOptions(RetryOptions retryOptions) {
      this.retryOptions = retryOptions;
      return this;
    }

    /**
     * Sets what the request log may print.
     *
     * @param logOptions the options
     * @return this builder
     */
    public Builder logOptions(HttpLogOptions logOptions) {
      this.logOptions = logOptions;
      return this;
    }

    /**
     * Sets the client-side request budget of this client alone, overriding the vendor client's
     * default. To share one budget among several clients, use {@link #rateLimiter(RateLimiter)}.
     *
     * @param rateLimit the budget, or null for the vendor default
     * @return this builder
     */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    /**
     * Shares a request budget with other clients: every client built with the same limiter draws
     * from it, and a 429 with {@code Retry-After} seen by any of them holds all of them. Give one
     * limiter to every client of one vendor credential (Optimove, for example, limits each API key,
     * not each client). Cannot be combined with {@link #rateLimit(RateLimit)}.
     *
     * @param rateLimiter the shared limiter, e.g. {@code RateLimiter.of(RateLimit.of(50,
     *     Duration.ofSeconds(10)))}; or null for a budget of the client's own
     * @return this builder
     */
    public Builder rateLimiter(RateLimiter rateLimiter) {
      this.rateLimiter = rateLimiter;
      return this;
    }

    /**
     * Sets an OkHttp client to derive from (proxies, TLS, shared pools). It is never mutated.
     *
     * @param httpClient the client, or null for a new one
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /**
     * Sets an application id appended to the User-Agent.
     *
     * @param applicationId 1 to 24 characters of letters, digits, {@code . _ -}; or null
     * @return this builder
     */
    public Builder applicationId(String applicationId) {
      this.applicationId = applicationId;
      return this;
    }

    /**
     * Sets the clock (tests inject a fixed or simulated one).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets what waits between retries (tests inject one that does not really sleep).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws ConfigurationException listing every invalid setting
     */
    public ClientOptions build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (endpoint != null) {
        endpoint = normalizeEndpoint(endpoint, problems);
      }
      checkTimeout("connectTimeout", connectTimeout, problems);
      checkTimeout("readTimeout", readTimeout, problems);
      checkTimeout("writeTimeout", writeTimeout, problems);
      checkTimeout("callTimeout", callTimeout, problems);
      if (retryOptions == null) {
        problems.add(
            ConfigurationProblem.of("retryOptions", null, "use RetryOptions.defaults() or none()"));
      }
      if (logOptions == null) {
        problems.add(ConfigurationProblem.of("logOptions", null, "use HttpLogOptions.defaults()"));
      }
      if (applicationId != null && !applicationId.matches("[A-Za-z0-9._-]{1,24}")) {
        problems.add(
            ConfigurationProblem.of(
                "applicationId",
                applicationId,
                "use 1 to 24 letters, digits, '.', '_' or '-' (no spaces)"));
      }
      if (rateLimit != null && rateLimiter != null) {
        problems.add(
            ConfigurationProblem.of(
                "rateLimit",
                rateLimit,
                "set either rateLimit (a budget of this client's own) or rateLimiter (a budget"
                    + " shared with other clients), not both"));
      }
      if (clock == null) {
        problems.add(ConfigurationProblem.of("clock", null, "use Clock.systemUTC()"));
      }
      if (sleeper == null) {
        problems.add(ConfigurationProblem.of("sleeper", null, "use Sleeper.SYSTEM"));
      }
      ConfigurationException.throwIfAny("client options", problems);
      return new ClientOptions(this);
    }

    private static void checkTimeout(
        String field, Duration value, List<ConfigurationProblem> problems) {
      if (value == null || value.isNegative() || value.isZero()) {
        problems.add(
            ConfigurationProblem.of(
                field,
                value,
                "use a positive duration (zero would mean wait forever), e.g."
                    + " Duration.ofSeconds(30)"));
      }
    }

    private static String normalizeEndpoint(String value, List<ConfigurationProblem> problems) {
      URI uri;
      try {
        uri = URI.create(value.trim());
      } catch (IllegalArgumentException e) {
        problems.add(
            ConfigurationProblem.of(
                "endpoint", value, "use an absolute URL such as https://api.example.com/"));
        return value;
      }
      String scheme = uri.getScheme();
      if (uri.getHost() == null
          || scheme == null
          || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
        problems.add(
            ConfigurationProblem.of(
                "endpoint", value, "use an absolute http(s) URL such as https://api.example.com/"));
        return value;
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        problems.add(
            ConfigurationProblem.of(
                "endpoint", value, "remove the query and fragment: give only the base URL"));
      }
      String s = uri.toString();
      return s.endsWith("/") ? s : s + "/";
    }
  }
}
