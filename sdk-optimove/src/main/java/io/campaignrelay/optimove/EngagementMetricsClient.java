package io.campaignrelay.optimove;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientBuilder;
import io.campaignrelay.core.http.ClientOptions;
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
    OptimoveErrors errors = OptimoveErrors.parser(tenantToken);
    byte[] key = tenantToken.reveal().getBytes(StandardCharsets.UTF_8);
    return VendorProfile.builder("optimove")
        .secretNames(MetricsApi.SIGNATURE_CONTENT, "tenanttoken", "x-api-key")
        .errorParser(errors)
        .errorEnvelope(errors)
        .authentication(request -> signed(request, key))
        .build();
  }

  /** The signature headers over the exact body bytes (the body is a replayable byte array). */
  private static okhttp3.Request signed(okhttp3.Request request, byte[] key) {
    RequestBody body = request.body();
    if (body == null) {
      return request;
    }
    okio.Buffer buffer = new okio.Buffer();
    try {
      body.writeTo(buffer);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return request
        .newBuilder()
        .header(MetricsApi.SIGNATURE_VERSION, "1")
        .header(MetricsApi.SIGNATURE_CONTENT, Signatures.hmacSha256Hex(key, buffer.readByteArray()))
        .build();
  }

  private final String tenantId;
  private final Secret tenantToken;
  private final int batchSize;
  private final Clock clock;
  private final HttpPipeline pipeline;
  private final MetricsApi api;
  private final Responses responses;

  private EngagementMetricsClient(
      ClientOptions options, Secret tenantToken, String tenantId, int batchSize) {
    this.tenantId = tenantId;
    this.tenantToken = tenantToken;
    this.batchSize = batchSize;
    this.clock = options.clock();
    this.pipeline = HttpPipeline.create(options, profile(tenantToken), tenantToken);
    this.api = pipeline.create(MetricsApi.class);
    this.responses = new Responses(pipeline, OptimoveErrors.parser(tenantToken));
  }

  /**
   * A builder holding this client's settings (tenant, token, batch size, endpoint, transport
   * options), to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .clientOptions(pipeline.options())
        .credential(tenantToken)
        .tenantId(tenantId)
        .batchSize(batchSize);
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
      responses.write(api.saveEvent(RequestBody.create(body, JSON)), "POST api/saveEvent");
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

  /**
   * Builds an {@link EngagementMetricsClient} on core's {@link ClientBuilder} (its merge rule
   * applies). The credential is the tenant token (the HMAC key); the tenant id is required and
   * gives the default endpoint {@code https://metric-<tenantId>.optimove.net/}. Not thread-safe.
   */
  public static final class Builder
      extends ClientBuilder<Builder, Secret, EngagementMetricsClient> {
    private String tenantId;
    private int batchSize = DEFAULT_BATCH_SIZE;

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
     * Sets the events per request.
     *
     * @param batchSize 1 to 10,000 (default {@value EngagementMetricsClient#DEFAULT_BATCH_SIZE})
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    @Override
    protected String subject() {
      return "Optimove engagement metrics settings";
    }

    @Override
    protected String credentialFix() {
      return "set the Tenant Token from your Optimove account manager with"
          + " credential(Secret.of(...))";
    }

    @Override
    protected String defaultEndpoint() {
      return validTenant() ? EngagementMetricsClient.defaultEndpoint(tenantId) : null;
    }

    @Override
    protected String endpointFix() {
      return null; // the endpoint derives from the tenant id, whose problem is listed
    }

    private boolean validTenant() {
      return tenantId != null && tenantId.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    }

    @Override
    protected void validate(List<ConfigurationProblem> problems) {
      if (!validTenant()) {
        problems.add(
            ConfigurationProblem.of(
                "tenantId",
                tenantId,
                "give the Tenant ID from your Optimove account manager (letters, digits, '-')"));
      }
      if (batchSize < 1 || batchSize > 10_000) {
        problems.add(ConfigurationProblem.of("batchSize", batchSize, "use 1 to 10000"));
      }
    }

    @Override
    protected EngagementMetricsClient newClient(ClientOptions options, Secret credential) {
      return new EngagementMetricsClient(options, credential, tenantId, batchSize);
    }
  }
}
