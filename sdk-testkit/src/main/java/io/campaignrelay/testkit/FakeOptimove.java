package io.campaignrelay.testkit;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.testkit.implementation.Hmac;
import io.campaignrelay.testkit.implementation.Outbound;
import io.campaignrelay.testkit.implementation.Seeds;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockWebServer;

/**
 * A stateful in-process fake of the Optimove API as a channel vendor uses it, written from {@code
 * optimove-api.md}. Two servers: {@link #baseUrl()} (the tenant's {@code
 * https://apiN.optimove.net/}) and {@link #metricsBaseUrl()} (the tenant's {@code
 * https://metric-<tenantId>.optimove.net/}).
 *
 * <p>Requests: GET with a query string for reads, POST with a JSON body for writes; both {@code
 * /current/<category>/<Function>} and {@code /<Category>/<Function>} are served, case-insensitively
 * (INFERRED in the spec). Functions: {@code general/RegisterEventListener}, {@code
 * UnregisterEventListener}, {@code GetRegisteredEventListeners}; {@code
 * integrations/AddChannelTemplates}, {@code GetChannelTemplates}, {@code GetChannelTemplateDetails}
 * (also spelled {@code GetChannelTemplatesDetails}), {@code DeleteChannelTemplates}, {@code
 * AddChannelApps}, {@code DeleteChannelApps}, {@code AddPromotions}, {@code GetPromotions}, {@code
 * DeletePromotions}, {@code UpdateCampaignMetrics}, {@code UpdateCampaignInteractions}; {@code
 * customers/GetCustomerSendDetailsByChannel}, {@code GetCustomerSendDetailsByCampaign}, {@code
 * GetCustomerExecutionDetailsByCampaign}; {@code actions/GetCampaignDetails}, {@code
 * GetExecutedCampaignsByChannel}, {@code GetExecutedCampaignChannelDetails}; {@code
 * model/GetCustomerAttributeList}; {@code GET /Customers/{id}/Attributes}; and on the metrics host
 * {@code POST /api/saveEvent}. The fault-script operation is the function name ({@code
 * CustomerAttributes} for the per-customer path, {@code saveEvent} for metrics).
 *
 * <p>Realism: {@code X-API-KEY} on every API call (401 {@code "Unauthorized"}); error bodies are
 * JSON strings as the spec reports; 404 {@code "Not Found"} for unknown functions; 405 {@code
 * "Method Not Allowed"}; 415 when a POST lacks {@code Content-Type: application/json}; 400 with a
 * message naming the parameter for bad input; at most 100 rows for template, promotion and metric
 * writes; pages of at most 10,000 rows ({@code $top} is capped); a sliding-window limit of 50
 * requests per 10 s per API key (whichever client sends them) on the simulated clock, answering 429
 * with the documented JSON body and {@code Retry-After} (INFERRED: none is documented; {@link
 * Builder#rateLimitRetryAfter(boolean)} leaves it out). Keys: {@link
 * Builder#additionalApiKey(String, boolean)} adds keys with their own windows; a third-party key
 * ({@link Builder#thirdPartyOnly(boolean)}) may call only the sandbox guide's third-party list (403
 * otherwise, INFERRED status); an Integrations key can be scoped to channels and attributes (403
 * outside).
 *
 * <p>{@code saveEvent} checks {@code X-Optimove-Signature-Version: 1} and {@code
 * x-optimove-signature-content} = hex HMAC-SHA256 of the exact body bytes keyed by the tenant token
 * (401 otherwise), then each event: {@code event}, {@code category: "metric"}, a {@code timestamp}
 * at most 7 days old (ISO-8601 instant, {@code yyyy-MM-dd HH:mm:ss} UTC or epoch seconds/millis),
 * {@code customer} or {@code visitor} (400 otherwise). It answers 200 with an empty body (the real
 * response shape is UNKNOWN). Event names and context keys are not restricted (UNKNOWN).
 *
 * <p>Customers are lazy ({@link #addCustomers(long, SyntheticCustomers)}); campaign targets are a
 * seeded window over them; responses are built per page, so per-request work is O(page size).
 * Attributes come back under {@code CustomerAttributes} as a JSON array in request order, or as one
 * delimited string with {@link Builder#legacyDelimitedAttributes(boolean)}, and under the singular
 * {@code CustomerAttribute} with {@link Builder#singularAttributeKey(boolean)} (seen in the wild).
 * Thread-safe; close it to stop both servers.
 */
public final class FakeOptimove extends VendorFake {

  /** The API key accepted when the builder sets none. */
  public static final String DEFAULT_API_KEY = "optimove-test-api-key";

  /** The tenant token used when the builder sets none. */
  public static final String DEFAULT_TENANT_TOKEN = "optimove-test-tenant-token";

  /** Most rows per page of customer functions. */
  public static final int MAX_PAGE_SIZE = 10_000;

  /** Most rows per template or metric write. */
  public static final int MAX_ROWS_PER_WRITE = 100;

  /** Most customer ids per {@code UpdateCampaignInteractions}. */
  public static final int MAX_INTERACTION_CUSTOMERS = 10_000;

  /** The EventTypeIDs a listener may register for. */
  public static final Set<Integer> EVENT_TYPES = Set.of(1, 2, 3, 4, 5, 11, 13, 14);

  private final MockWebServer metrics;
  private final OptimoveNotifications notifications;
  private final long tenantId;
  private final OptimoveState state;

  private FakeOptimove(Builder b) {
    super("Optimove", b.clock);
    this.tenantId = b.tenantId;
    this.state = new OptimoveState(b, lock, clock);
    serve(new OptimoveApiDispatcher(state), b.faults);
    this.metrics = serve(new OptimoveMetricsDispatcher(state), b.faults);
    this.notifications = new OptimoveNotifications(state, closeWith(new Outbound()));
  }

  /**
   * Starts a fake with default settings.
   *
   * @return the running fake
   */
  public static FakeOptimove start() {
    return builder().start();
  }

  /**
   * Starts configuring a fake.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The engagement-metrics base URL with a trailing slash (stands for {@code
   * https://metric-<tenantId>.optimove.net/}); events go to {@code metricsBaseUrl() +
   * "api/saveEvent"}.
   *
   * @return the URL
   */
  public String metricsBaseUrl() {
    return urlOf(metrics);
  }

  /**
   * The tenant id.
   *
   * @return the id
   */
  public long tenantId() {
    return tenantId;
  }

  /**
   * Makes customers {@code 0..count-1} of a generator the tenant's customers (lazily). Replaces an
   * earlier synthetic block.
   *
   * @param count how many
   * @param customers the generator
   */
  public void addCustomers(long count, SyntheticCustomers customers) {
    Objects.requireNonNull(customers, "customers");
    if (count < 0 || count > SyntheticCustomers.MAX_CUSTOMERS) {
      throw new IllegalArgumentException("count is " + count + ": use 0..1e9");
    }
    synchronized (lock) {
      state.synthetic = customers;
      state.syntheticCount = count;
    }
  }

  /**
   * Adds or replaces one explicit customer.
   *
   * @param customer the customer
   */
  public void addCustomer(FakeCustomer customer) {
    synchronized (lock) {
      state.explicitCustomers.put(customer.customerId(), customer);
    }
  }

  /**
   * Looks a customer up by id.
   *
   * @param customerId the id
   * @return the customer, or empty
   */
  public Optional<FakeCustomer> customer(String customerId) {
    synchronized (lock) {
      return Optional.ofNullable(state.findCustomer(customerId));
    }
  }

  /**
   * Schedules a campaign targeting {@code targetCount} of the synthetic customers (a seeded,
   * contiguous window, wrapping around).
   *
   * @param channelId the ChannelID (e.g. 452 Delivyr Scheduled SMS)
   * @param templateId the TemplateID
   * @param scheduledTime the send time
   * @param targetCount how many targets (at most the synthetic customer count)
   * @return the campaign
   */
  public ScheduledCampaign addScheduledCampaign(
      int channelId, long templateId, LocalDateTime scheduledTime, int targetCount) {
    return addScheduledCampaign(
        channelId, List.of(templateId), scheduledTime, targetCount, List.of());
  }

  /**
   * Schedules a campaign targeting synthetic customers with several templates and promo codes.
   *
   * @param channelId the ChannelID
   * @param templateIds the templates (target {@code j} gets template {@code j % n})
   * @param scheduledTime the send time
   * @param targetCount how many targets
   * @param promoCodes promo codes (may be empty)
   * @return the campaign
   */
  public ScheduledCampaign addScheduledCampaign(
      int channelId,
      List<Long> templateIds,
      LocalDateTime scheduledTime,
      int targetCount,
      List<String> promoCodes) {
    Objects.requireNonNull(scheduledTime, "scheduledTime");
    if (templateIds.isEmpty()) {
      throw new IllegalArgumentException("templateIds is empty: give at least one TemplateID");
    }
    synchronized (lock) {
      if (targetCount < 0 || targetCount > state.syntheticCount) {
        throw new IllegalArgumentException(
            "targetCount is "
                + targetCount
                + " but the tenant has "
                + state.syntheticCount
                + " state.synthetic customers: call addCustomers() first or target fewer");
      }
      long id = state.nextCampaignId++;
      long n = state.syntheticCount;
      long offset = n == 0 ? 0 : Math.floorMod(Seeds.mix(state.seed, id, 33), n);
      SyntheticCustomers gen = state.synthetic;
      ScheduledCampaign c =
          new ScheduledCampaign(
              id,
              channelId,
              templateIds,
              scheduledTime,
              state.nextActionId++,
              promoCodes,
              targetCount,
              j -> gen.customer((offset + j) % n));
      state.campaigns.put(id, new OptimoveState.Campaign(c, null));
      return c;
    }
  }

  /**
   * Schedules a campaign targeting explicit customer ids (explicit or synthetic customers).
   *
   * @param channelId the ChannelID
   * @param templateId the TemplateID
   * @param scheduledTime the send time
   * @param customerIds the targets
   * @return the campaign
   */
  public ScheduledCampaign addScheduledCampaign(
      int channelId, long templateId, LocalDateTime scheduledTime, List<String> customerIds) {
    List<String> ids = List.copyOf(customerIds);
    synchronized (lock) {
      for (String id : ids) {
        if (state.findCustomer(id) == null) {
          throw new IllegalArgumentException(
              "customer " + id + " is unknown: add it with addCustomer() or addCustomers() first");
        }
      }
      long id = state.nextCampaignId++;
      ScheduledCampaign c =
          new ScheduledCampaign(
              id,
              channelId,
              List.of(templateId),
              scheduledTime,
              state.nextActionId++,
              List.of(),
              ids.size(),
              j -> customer(ids.get((int) j)).orElseThrow());
      state.campaigns.put(id, new OptimoveState.Campaign(c, ids));
      return c;
    }
  }

  /**
   * The templates currently registered in a channel.
   *
   * @param channelId the ChannelID
   * @return the templates, in registration order
   */
  public List<ChannelTemplate> channelTemplates(int channelId) {
    synchronized (lock) {
      List<ChannelTemplate> out = new ArrayList<>();
      state
          .templates
          .getOrDefault(channelId, new LinkedHashMap<>())
          .forEach((id, name) -> out.add(new ChannelTemplate(channelId, id, name)));
      return out;
    }
  }

  /**
   * The apps registered in a push channel ({@code AddChannelApps}).
   *
   * @param channelId the ChannelID
   * @return AppID to AppName, in registration order
   */
  public Map<String, String> channelApps(int channelId) {
    synchronized (lock) {
      return new LinkedHashMap<>(state.apps.getOrDefault(channelId, new LinkedHashMap<>()));
    }
  }

  /**
   * The promotions ({@code AddPromotions}).
   *
   * @return PromoCode to PromotionName, in order
   */
  public Map<String, String> promotions() {
    synchronized (lock) {
      return new LinkedHashMap<>(state.promotions);
    }
  }

  /**
   * The registered listeners.
   *
   * @return a copy
   */
  public List<RegisteredListener> registeredListeners() {
    return snapshot(state.listeners);
  }

  /**
   * Rows received by {@code UpdateCampaignMetrics}.
   *
   * @return a copy
   */
  public List<CampaignMetric> receivedMetrics() {
    return snapshot(state.receivedMetrics);
  }

  /**
   * Calls received by {@code UpdateCampaignInteractions}.
   *
   * @return a copy
   */
  public List<CampaignInteraction> receivedInteractions() {
    return snapshot(state.receivedInteractions);
  }

  /**
   * Events accepted by the signed engagement-metrics endpoint.
   *
   * @return a copy
   */
  public List<EngagementEvent> receivedEvents() {
    return snapshot(state.receivedEvents);
  }

  /**
   * Notifications this fake POSTed to listeners.
   *
   * @return a copy
   */
  public List<ListenerCall> listenerCalls() {
    return snapshot(state.listenerCalls);
  }

  /**
   * Tells the registered listeners that a campaign was processed: EventTypeID 1 {@code
   * {EventTypeID, TimeStamp, CampaignID}} to type-1 listeners, and EventTypeID 13 (same plus {@code
   * ChannelID}) to type-13 listeners registered without a channel or for the campaign's channel.
   *
   * @param campaignId the campaign
   * @return the calls made
   */
  public List<ListenerCall> notifyCampaignProcessed(long campaignId) {
    return notifications.campaignProcessed(campaignId);
  }

  /**
   * Fires a Track and Trigger event (EventTypeID 11) at the listeners registered for 11 (and the
   * channel), with the observed camelCase payload: {@code requestId, customerID, isVisitor,
   * actionID, promotions, promoCode, channelID, channelAdditionalData, campaignID, templateName,
   * campaignSeriesID, templateID, timestamp, personalization}.
   *
   * @param customerId the customer
   * @param channelId the channel (e.g. 250 Delivyr Triggered SMS)
   * @param templateId the TemplateID
   * @param templateName the TemplateName
   * @param eventName the trigger event name (key inside {@code personalization})
   * @param eventParams the trigger event parameters
   * @param includePersonalInfo whether to include {@code personalization.personalInfo} (the
   *     customer's key-scoped attributes); without it the vendor must fetch them
   * @return the calls made
   */
  public List<ListenerCall> fireTrigger(
      String customerId,
      int channelId,
      long templateId,
      String templateName,
      String eventName,
      Map<String, String> eventParams,
      boolean includePersonalInfo) {
    return notifications.trigger(
        customerId,
        channelId,
        templateId,
        templateName,
        eventName,
        eventParams,
        includePersonalInfo);
  }

  /**
   * The customer's attributes as the configured key may read them (for linked fakes).
   *
   * @param customerId the id
   * @return the attributes, or empty for an unknown customer
   */
  Optional<Map<String, String>> scopedAttributes(String customerId) {
    FakeCustomer c;
    synchronized (lock) {
      c = state.findCustomer(customerId);
    }
    return c == null ? Optional.empty() : Optional.of(state.readable(c));
  }

  /**
   * Computes the engagement-metrics signature of a body, as a client must send it in {@code
   * x-optimove-signature-content} (helper for tests).
   *
   * @param body the exact body bytes
   * @return lower-case hex HMAC-SHA256 keyed by the tenant token
   */
  public String signatureOf(byte[] body) {
    return Hmac.sha256Hex(state.tenantToken.reveal(), body);
  }

  @Override
  public String toString() {
    return "FakeOptimove[api="
        + baseUrl()
        + ", metrics="
        + metricsBaseUrl()
        + ", tenant="
        + tenantId
        + "]";
  }

  /** Configures and starts a {@link FakeOptimove}. Not thread-safe. */
  public static final class Builder {
    SimulatedClock clock;
    long seed;
    String apiKey = DEFAULT_API_KEY;
    boolean thirdPartyOnly;
    final Map<String, Boolean> additionalKeys = new LinkedHashMap<>();
    long tenantId = 1234;
    String tenantToken = DEFAULT_TENANT_TOKEN;
    int rateLimit = 50;
    Duration rateWindow = Duration.ofSeconds(10);
    boolean rateLimitRetryAfter = true;
    boolean legacyDelimitedAttributes;
    boolean singularAttributeKey;
    Set<Integer> keyChannels = Set.of();
    Set<String> keyAttributes = Set.of();
    FaultScript faults = FaultScript.none();

    private Builder() {}

    /** Sets the shared clock (default: a new {@link SimulatedClock}). */
    public Builder clock(SimulatedClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the seed of campaign ids and target windows. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the accepted {@code X-API-KEY}. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Accepts one more {@code X-API-KEY}, with its own rate-limit window (the limit is per key,
     * whichever client sends it).
     *
     * @param apiKey the key
     * @param thirdParty whether it is a third-party key (see {@link #thirdPartyOnly(boolean)})
     * @return this builder
     */
    public Builder additionalApiKey(String apiKey, boolean thirdParty) {
      this.additionalKeys.put(Objects.requireNonNull(apiKey, "apiKey"), thirdParty);
      return this;
    }

    /**
     * Whether the main key is a third-party key (default false): it may call only the functions on
     * the "Third Party API list" of Optimove's sandbox guide, and others ({@code
     * GetCustomerSendDetailsByCampaign}, {@code GetCustomerAttributeList}, {@code
     * Customers/{id}/Attributes}) answer 403. The status is INFERRED (the docs say only that such
     * calls fail).
     *
     * @param enabled whether the main key is a third-party key
     * @return this builder
     */
    public Builder thirdPartyOnly(boolean enabled) {
      this.thirdPartyOnly = enabled;
      return this;
    }

    /** Sets the tenant id (positive). */
    public Builder tenantId(long tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    /** Sets the tenant token that keys the engagement-metrics HMAC. */
    public Builder tenantToken(String tenantToken) {
      this.tenantToken = tenantToken;
      return this;
    }

    /**
     * Sets the rate limit per key (default 50 per 10 s, sliding, on the simulated clock); {@code
     * limit <= 0} disables it.
     *
     * @param limit requests per window
     * @param window the sliding window
     * @return this builder
     */
    public Builder rateLimit(int limit, Duration window) {
      this.rateLimit = limit;
      this.rateWindow = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Whether a rate-limited 429 carries {@code Retry-After} with the seconds until a slot frees
     * (default true). No such header is documented (UNKNOWN): set false to test a client's back-off
     * without it.
     *
     * @param enabled whether to add the header
     * @return this builder
     */
    public Builder rateLimitRetryAfter(boolean enabled) {
      this.rateLimitRetryAfter = enabled;
      return this;
    }

    /**
     * Whether {@code CustomerAttributes} come back as one delimited string (the older API) instead
     * of a JSON array (the current docs).
     *
     * @param enabled true for the legacy string form
     * @return this builder
     */
    public Builder legacyDelimitedAttributes(boolean enabled) {
      this.legacyDelimitedAttributes = enabled;
      return this;
    }

    /**
     * Whether target rows name their attributes {@code CustomerAttribute} (singular, as a mock
     * written against the live API reports) instead of the documented {@code CustomerAttributes}.
     *
     * @param enabled true for the singular key
     * @return this builder
     */
    public Builder singularAttributeKey(boolean enabled) {
      this.singularAttributeKey = enabled;
      return this;
    }

    /** Scopes the Integrations key to channels (empty: all); others answer 403. */
    public Builder keyChannels(Integer... channelIds) {
      this.keyChannels = Set.of(channelIds);
      return this;
    }

    /** Scopes the Integrations key to attributes (RealFieldNames; empty: all); others 403. */
    public Builder keyAttributes(String... realFieldNames) {
      this.keyAttributes = Set.of(realFieldNames);
      return this;
    }

    /** Sets the fault script. */
    public Builder faults(FaultScript script) {
      this.faults = Objects.requireNonNull(script, "script");
      return this;
    }

    /**
     * Validates and starts both servers on loopback.
     *
     * @return the running fake
     * @throws ConfigurationException naming each bad setting
     */
    public FakeOptimove start() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (apiKey == null || apiKey.isBlank()) {
        problems.add(ConfigurationProblem.ofSecret("apiKey", "set a non-blank API key"));
      }
      if (additionalKeys.keySet().stream().anyMatch(String::isBlank)) {
        problems.add(
            ConfigurationProblem.ofSecret("additionalApiKey", "set non-blank additional keys"));
      }
      if (tenantToken == null || tenantToken.isBlank()) {
        problems.add(ConfigurationProblem.ofSecret("tenantToken", "set a non-blank tenant token"));
      }
      if (tenantId <= 0) {
        problems.add(ConfigurationProblem.of("tenantId", tenantId, "use a positive tenant id"));
      }
      if (rateWindow.isNegative() || rateWindow.isZero()) {
        problems.add(
            ConfigurationProblem.of(
                "rateWindow", rateWindow, "use a positive window such as 10 s"));
      }
      ConfigurationException.throwIfAny("FakeOptimove", problems);
      if (clock == null) {
        clock = SimulatedClock.create();
      }
      return started(new FakeOptimove(this));
    }
  }
}
