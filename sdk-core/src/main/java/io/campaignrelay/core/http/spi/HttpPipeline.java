package io.campaignrelay.core.http.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.http.RateLimiter;
import io.campaignrelay.core.http.UnreadableResponseException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
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

  /** How long an idle pooled connection is kept when the pipeline makes its own OkHttp client. */
  static final Duration IDLE_CONNECTION_KEEP_ALIVE = Duration.ofSeconds(25);

  /** Name of the marker header that makes a POST retryable; never sent on the wire. */
  public static final String RETRY_SAFE_HEADER = "X-Campaign-Relay-Retry-Safe";

  /** The marker as a Retrofit {@code @Headers} entry. */
  public static final String RETRY_SAFE = RETRY_SAFE_HEADER + ": true";

  private static final int EXCERPT_LIMIT = 512;

  /** Longest plain-text explanation taken into a vendor message. */
  static final int EXPLANATION_LIMIT = 200;

  private static final Pattern HTML_TITLE =
      Pattern.compile("<title[^>]*>([^<]*)</title>", Pattern.CASE_INSENSITIVE);

  private final ClientOptions options;
  private final VendorProfile profile;
  private final String endpoint;
  private final OkHttpClient okHttpClient;
  private final ObjectMapper objectMapper;
  private final Retrofit retrofit;
  private final Redactor redactor;
  private final Logger log;

  private HttpPipeline(
      ClientOptions options, VendorProfile profile, DoubleSupplier random, Secret... secrets) {
    this.options = options;
    this.profile = profile;
    this.endpoint = resolveEndpoint(options, profile);
    this.log = LoggerFactory.getLogger("io.campaignrelay." + profile.name() + ".http");
    List<String> secretValues = new ArrayList<>();
    for (Secret secret : secrets == null ? new Secret[0] : secrets) {
      if (secret != null) {
        secretValues.add(secret.reveal());
      }
    }
    this.redactor = new Redactor(profile, options.logOptions(), secretValues);
    RateLimiter limiter = options.rateLimiter().orElse(null);
    if (limiter == null) {
      RateLimit limit = options.rateLimit().or(profile::defaultRateLimit).orElse(null);
      // Without a budget the pipeline still shares a vendor's Retry-After among its callers.
      limiter =
          limit == null
              ? RateLimiter.holdsOnly(options.clock(), options.sleeper())
              : RateLimiter.of(limit, options.clock(), options.sleeper());
    }
    String userAgent = UserAgent.of(profile.name(), options.applicationId().orElse(null));
    OkHttpClient.Builder b =
        options
            .httpClient()
            .map(OkHttpClient::newBuilder)
            // Idle connections are dropped after 25 s, before a vendor or a load balancer drops
            // them (often at 30-60 s): connection retries are off (send-once), so a pool of stale
            // connections would use up a call's attempts (a host's own client keeps its pool).
            .orElseGet(
                () ->
                    new OkHttpClient.Builder()
                        .connectionPool(
                            new okhttp3.ConnectionPool(
                                5, IDLE_CONNECTION_KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS)));
    Authentication authentication = profile.authentication();
    if (authentication != Authentication.NONE) {
      b.addInterceptor(chain -> chain.proceed(authentication.authenticate(chain.request())));
    }
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
        .addInterceptor(new ResponseBufferInterceptor(profile.errorEnvelope().isPresent()))
        .addNetworkInterceptor(new ReachedServerInterceptor());
    this.okHttpClient = b.build();
    this.objectMapper = defaultObjectMapper();
    OkHttpClient client = okHttpClient;
    okhttp3.Call.Factory calls =
        request -> client.newCall(request.newBuilder().tag(Exchange.class, new Exchange()).build());
    this.retrofit =
        new Retrofit.Builder()
            .baseUrl(endpoint)
            .callFactory(calls)
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
    return new HttpPipeline(options, profile, HttpPipeline::jitter);
  }

  /**
   * Builds the stack for a vendor client that knows its credentials: their values (and their
   * URL-encoded and Base64 forms) are removed from every log line, exception message, vendor
   * message and body excerpt, wherever the vendor echoes them.
   *
   * @param options the caller's transport options
   * @param profile the vendor's profile
   * @param secrets the credentials the client was built with; null elements are ignored
   * @return the pipeline
   * @throws ConfigurationException if no endpoint is configured and the vendor has no default
   */
  public static HttpPipeline create(
      ClientOptions options, VendorProfile profile, Secret... secrets) {
    return new HttpPipeline(options, profile, HttpPipeline::jitter, secrets);
  }

  static HttpPipeline create(
      ClientOptions options, VendorProfile profile, DoubleSupplier random, Secret... secrets) {
    return new HttpPipeline(options, profile, random, secrets);
  }

  private static double jitter() {
    return ThreadLocalRandom.current().nextDouble();
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
   * @return the body; null for a 204 or 205 response
   * @throws ApiConnectionException if no readable response arrived; an {@link
   *     UnreadableResponseException} (outcome unknown) when the vendor answered 2xx but the body
   *     could not be read
   * @throws ApiServiceException if the vendor answered with an error status
   */
  public <T> T execute(Call<T> call, String operation) {
    return executeForResponse(call, operation).body();
  }

  /**
   * Runs a call and returns the successful response (with its headers).
   *
   * <p>The send decision does not depend on the log level: every response body (but those of
   * {@code @Streaming} methods) is read to the end inside the HTTP chain before it is logged or
   * converted. After a 2xx status, a body that is cut off, empty where a body is expected,
   * truncated, malformed, HTML, or not the expected shape raises {@link
   * UnreadableResponseException}: the vendor may have acted on the request, so the outcome is
   * unknown. A request that could not even be built raises an {@link ApiConnectionException} whose
   * {@link ApiConnectionException#outcomeUnknown()} is false (nothing was sent).
   *
   * @param call the call
   * @param operation what is being done, for messages
   * @param <T> the body type
   * @return the successful response
   * @throws ApiConnectionException if no readable response arrived
   * @throws ApiServiceException if the vendor answered with an error status
   */
  public <T> Response<T> executeForResponse(Call<T> call, String operation) {
    Response<T> response;
    try {
      response = call.execute();
    } catch (AttemptFailedException e) {
      if (e.getCause() instanceof CutBodyException cut) {
        throw cutOff(operation, cut, e.attempts);
      }
      throw connectionFailure(operation, e.outcomeUnknown, e.attempts, e.getCause());
    } catch (CutBodyException cut) {
      throw cutOff(operation, cut, 1);
    } catch (IOException e) {
      if (isInterrupt(e)) {
        Thread.currentThread().interrupt();
        throw new ApiConnectionException(
            profile.name()
                + " "
                + operation
                + " was interrupted; the request may have reached "
                + profile.name()
                + ", so the outcome is unknown: check before repeating a send",
            true,
            1,
            e);
      }
      Exchange exchange = exchangeOf(call);
      if (exchange == null) {
        throw notBuilt(operation, e);
      }
      int status = exchange.status();
      if (status >= 200 && status <= 299) {
        throw unconvertible(operation, exchange, e);
      }
      throw connectionFailure(operation, true, 1, e);
    } catch (RuntimeException e) {
      // Retrofit reports a request it could not build (say an unserializable body) this way, and
      // a converter may fail with one after a 2xx; anything else is not ours to reinterpret
      Exchange exchange = exchangeOf(call);
      if (exchange == null) {
        throw notBuilt(operation, e);
      }
      int status = exchange.status();
      if (status >= 200 && status <= 299) {
        throw unconvertible(operation, exchange, e);
      }
      throw e;
    }
    if (response.isSuccessful()) {
      checkEnvelope(operation, response, exchangeOf(call));
      return response;
    }
    String body;
    try (ResponseBody errorBody = response.errorBody()) {
      body = errorBody == null ? "" : errorBody.string();
    } catch (IOException e) {
      body = "";
    }
    throw toException(
        operation, response.code(), response.headers(), body, response.raw().request());
  }

  /**
   * Runs the vendor's {@link ErrorEnvelope} on a buffered 2xx body and throws the typed exception
   * for an error it reports. The one place an error inside a successful answer is found.
   */
  private void checkEnvelope(String operation, Response<?> response, Exchange exchange) {
    ErrorEnvelope envelope = profile.errorEnvelope().orElse(null);
    if (envelope == null || exchange == null || exchange.body() == null) {
      return;
    }
    String text = exchange.body().utf8();
    ErrorEnvelope.Found found;
    try {
      found = envelope.read(response.code(), response.headers(), text).orElse(null);
    } catch (RuntimeException e) {
      found = null; // a reader that cannot read the body finds no envelope
    }
    if (found != null) {
      throw toException(
          operation,
          found.statusCode(),
          response.headers(),
          text,
          exchange.sent(),
          found.error(),
          true);
    }
  }

  private static boolean isInterrupt(IOException e) {
    return e instanceof InterruptedIOException
        && !(e instanceof SocketTimeoutException)
        && Thread.currentThread().isInterrupted();
  }

  /** The exchange record of a call, or null when its request could not be built. */
  private static Exchange exchangeOf(Call<?> call) {
    try {
      return call.request().tag(Exchange.class);
    } catch (RuntimeException notBuilt) {
      return null;
    }
  }

  private ApiConnectionException notBuilt(String operation, Exception e) {
    return new ApiConnectionException(
        profile.name()
            + " "
            + operation
            + " failed: the request could not be built, so nothing was sent ("
            + e.getClass().getSimpleName()
            + ")",
        false,
        0,
        e);
  }

  private UnreadableResponseException cutOff(String operation, CutBodyException cut, int attempts) {
    Set<String> secrets = redactor.harvest(cut.sent);
    return unreadable(
        operation,
        cut.status,
        "was cut off before its end (" + cut.getCause().getClass().getSimpleName() + ")",
        excerpt(decode(cut.head), cut.contentType, secrets),
        attempts,
        cut.getCause());
  }

  private UnreadableResponseException unconvertible(
      String operation, Exchange exchange, Exception e) {
    Set<String> secrets = redactor.harvest(exchange.sent());
    String text = decode(exchange.head());
    String why;
    if (text.isBlank()) {
      why = "was empty where a body was expected";
    } else if (e instanceof JsonProcessingException json) {
      String detail = json.getOriginalMessage();
      detail = detail == null ? "" : detail.lines().findFirst().orElse("");
      if (detail.length() > 160) {
        detail = detail.substring(0, 160) + "...";
      }
      why = "could not be read (" + redactor.text(detail, secrets) + ")";
    } else {
      why = "could not be read (" + e.getClass().getSimpleName() + ")";
    }
    return unreadable(
        operation,
        exchange.status(),
        why,
        excerpt(text, exchange.contentType(), secrets),
        attemptsOf(exchange),
        e);
  }

  private static int attemptsOf(Exchange exchange) {
    Request sent = exchange.sent();
    AttemptState state = sent == null ? null : sent.tag(AttemptState.class);
    return state == null ? 1 : state.attempt;
  }

  private UnreadableResponseException unreadable(
      String operation, int status, String why, String excerpt, int attempts, Throwable cause) {
    return new UnreadableResponseException(
        profile.name()
            + " "
            + operation
            + ": HTTP "
            + status
            + " arrived but the response body "
            + why
            + "; "
            + profile.name()
            + " may have processed the request, so the outcome is unknown: check its records"
            + " before repeating a send",
        status,
        excerpt,
        attempts,
        cause);
  }

  private static String decode(byte[] bytes) {
    return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Builds the exception for an error response.
   *
   * <p>Whether the request counts as {@linkplain ApiServiceException#requestRefused() refused} is
   * the vendor error parser's verdict when it gives one ({@link
   * ApiErrorParser.ParsedError#withRefusal(boolean)}), otherwise {@link
   * ApiServiceException#refusedByDefault(ApiErrorDetails)} applied to what the parser read. When
   * the parser read neither a code nor a message from a body that is not JSON (a plain-text or HTML
   * explanation), its first line (or HTML title), redacted and at most {@value #EXPLANATION_LIMIT}
   * characters, becomes the vendor message; that does not make it a refusal. Known secret values
   * are removed from the code, message, request id and excerpt.
   *
   * @param operation what was being done
   * @param statusCode the HTTP status
   * @param headers the response headers
   * @param body the response body text
   * @return the exception to throw
   */
  public ApiServiceException toException(
      String operation, int statusCode, Headers headers, String body) {
    return toException(operation, statusCode, headers, body, (Request) null);
  }

  private ApiServiceException toException(
      String operation, int statusCode, Headers headers, String body, Request sent) {
    String text = body == null ? "" : body;
    return toException(
        operation,
        statusCode,
        headers,
        text,
        sent,
        profile.errorParser().parse(statusCode, headers, text),
        false);
  }

  /**
   * Builds the exception for an error a vendor module found itself in an answer the pipeline
   * returned (a streamed body, a shape only the module knows): the same redaction, details and
   * {@link ApiErrorParser#toException(ApiErrorParser.Failure)} as an error status.
   *
   * @param operation what was being done
   * @param statusCode the status the error stands for
   * @param headers the response headers
   * @param body the body text (or the part of it that shows the error)
   * @param parsed what the module read, with its refusal verdict
   * @return the exception to throw
   */
  public ApiServiceException toException(
      String operation,
      int statusCode,
      Headers headers,
      String body,
      ApiErrorParser.ParsedError parsed) {
    return toException(
        operation,
        statusCode,
        headers,
        body == null ? "" : body,
        null,
        parsed,
        statusCode >= 200 && statusCode <= 299);
  }

  private ApiServiceException toException(
      String operation,
      int statusCode,
      Headers headers,
      String text,
      Request sent,
      ApiErrorParser.ParsedError parsedOrNull,
      boolean envelope) {
    Set<String> secrets = redactor.harvest(sent);
    ApiErrorParser.ParsedError parsed =
        parsedOrNull == null ? ApiErrorParser.ParsedError.EMPTY : parsedOrNull;
    Duration retryAfter = RetryAfter.parse(headers.get("Retry-After"), options.clock());
    MediaType type = contentType(headers);
    String code = redactor.text(parsed.vendorCode(), secrets);
    String message = redactor.text(parsed.vendorMessage(), secrets);
    String requestId = redactor.text(parsed.requestId(), secrets);
    String excerpt = excerpt(text, type, secrets);
    boolean retryable = ApiErrors.isRetryableStatus(statusCode);
    ApiErrorDetails read =
        ApiErrorDetails.builder()
            .vendor(profile.name())
            .operation(operation)
            .statusCode(statusCode)
            .vendorCode(code)
            .vendorMessage(message)
            .requestId(requestId)
            .retryable(retryable)
            .bodyExcerpt(excerpt)
            .build();
    boolean refused = parsed.requestRefused(read);
    ApiErrorDetails details = read;
    if (code == null && message == null) {
      String explanation = explanation(text, type, secrets);
      if (explanation != null) {
        details = read.toBuilder().vendorMessage(explanation).build();
      }
    }
    ApiServiceException e =
        profile
            .errorParser()
            .toException(
                new ApiErrorParser.Failure(
                    details, retryAfter, refused, text, envelope, t -> redactor.text(t, secrets)));
    return e != null ? e : ApiErrors.fromStatus(details, retryAfter, refused);
  }

  private static MediaType contentType(Headers headers) {
    String value = headers.get("Content-Type");
    return value == null ? null : MediaType.parse(value);
  }

  /** The first line (or the HTML title) of a body that is not JSON, redacted and bounded. */
  private String explanation(String body, MediaType type, Set<String> secrets) {
    String t = body.strip();
    if (t.isEmpty() || t.startsWith("{") || t.startsWith("[") || t.startsWith("\"")) {
      return null;
    }
    String line;
    boolean html = (type != null && "html".equalsIgnoreCase(type.subtype())) || t.startsWith("<");
    if (html) {
      Matcher title = HTML_TITLE.matcher(t);
      if (!title.find()) {
        return null;
      }
      line = title.group(1);
    } else {
      line = t.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }
    line = line.replaceAll("\\s+", " ").strip();
    if (line.isEmpty()) {
      return null;
    }
    line = redactor.text(line, secrets);
    return line.length() <= EXPLANATION_LIMIT ? line : line.substring(0, EXPLANATION_LIMIT) + "...";
  }

  /**
   * A redacted excerpt of a body (secret JSON fields and form values, secret-named {@code
   * name=value} pairs and the known secret values removed, at most 512 chars). A body is read as a
   * form only when it is one whole {@code a=1&b=2} sequence.
   *
   * @param body the body text
   * @return the excerpt
   */
  public String excerpt(String body) {
    return excerpt(body, null, Set.of());
  }

  private String excerpt(String body, MediaType type, Set<String> secrets) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    boolean form =
        type != null
            ? "x-www-form-urlencoded".equalsIgnoreCase(type.subtype())
            : Redactor.looksLikeForm(body);
    String redacted = redactor.body(body, form, secrets);
    return redacted.length() <= EXCERPT_LIMIT
        ? redacted
        : redacted.substring(0, EXCERPT_LIMIT) + "...";
  }

  /**
   * Removes the client's known secret values (and secret-named {@code name=value} pairs) from a
   * text, for vendor modules that build messages from what a vendor said (an error envelope's
   * message) outside {@link #toException(String, int, Headers, String)}.
   *
   * @param text the text, possibly null
   * @return the text without secrets; null for null
   */
  public String redact(String text) {
    return redactor.text(text, Set.of());
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
