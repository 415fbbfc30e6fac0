package io.campaignrelay.optimove;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.http.Sleeper;
import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.core.http.spi.VendorProfile;
import io.campaignrelay.optimove.implementation.Chunks;
import io.campaignrelay.optimove.implementation.MetricsApi;
import io.campaignrelay.optimove.implementation.OptimoveErrors;
import io.campaignrelay.optimove.implementation.Responses;
import io.campaignrelay.optimove.implementation.Signatures;
import io.campaignrelay.optimove.models.EngagementEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;

/**
 * Reports engagement events to Optimove's External Vendors Campaign Engagement Metrics endpoint,
 * {@code POST https://metric-<tenantId>.optimove.net/api/saveEvent} (the endpoint may need enabling
 * by Optimove support). It is authenticated by signature, not by the API key: {@code
 * X-Optimove-Signature-Version: 1} and {@code x-optimove-signature-content} = lower-case hex
 * HMAC-SHA256 of the exact body bytes, keyed with the tenant token. Each batch is serialised once
 * (compact JSON array), signed, and those same bytes are sent.
 *
 * <p>Before anything is sent every event is checked and all problems are reported at once: a name,
 * a timestamp no older than {@value #MAX_AGE_DAYS} days (by the client's clock) and not in the
 * future beyond one minute, exactly one of customer or visitor, and never {@code Sent}. Events are
 * sent in batches of {@link Builder#batchSize(int)} (default {@value #DEFAULT_BATCH_SIZE};
 * Optimove's limit is UNKNOWN). A 429 means Optimove processed nothing: the transport (sdk-core's
 * retry loop) waits for {@code Retry-After} or backs off and sends the same batch again. Otherwise
 * a batch is not re-sent once it reached Optimove (whether saveEvent deduplicates a repeat is not
 * documented, so a repeat could count twice); connection failures before that are retried. For
 * metrics that must not be lost, report through {@link OptimoveMetricsSink}, which keeps what could
 * not be delivered in a {@link io.campaignrelay.core.outbox.MetricsOutbox}.
 *
 * <p>Timestamps are sent as ISO-8601 UTC instants to the second ({@code 2026-11-23T10:15:30Z}); the
 * exact format Optimove expects is UNKNOWN beyond "a string, in UTC". Immutable and thread-safe;
 * the tenant token never appears in logs, messages or {@link #toString()}.
 */
public final class EngagementMetricsClient {

  /** Optimove rejects events older than this many days. */
  public static final int MAX_AGE_DAYS = 7;

  /** Events per request unless configured. */
  public static final int DEFAULT_BATCH_SIZE = 100;

  private static final MediaType JSON = MediaType.get("application/json");
  private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(1);

  private static VendorProfile profile(Secret tenantToken) {
    return VendorProfile.builder("optimove")
        .secretNames(MetricsApi.SIGNATURE_CONTENT, "tenanttoken", "x-api-key")
        .errorParser(OptimoveErrors.parser(tenantToken))
        .build();
  }

  private final String tenantId;
  private final Secret tenantToken;
  private final int batchSize;
  private final Clock clock;
  private final HttpPipeline pipeline;
  private final MetricsApi api;
  private final Responses responses;

  private EngagementMetricsClient(Builder b, ClientOptions options) {
    this.tenantId = b.tenantId;
    this.tenantToken = b.tenantToken;
    this.batchSize = b.batchSize;
    this.clock = options.clock();
    this.pipeline = HttpPipeline.create(options, profile(b.tenantToken), b.tenantToken);
    this.api = pipeline.create(MetricsApi.class);
    this.responses = new Responses(pipeline, OptimoveErrors.parser(b.tenantToken));
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The default endpoint of a tenant.
   *
   * @param tenantId the tenant id Optimove support gave
   * @return {@code https://metric-<tenantId>.optimove.net/}
   */
  public static String defaultEndpoint(String tenantId) {
    return "https://metric-" + tenantId + ".optimove.net/";
  }

  /**
   * The base URL events go to.
   *
   * @return the endpoint
   */
  public String endpoint() {
    return pipeline.endpoint();
  }

  /**
   * The events per request.
   *
   * @return the batch size
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * The tenant.
   *
   * @return the tenant id
   */
  public String tenantId() {
    return tenantId;
  }

  /**
   * Sends events, in batches.
   *
   * @param events the events; all are checked before the first batch is sent
   * @throws ConfigurationException listing every invalid event (nothing is sent)
   * @throws ApiServiceException if Optimove rejects a batch (earlier batches stay sent)
   * @throws ApiConnectionException if Optimove cannot be reached or the outcome is unknown
   */
  public void saveEvents(List<EngagementEvent> events) {
    Objects.requireNonNull(events, "events");
    validate(events);
    for (List<EngagementEvent> batch : Chunks.of(events, batchSize)) {
      byte[] body = serialize(batch);
      String signature = sign(body);
      responses.write(
          api.saveEvent("1", signature, RequestBody.create(body, JSON)), "POST api/saveEvent");
    }
  }

  /**
   * The signature for a body: lower-case hex HMAC-SHA256 keyed with the tenant token.
   *
   * @param body the exact bytes sent
   * @return 64 hex characters
   */
  public String sign(byte[] body) {
    return Signatures.hmacSha256Hex(tenantToken.reveal().getBytes(StandardCharsets.UTF_8), body);
  }

  /**
   * The exact bytes sent for a batch: a compact JSON array of {@code {event, category, timestamp,
   * customer | visitor, context?}}.
   *
   * @param batch the events
   * @return UTF-8 JSON bytes
   */
  public byte[] serialize(List<EngagementEvent> batch) {
    List<Map<String, Object>> out = new ArrayList<>(batch.size());
    for (EngagementEvent e : batch) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", e.event());
      m.put("category", EngagementEvent.CATEGORY);
      m.put("timestamp", e.timestamp().truncatedTo(ChronoUnit.SECONDS).toString());
      if (e.customer() != null) {
        m.put("customer", e.customer());
      } else {
        m.put("visitor", e.visitor());
      }
      if (!e.context().isEmpty()) {
        m.put("context", e.context());
      }
      out.add(m);
    }
    try {
      return Responses.MAPPER.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new ConfigurationException(
          "Optimove engagement events",
          ConfigurationProblem.of(
              "context",
              e.getOriginalMessage(),
              "use only strings, numbers and booleans as context values"));
    }
  }

  /** Checks events as {@link #saveEvents(List)} does, without sending them. */
  void validate(List<EngagementEvent> events) {
    Instant now = clock.instant();
    Instant oldest = now.minus(Duration.ofDays(MAX_AGE_DAYS));
    List<ConfigurationProblem> problems = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      EngagementEvent e = events.get(i);
      String f = "events[" + i + "]";
      if (e == null) {
        problems.add(ConfigurationProblem.of(f, null, "remove the null"));
        continue;
      }
      if (e.event() == null || e.event().isBlank()) {
        problems.add(
            ConfigurationProblem.of(f + ".event", e.event(), "name the event, e.g. Delivered"));
      } else if (e.event().strip().equalsIgnoreCase("Sent")) {
        problems.add(
            ConfigurationProblem.of(
                f + ".event",
                e.event(),
                "\"Sent\" is not an allowed value of Optimove's engagement metrics; it is derived"
                    + " as Sent = Targeted - Dropped: leave it out"));
      }
      if (e.timestamp() == null) {
        problems.add(ConfigurationProblem.of(f + ".timestamp", null, "give when it happened"));
      } else if (e.timestamp().isBefore(oldest)) {
        problems.add(
            ConfigurationProblem.of(
                f + ".timestamp",
                e.timestamp(),
                "is older than "
                    + MAX_AGE_DAYS
                    + " days (now "
                    + now
                    + "): Optimove rejects such events; report events within a week"));
      } else if (e.timestamp().isAfter(now.plus(FUTURE_TOLERANCE))) {
        problems.add(
            ConfigurationProblem.of(
                f + ".timestamp",
                e.timestamp(),
                "is in the future (now " + now + "): give the UTC time it happened"));
      }
      boolean hasCustomer = e.customer() != null && !e.customer().isBlank();
      boolean hasVisitor = e.visitor() != null && !e.visitor().isBlank();
      if (hasCustomer == hasVisitor) {
        problems.add(
            ConfigurationProblem.of(
                f + ".customer",
                hasCustomer ? "customer and visitor" : null,
                "give exactly one of customer or visitor"));
      }
      for (Map.Entry<String, Object> c : e.context().entrySet()) {
        Object v = c.getValue();
        if (!(v == null || v instanceof String || v instanceof Number || v instanceof Boolean)) {
          problems.add(
              ConfigurationProblem.of(
                  f + ".context." + c.getKey(),
                  v.getClass().getSimpleName(),
                  "use a string, number or boolean"));
        }
      }
    }
    ConfigurationException.throwIfAny("Optimove engagement events", problems);
  }

  /** Names the endpoint; never the tenant token. */
  @Override
  public String toString() {
    return "EngagementMetricsClient{endpoint="
        + pipeline.endpoint()
        + ", tenantId="
        + tenantId
        + ", tenantToken="
        + tenantToken
        + '}';
  }

  /** Builds an {@link EngagementMetricsClient}. Not thread-safe. */
  public static final class Builder {
    private String tenantId;
    private Secret tenantToken;
    private String endpoint;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private ClientOptions clientOptions;
    private OkHttpClient httpClient;
    private RetryOptions retryOptions;
    private Clock clock;
    private Sleeper sleeper;

    private Builder() {}

    /**
     * Sets the tenant id (required; from your Optimove account manager or support).
     *
     * @param tenantId letters, digits and {@code -}
     * @return this builder
     */
    public Builder tenantId(String tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    /**
     * Sets the tenant token (required), the HMAC key.
     *
     * @param tenantToken the token
     * @return this builder
     */
    public Builder tenantToken(Secret tenantToken) {
      this.tenantToken = tenantToken;
      return this;
    }

    /**
     * Overrides the endpoint (default {@code https://metric-<tenantId>.optimove.net/}); tests and
     * fakes point it at loopback.
     *
     * @param endpoint an absolute http(s) URL, or null for the default
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the events per request.
     *
     * @param batchSize 1 to 10,000 (default {@value EngagementMetricsClient#DEFAULT_BATCH_SIZE})
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the base transport options.
     *
     * @param clientOptions the options
     * @return this builder
     */
    public Builder clientOptions(ClientOptions clientOptions) {
      this.clientOptions = clientOptions;
      return this;
    }

    /**
     * Sets an OkHttp client to derive from; never mutated.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
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
     * Sets the clock used for the 7-day check.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets what waits between retries.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * Builds the client. No network call is made.
     *
     * @return the client
     * @throws ConfigurationException listing every missing or invalid setting
     */
    public EngagementMetricsClient buildClient() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (tenantId == null || !tenantId.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
        problems.add(
            ConfigurationProblem.of(
                "tenantId",
                tenantId,
                "give the Tenant ID from your Optimove account manager (letters, digits, '-')"));
      }
      if (tenantToken == null) {
        problems.add(
            ConfigurationProblem.of(
                "tenantToken", null, "give the Tenant Token from your Optimove account manager"));
      }
      if (batchSize < 1 || batchSize > 10_000) {
        problems.add(ConfigurationProblem.of("batchSize", batchSize, "use 1 to 10000"));
      }
      ConfigurationException.throwIfAny("Optimove engagement metrics settings", problems);
      ClientOptions.Builder o =
          (clientOptions == null ? ClientOptions.builder() : clientOptions.toBuilder())
              .endpoint(endpoint != null ? endpoint : defaultEndpoint(tenantId));
      if (httpClient != null) {
        o.httpClient(httpClient);
      }
      if (retryOptions != null) {
        o.retryOptions(retryOptions);
      }
      if (clock != null) {
        o.clock(clock);
      }
      if (sleeper != null) {
        o.sleeper(sleeper);
      }
      return new EngagementMetricsClient(this, o.build());
    }
  }
}
