package io.campaignrelay.core.http;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * The one builder base of every Campaign Relay vendor client: {@code endpoint}, {@code credential},
 * {@code clientOptions}, {@code httpClient}, {@code retryOptions}, {@code clock}, {@code sleeper}
 * and {@link #buildClient()}, with one merge rule and one validation.
 *
 * <p><b>The merge rule.</b> A setting made on the builder wins over the same setting inside {@link
 * #clientOptions(ClientOptions)}; a setter given {@code null} (or never called) means "not set
 * here", so the value comes from the client options, and {@code clientOptions(null)} means {@link
 * ClientOptions#defaults()}. The order of the calls does not matter. So {@code retryOptions(null)}
 * is never an error and never a surprise: it falls back to the options' retry options, which
 * default to {@link RetryOptions#defaults()}.
 *
 * <p><b>Validation.</b> {@link #buildClient()} checks every setting (the endpoint, present and an
 * absolute http(s) URL unless the vendor has a default; the credential; the merged options; the
 * vendor's own settings) and throws one {@link ConfigurationException} listing every problem with
 * its field, value (never a secret) and fix. It never throws a {@link NullPointerException} for a
 * missing setting and makes no network call.
 *
 * <p>Builders are not thread-safe; the clients they build are immutable, and each has {@code
 * toBuilder()} returning a builder holding its settings.
 *
 * @param <B> the concrete builder
 * @param <K> the credential type
 * @param <C> the client type
 */
public abstract class ClientBuilder<B extends ClientBuilder<B, K, C>, K, C> {

  private String endpoint;
  private K credential;
  private ClientOptions clientOptions;
  private OkHttpClient httpClient;
  private RetryOptions retryOptions;
  private Clock clock;
  private Sleeper sleeper;

  /** For the vendor clients' builders. */
  protected ClientBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Sets the vendor API's base URL; wins over {@link ClientOptions#endpoint()}.
   *
   * @param endpoint an absolute http(s) URL, or null for the options' (or the vendor's default)
   * @return this builder
   */
  public B endpoint(String endpoint) {
    this.endpoint = endpoint;
    return self();
  }

  /**
   * Sets the credential (required); it never appears in a log, message or {@code toString()}.
   *
   * @param credential the credential
   * @return this builder
   */
  public B credential(K credential) {
    this.credential = credential;
    return self();
  }

  /**
   * Sets the base transport options (timeouts, logging, rate limit, application id...); the other
   * setters of this builder win over the same settings in them.
   *
   * @param clientOptions the options, or null for {@link ClientOptions#defaults()}
   * @return this builder
   */
  public B clientOptions(ClientOptions clientOptions) {
    this.clientOptions = clientOptions;
    return self();
  }

  /**
   * Sets an OkHttp client to derive from (proxies, TLS, shared pools); it is never mutated.
   *
   * @param httpClient the client, or null for the options' (or a new one)
   * @return this builder
   */
  public B httpClient(OkHttpClient httpClient) {
    this.httpClient = httpClient;
    return self();
  }

  /**
   * Sets how failed requests are retried.
   *
   * @param retryOptions the options, or null for the options' (default {@link
   *     RetryOptions#defaults()})
   * @return this builder
   */
  public B retryOptions(RetryOptions retryOptions) {
    this.retryOptions = retryOptions;
    return self();
  }

  /**
   * Sets the clock (rate limiter, retry pauses, the vendor's time checks; tests inject one).
   *
   * @param clock the clock, or null for the options' (default the system UTC clock)
   * @return this builder
   */
  public B clock(Clock clock) {
    this.clock = clock;
    return self();
  }

  /**
   * Sets what waits between retries and for the rate limiter (tests inject one that does not
   * sleep).
   *
   * @param sleeper the sleeper, or null for the options' (default {@link Sleeper#SYSTEM})
   * @return this builder
   */
  public B sleeper(Sleeper sleeper) {
    this.sleeper = sleeper;
    return self();
  }

  /**
   * Builds the client. Makes no network call.
   *
   * @return the client
   * @throws ConfigurationException listing every missing or invalid setting
   */
  public final C buildClient() {
    List<ConfigurationProblem> problems = new ArrayList<>();
    ClientOptions base = clientOptions == null ? ClientOptions.defaults() : clientOptions;
    String ep = endpoint != null && !endpoint.isBlank() ? endpoint.strip() : null;
    if (ep == null) {
      ep = base.endpoint().orElse(null);
    }
    if (ep == null) {
      ep = defaultEndpoint();
    }
    String fix = ep == null ? endpointFix() : null;
    if (fix != null) {
      problems.add(ConfigurationProblem.of("endpoint", endpoint, fix));
    }
    if (credential == null) {
      problems.add(ConfigurationProblem.of("credential", null, credentialFix()));
    } else {
      checkCredential(credential, problems);
    }
    validate(problems);
    ClientOptions.Builder merged = base.toBuilder().endpoint(ep);
    if (httpClient != null) {
      merged.httpClient(httpClient);
    }
    if (retryOptions != null) {
      merged.retryOptions(retryOptions);
    }
    if (clock != null) {
      merged.clock(clock);
    }
    if (sleeper != null) {
      merged.sleeper(sleeper);
    }
    customize(merged);
    ClientOptions options = null;
    try {
      options = merged.build();
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    ConfigurationException.throwIfAny(subject(), problems);
    return newClient(options, credential);
  }

  /**
   * The endpoint as it was given (before {@link ClientOptions} normalised it), for vendors that
   * check its format against their own rules: the builder's, else the options', else the vendor
   * default.
   *
   * @return the endpoint as given, or null when there is none
   */
  protected final String configuredEndpoint() {
    if (endpoint != null && !endpoint.isBlank()) {
      return endpoint;
    }
    ClientOptions base = clientOptions == null ? ClientOptions.defaults() : clientOptions;
    return base.endpoint().orElseGet(this::defaultEndpoint);
  }

  /**
   * What the errors of this builder are about, e.g. {@code "Acme client"}.
   *
   * @return the subject
   */
  protected abstract String subject();

  /**
   * How to give the credential, for the problem listed when it is missing.
   *
   * @return the fix
   */
  protected abstract String credentialFix();

  /**
   * The vendor's default endpoint, used when neither the builder nor the options set one.
   *
   * @return the endpoint, or null when the vendor has none (the endpoint is then required)
   */
  protected String defaultEndpoint() {
    return null;
  }

  /**
   * How to give the endpoint, for the problem listed when it is missing.
   *
   * @return the fix; null when another problem {@link #validate(List)} lists already explains the
   *     missing endpoint (a default endpoint derived from an invalid setting)
   */
  protected String endpointFix() {
    return "set the API base URL with endpoint(...)";
  }

  /**
   * Checks a credential that was given; adds a problem per defect (never showing its value).
   *
   * @param credential the credential, not null
   * @param problems where problems go
   */
  protected void checkCredential(K credential, List<ConfigurationProblem> problems) {}

  /**
   * Checks the vendor's own settings; adds a problem per defect.
   *
   * @param problems where problems go
   */
  protected void validate(List<ConfigurationProblem> problems) {}

  /**
   * Applies the vendor's own transport settings (e.g. a rate limit set on the builder) to the
   * merged options, with the same rule: set here wins, null means the options'.
   *
   * @param options the merged options being built
   */
  protected void customize(ClientOptions.Builder options) {}

  /**
   * Creates the client once every setting checked out.
   *
   * @param options the merged transport options, endpoint included
   * @param credential the credential, not null
   * @return the client
   */
  protected abstract C newClient(ClientOptions options, K credential);
}
