package io.campaignrelay.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * The HTTP stack one vendor client runs on: an {@link OkHttpClient} derived from the caller's (or a
 * new one) with the configured timeouts, the User-Agent, the client-side rate limiter, the retry
 * loop and redacted logging; a {@link Retrofit} on the vendor's endpoint with a Jackson converter;
 * and {@link #execute(Call, String)}, which turns every failure into a Campaign Relay exception.
 *
 * <p>Built once per vendor client and shared by all its threads; immutable and thread-safe.
 * Intended for the Campaign Relay vendor modules.
 *
 * <p>Retrofit methods that are reads expressed as POST mark themselves retry-safe with
 * {@code @Headers(HttpPipeline.RETRY_SAFE)}; the marker header is removed before the request is
 * sent.
 */
public final class HttpPipeline {

  /** Name of the marker header that makes a POST retryable; never sent on the wire. */
  public static final String RETRY_SAFE_HEADER = "X-Campaign-Relay-Retry-Safe";

  /** The marker as a Retrofit {@code @Headers} entry. */
  public static final String RETRY_SAFE = RETRY_SAFE_HEADER + ": true";

  private static final int EXCERPT_LIMIT = 512;

  private final ClientOptions options;
  private final VendorProfile profile;
  private final String endpoint;
  private final OkHttpClient okHttpClient;
  private final ObjectMapper objectMapper;
  private final Retrofit retrofit;
  private final Redactor redactor;
  private final Logger log;

  private HttpPipeline(ClientOptions options, VendorProfile profile, DoubleSupplier random) {
    this.options = options;
    this.profile = profile;
    this.endpoint = resolveEndpoint(options, profile);
    this.log = LoggerFactory.getLogger("io.campaignrelay." + profile.name() + ".http");
    this.redactor = new Redactor(profile, options.logOptions());
    RateLimit limit = options.rateLimit().or(profile::defaultRateLimit).orElse(null);
    RateLimiter limiter =
        limit == null ? null : new RateLimiter(limit, options.clock(), options.sleeper());
    String userAgent = UserAgent.of(profile.name(), options.applicationId().orElse(null));
    OkHttpClient.Builder b =
        options.httpClient().map(OkHttpClient::newBuilder).orElseGet(OkHttpClient.Builder::new);
    b.connectTimeout(options.connectTimeout())
        .readTimeout(options.readTimeout())
        .writeTimeout(options.writeTimeout())
        .callTimeout(options.callTimeout())
        .retryOnConnectionFailure(false)
        .addInterceptor(
            chain ->
                chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()))
        .addInterceptor(
            new RetryInterceptor(
                options.retryOptions(),
                profile.idempotencyKeyHeader().orElse(null),
                limiter,
                options.clock(),
                options.sleeper(),
                random))
        .addInterceptor(new LoggingInterceptor(log, redactor))
        .addNetworkInterceptor(new ReachedServerInterceptor());
    this.okHttpClient = b.build();
    this.objectMapper = defaultObjectMapper();
    this.retrofit =
        new Retrofit.Builder()
            .baseUrl(endpoint)
            .client(okHttpClient)
            .addConverterFactory(JacksonConverterFactory.create(objectMapper))
            .build();
  }

  /**
   * Builds the stack for a vendor.
   *
   * @param options the caller's transport options
   * @param profile the vendor's profile
   * @return the pipeline
   * @throws ConfigurationException if no endpoint is configured and the vendor has no default
   */
  public static HttpPipeline create(ClientOptions options, VendorProfile profile) {
    return new HttpPipeline(options, profile, () -> ThreadLocalRandom.current().nextDouble());
  }

  static HttpPipeline create(ClientOptions options, VendorProfile profile, DoubleSupplier random) {
    return new HttpPipeline(options, profile, random);
  }

  /**
   * The Jackson mapper every client uses: unknown properties ignored (vendors add fields), {@code
   * java.time} support, ISO-8601 dates.
   *
   * @return a new mapper
   */
  public static ObjectMapper defaultObjectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
  }

  private static String resolveEndpoint(ClientOptions options, VendorProfile profile) {
    return options
        .endpoint()
        .or(profile::defaultEndpoint)
        .orElseThrow(
            () ->
                new ConfigurationException(
                    profile.name() + " client options",
                    ConfigurationProblem.of(
                        "endpoint",
                        null,
                        "set the " + profile.name() + " API base URL with endpoint(...)")));
  }

  /**
   * The base URL requests go to.
   *
   * @return the endpoint, ending with {@code /}
   */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The options this pipeline was built from.
   *
   * @return the options
   */
  public ClientOptions options() {
    return options;
  }

  /**
   * The vendor profile.
   *
   * @return the profile
   */
  public VendorProfile profile() {
    return profile;
  }

  /**
   * The configured OkHttp client.
   *
   * @return the client
   */
  public OkHttpClient okHttpClient() {
    return okHttpClient;
  }

  /**
   * The Jackson mapper of the Retrofit converter.
   *
   * @return the mapper
   */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /**
   * The Retrofit instance on {@link #endpoint()}.
   *
   * @return the Retrofit instance
   */
  public Retrofit retrofit() {
    return retrofit;
  }

  /**
   * Creates an implementation of a Retrofit interface.
   *
   * @param api the interface
   * @param <T> its type
   * @return the implementation
   */
  public <T> T create(Class<T> api) {
    return retrofit.create(api);
  }

  /**
   * Runs a call and returns its body, turning every failure into a Campaign Relay exception.
   *
   * @param call the call
   * @param operation what is being done, for messages, e.g. {@code "POST send/"}
   * @param <T> the body type
   * @return the body; null for an empty successful response
   * @throws ApiConnectionException if no response arrived
   * @throws ApiServiceException if the vendor answered with an error status
   */
  public <T> T execute(Call<T> call, String operation) {
    return executeForResponse(call, operation).body();
  }

  /**
   * Runs a call and returns the successful response (with its headers).
   *
   * @param call the call
   * @param operation what is being done, for messages
   * @param <T> the body type
   * @return the successful response
   * @throws ApiConnectionException if no response arrived
   * @throws ApiServiceException if the vendor answered with an error status
   */
  public <T> Response<T> executeForResponse(Call<T> call, String operation) {
    Response<T> response;
    try {
      response = call.execute();
    } catch (AttemptFailedException e) {
      throw connectionFailure(operation, e.outcomeUnknown, e.attempts, e.getCause());
    } catch (JsonProcessingException e) {
      throw serviceError(
          operation,
          200,
          Headers.of(),
          "",
          "the response could not be read: " + e.getOriginalMessage());
    } catch (IOException e) {
      boolean interrupted =
          e instanceof InterruptedIOException
              && !(e instanceof SocketTimeoutException)
              && Thread.currentThread().isInterrupted();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      throw connectionFailure(operation, true, 1, e);
    }
    if (response.isSuccessful()) {
      return response;
    }
    String body;
    try (ResponseBody errorBody = response.errorBody()) {
      body = errorBody == null ? "" : errorBody.string();
    } catch (IOException e) {
      body = "";
    }
    throw toException(operation, response.code(), response.headers(), body);
  }

  /**
   * Builds the exception for an error response.
   *
   * @param operation what was being done
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param body the response body text
   * @return the exception to throw
   */
  public ApiServiceException toException(
      String operation, int statusCode, Headers headers, String body) {
    ApiErrorParser.ParsedError parsed = profile.errorParser().parse(statusCode, headers, body);
    Duration retryAfter = null;
    String ra = headers.get("Retry-After");
    if (ra != null) {
      try {
        retryAfter = Duration.ofSeconds(Long.parseLong(ra.trim()));
      } catch (NumberFormatException ignored) {
        retryAfter = null;
      }
    }
    ApiErrorDetails details =
        new ApiErrorDetails(
            profile.name(),
            operation,
            statusCode,
            parsed.vendorCode(),
            parsed.vendorMessage(),
            parsed.requestId(),
            ApiErrors.isRetryableStatus(statusCode),
            excerpt(body));
    return ApiErrors.fromStatus(details, retryAfter);
  }

  private ApiServiceException serviceError(
      String operation, int status, Headers headers, String body, String message) {
    ApiErrorDetails details =
        new ApiErrorDetails(
            profile.name(), operation, status, null, message, null, false, excerpt(body));
    return new ApiServiceException(details);
  }

  /**
   * A redacted excerpt of a body (secret JSON fields and form values removed, at most 512 chars).
   *
   * @param body the body text
   * @return the excerpt
   */
  public String excerpt(String body) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    boolean form =
        !body.trim().startsWith("{") && !body.trim().startsWith("[") && body.contains("=");
    String redacted = redactor.body(body, form);
    return redacted.length() <= EXCERPT_LIMIT
        ? redacted
        : redacted.substring(0, EXCERPT_LIMIT) + "...";
  }

  private ApiConnectionException connectionFailure(
      String operation, boolean outcomeUnknown, int attempts, Throwable cause) {
    String what =
        outcomeUnknown
            ? "the request may have reached "
                + profile.name()
                + " but no response came back; the outcome is unknown, so check before repeating"
                + " a send"
            : "could not reach " + profile.name() + "; nothing was sent";
    return new ApiConnectionException(
        profile.name()
            + " "
            + operation
            + " failed after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + what
            + " ("
            + cause.getClass().getSimpleName()
            + ")",
        outcomeUnknown,
        attempts,
        cause);
  }

  @Override
  public String toString() {
    return "HttpPipeline{" + profile.name() + " @ " + endpoint + '}';
  }
}
