package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Hmac;
import io.campaignrelay.testkit.implementation.Json;
import io.campaignrelay.testkit.implementation.Outbound;
import io.campaignrelay.testkit.implementation.Seeds;
import io.campaignrelay.testkit.implementation.SlidingWindowLimiter;
import io.campaignrelay.testkit.implementation.VendorDispatcher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stateful in-process fake of the Optimove API as a channel vendor uses it, written from {@code
 * optimove-api.md}. Two servers: {@link #baseUrl()} (the tenant's {@code
 * https://apiN.optimove.net/}) and {@link #metricsBaseUrl()} (the tenant's {@code
 * https://metric-<tenantId>.optimove.net/}).
 *
 * <p>Paths: both {@code /current/<category>/<Function>} and {@code /<Category>/<Function>} are
 * served, case-insensitively (INFERRED in the spec). Functions: {@code general/
 * RegisterEventListener}, {@code UnregisterEventListener}, {@code GetRegisteredEventListeners};
 * {@code integrations/AddChannelTemplates}, {@code GetChannelTemplates}, {@code
 * DeleteChannelTemplates}, {@code UpdateCampaignMetrics}, {@code UpdateCampaignInteractions};
 * {@code customers/GetCustomerSendDetailsByChannel}, {@code GetCustomerSendDetailsByCampaign},
 * {@code GetCustomerExecutionDetailsByCampaign}; {@code actions/GetCampaignDetails}, {@code
 * GetExecutedCampaignsByChannel}, {@code GetExecutedCampaignChannelDetails}; {@code
 * model/GetCustomerAttributeList}; {@code GET /Customers/{id}/Attributes}; and on the metrics host
 * {@code POST /api/saveEvent}. The fault-script operation is the function name ({@code
 * CustomerAttributes} for the per-customer path, {@code saveEvent} for metrics).
 *
 * <p>Realism: {@code X-API-KEY} on every API call (401 {@code "Unauthorized"}); error bodies are
 * JSON strings as the spec reports; 404 {@code "Not Found"} for unknown functions; 405 {@code
 * "Method Not Allowed"}; 415 when a POST lacks {@code Content-Type: application/json}; 400 with a
 * message naming the parameter for bad input; at most 100 rows for template and metric writes;
 * pages of at most 10,000 rows ({@code $top} is capped); a sliding-window limit of 50 requests per
 * 10 s per key on the simulated clock answering 429 with the documented JSON body (no {@code
 * Retry-After} unless {@link Builder#rateLimitRetryAfter(boolean)}, since none is documented); an
 * Integrations key can be scoped to channels (403 outside) and attributes (403 outside).
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
 * Attributes come back as a JSON array in request order, or as one delimited string with {@link
 * Builder#legacyDelimitedAttributes(boolean)}. Thread-safe; close it to stop both servers.
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

  private static final DateTimeFormatter SCHEDULED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter LISTENER_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** The RealFieldNames every customer has, in order (the same for all customers). */
  private static final List<String> ATTRIBUTES =
      List.copyOf(SyntheticCustomers.seeded(0).customer(0).attributes().keySet());

  private static final String RATE_LIMIT_BODY =
      "{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"You have exceeded the rate"
          + " limit of 50 requests per 10 seconds. Please retry after a short wait.\"}";

  private final MockWebServer metrics;
  private final Outbound outbound;
  private final long seed;
  private final Secret apiKey;
  private final long tenantId;
  private final Secret tenantToken;
  private final SlidingWindowLimiter limiter;
  private final boolean retryAfterOnLimit;
  private final boolean delimitedAttributes;
  private final Set<Integer> keyChannels;
  private final Set<String> keyAttributes;

  // state, guarded by lock
  private SyntheticCustomers synthetic = SyntheticCustomers.seeded(0);
  private long syntheticCount;
  private final Map<String, FakeCustomer> explicitCustomers = new LinkedHashMap<>();
  private final Map<Long, Campaign> campaigns = new LinkedHashMap<>();
  private final Map<Integer, LinkedHashMap<Long, String>> templates = new HashMap<>();
  private final List<RegisteredListener> listeners = new ArrayList<>();
  private final List<CampaignMetric> receivedMetrics = new ArrayList<>();
  private final List<CampaignInteraction> receivedInteractions = new ArrayList<>();
  private final List<EngagementEvent> receivedEvents = new ArrayList<>();
  private final List<ListenerCall> listenerCalls = new ArrayList<>();
  private long nextCampaignId;
  private long nextActionId;

  private record Campaign(ScheduledCampaign view, List<String> explicitIds) {}

  private FakeOptimove(Builder b) {
    super("Optimove", b.clock);
    this.seed = b.seed;
    this.apiKey = Secret.of(b.apiKey);
    this.tenantId = b.tenantId;
    this.tenantToken = Secret.of(b.tenantToken);
    this.limiter = new SlidingWindowLimiter(b.rateLimit, b.rateWindow, clock);
    this.retryAfterOnLimit = b.rateLimitRetryAfter;
    this.delimitedAttributes = b.legacyDelimitedAttributes;
    this.keyChannels = Set.copyOf(b.keyChannels);
    this.keyAttributes = Set.copyOf(b.keyAttributes);
    this.nextCampaignId = 1000 + Math.floorMod(Seeds.mix(seed, 31), 9000L);
    this.nextActionId = 50 + Math.floorMod(Seeds.mix(seed, 32), 50L);
    serve(new ApiDispatcher(), b.faults);
    this.metrics = serve(new MetricsDispatcher(), b.faults);
    this.outbound = closeWith(new Outbound());
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
      this.synthetic = customers;
      this.syntheticCount = count;
    }
  }

  /**
   * Adds or replaces one explicit customer.
   *
   * @param customer the customer
   */
  public void addCustomer(FakeCustomer customer) {
    synchronized (lock) {
      explicitCustomers.put(customer.customerId(), customer);
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
      return Optional.ofNullable(findCustomer(customerId));
    }
  }

  private FakeCustomer findCustomer(String id) {
    FakeCustomer c = explicitCustomers.get(id);
    if (c != null) {
      return c;
    }
    Optional<Long> idx = SyntheticCustomers.indexOf(id);
    return idx.isPresent() && idx.get() < syntheticCount ? synthetic.customer(idx.get()) : null;
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
      if (targetCount < 0 || targetCount > syntheticCount) {
        throw new IllegalArgumentException(
            "targetCount is "
                + targetCount
                + " but the tenant has "
                + syntheticCount
                + " synthetic customers: call addCustomers() first or target fewer");
      }
      long id = nextCampaignId++;
      long n = syntheticCount;
      long offset = n == 0 ? 0 : Math.floorMod(Seeds.mix(seed, id, 33), n);
      SyntheticCustomers gen = synthetic;
      ScheduledCampaign c =
          new ScheduledCampaign(
              id,
              channelId,
              templateIds,
              scheduledTime,
              nextActionId++,
              promoCodes,
              targetCount,
              j -> gen.customer((offset + j) % n));
      campaigns.put(id, new Campaign(c, null));
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
        if (findCustomer(id) == null) {
          throw new IllegalArgumentException(
              "customer " + id + " is unknown: add it with addCustomer() or addCustomers() first");
        }
      }
      long id = nextCampaignId++;
      ScheduledCampaign c =
          new ScheduledCampaign(
              id,
              channelId,
              List.of(templateId),
              scheduledTime,
              nextActionId++,
              List.of(),
              ids.size(),
              j -> customer(ids.get((int) j)).orElseThrow());
      campaigns.put(id, new Campaign(c, ids));
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
      templates
          .getOrDefault(channelId, new LinkedHashMap<>())
          .forEach((id, name) -> out.add(new ChannelTemplate(channelId, id, name)));
      return out;
    }
  }

  /**
   * The registered listeners.
   *
   * @return a copy
   */
  public List<RegisteredListener> registeredListeners() {
    return snapshot(listeners);
  }

  /**
   * Rows received by {@code UpdateCampaignMetrics}.
   *
   * @return a copy
   */
  public List<CampaignMetric> receivedMetrics() {
    return snapshot(receivedMetrics);
  }

  /**
   * Calls received by {@code UpdateCampaignInteractions}.
   *
   * @return a copy
   */
  public List<CampaignInteraction> receivedInteractions() {
    return snapshot(receivedInteractions);
  }

  /**
   * Events accepted by the signed engagement-metrics endpoint.
   *
   * @return a copy
   */
  public List<EngagementEvent> receivedEvents() {
    return snapshot(receivedEvents);
  }

  /**
   * Notifications this fake POSTed to listeners.
   *
   * @return a copy
   */
  public List<ListenerCall> listenerCalls() {
    return snapshot(listenerCalls);
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
    ScheduledCampaign c;
    List<RegisteredListener> ls;
    synchronized (lock) {
      Campaign cc = campaigns.get(campaignId);
      if (cc == null) {
        throw new IllegalArgumentException(
            "campaign " + campaignId + " is unknown: schedule it first");
      }
      c = cc.view;
      ls = List.copyOf(listeners);
    }
    String ts = LISTENER_TS.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    List<ListenerCall> calls = new ArrayList<>();
    for (RegisteredListener l : ls) {
      ObjectNode body = Json.object();
      if (l.eventTypeId() == 1) {
        body.put("EventTypeID", 1).put("TimeStamp", ts).put("CampaignID", c.campaignId());
      } else if (l.eventTypeId() == 13 && (l.channelId() == 0 || l.channelId() == c.channelId())) {
        body.put("EventTypeID", 13)
            .put("TimeStamp", ts)
            .put("CampaignID", c.campaignId())
            .put("ChannelID", c.channelId());
      } else {
        continue;
      }
      calls.add(post(l.listenerUrl(), Json.write(body), Map.of()));
    }
    return calls;
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
    FakeCustomer c;
    List<RegisteredListener> ls;
    synchronized (lock) {
      c = findCustomer(customerId);
      ls = List.copyOf(listeners);
    }
    if (c == null) {
      throw new IllegalArgumentException("customer " + customerId + " is unknown");
    }
    ObjectNode body = Json.object();
    body.put(
        "requestId",
        new UUID(Seeds.mix(seed, 41, clock.millis()), Seeds.mix(seed, 42, customerId.hashCode()))
            .toString());
    body.put("customerID", customerId).put("isVisitor", false).put("actionID", 7);
    body.putArray("promotions");
    body.putArray("promoCode");
    body.put("channelID", channelId).putNull("channelAdditionalData");
    body.put("campaignID", "2.38")
        .put("templateName", templateName)
        .put("campaignSeriesID", "2.18");
    body.put("templateID", templateId)
        .put("timestamp", Long.toString(clock.instant().getEpochSecond()));
    ObjectNode pers = body.putObject("personalization");
    if (includePersonalInfo) {
      ObjectNode info = pers.putObject("personalInfo");
      info.put("ClientCustomerId", customerId);
      readable(c).forEach(info::put);
    }
    ObjectNode ev = pers.putObject(eventName);
    eventParams.forEach(ev::put);
    String json = Json.write(body);
    List<ListenerCall> calls = new ArrayList<>();
    for (RegisteredListener l : ls) {
      if (l.eventTypeId() == 11 && (l.channelId() == 0 || l.channelId() == channelId)) {
        calls.add(post(l.listenerUrl(), json, Map.of()));
      }
    }
    return calls;
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
      c = findCustomer(customerId);
    }
    return c == null ? Optional.empty() : Optional.of(readable(c));
  }

  /** Whether the configured key may read an attribute. */
  private boolean keyMayRead(String attribute) {
    return keyAttributes.isEmpty() || keyAttributes.contains(attribute);
  }

  /** The attributes of a customer that the configured key may read, in attribute order. */
  private Map<String, String> readable(FakeCustomer c) {
    Map<String, String> out = new LinkedHashMap<>();
    c.attributes()
        .forEach(
            (k, v) -> {
              if (keyMayRead(k)) {
                out.put(k, v);
              }
            });
    return out;
  }

  private ListenerCall post(String url, String body, Map<String, String> headers) {
    int status = outbound.postJson(url, body.getBytes(StandardCharsets.UTF_8), headers);
    ListenerCall call = new ListenerCall(url, body, status);
    synchronized (lock) {
      listenerCalls.add(call);
    }
    return call;
  }

  /**
   * Computes the engagement-metrics signature of a body, as a client must send it in {@code
   * x-optimove-signature-content} (helper for tests).
   *
   * @param body the exact body bytes
   * @return lower-case hex HMAC-SHA256 keyed by the tenant token
   */
  public String signatureOf(byte[] body) {
    return Hmac.sha256Hex(tenantToken.reveal(), body);
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

  // ---------------------------------------------------------------- HTTP: API host

  private static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Problem(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** Optimove's error shape: a JSON string. */
  private static MockResponse text(int status, String message) {
    return VendorDispatcher.json(status, Json.quoted(message));
  }

  /**
   * Lower-case function name from a path, or null; "customerattributes" for
   * /Customers/{id}/Attributes.
   */
  private static String function(String path) {
    String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (p.startsWith("/current/")) {
      p = p.substring("/current".length());
    }
    String[] seg = p.substring(1).split("/");
    if (seg.length == 3 && seg[0].equals("customers") && seg[2].equals("attributes")) {
      return "customers/customerattributes";
    }
    return seg.length == 2 ? seg[0] + "/" + seg[1] : null;
  }

  private final class ApiDispatcher extends VendorDispatcher {
    @Override
    protected String operation(RecordedRequest request) {
      String f = function(request.getUrl().encodedPath());
      return f == null ? null : f.substring(f.indexOf('/') + 1);
    }

    @Override
    protected MockResponse rateLimited(Duration retryAfter) {
      return json(429, RATE_LIMIT_BODY);
    }

    @Override
    protected MockResponse serverError(int status) {
      return text(status, status == 503 ? "Service Unavailable" : "Internal Server Error");
    }

    @Override
    protected MockResponse handle(RecordedRequest request, String operation) {
      String key = request.getHeaders().get("X-API-KEY");
      if (key == null || !key.equals(apiKey.reveal())) {
        return text(401, "Unauthorized");
      }
      Duration wait = limiter.tryAcquire(key);
      if (wait != null) {
        MockResponse limited = response(429, "application/json", RATE_LIMIT_BODY);
        if (!retryAfterOnLimit) {
          return limited;
        }
        return limited
            .newBuilder()
            .addHeader(
                "Retry-After",
                Long.toString(Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0))))
            .build();
      }
      String f = function(request.getUrl().encodedPath());
      if (f == null) {
        return text(404, "Not Found");
      }
      String method = request.getMethod();
      Form q = Form.parse(request.getUrl().encodedQuery());
      try {
        String expected = methodOf(f);
        if (expected == null) {
          return text(404, "Not Found");
        }
        if (!expected.equals(method)) {
          return text(405, "Method Not Allowed");
        }
        JsonNode body = null;
        if (method.equals("POST")) {
          if (!hasContentType(request, "application/json", false)) {
            return text(415, "Content-Type must be application/json");
          }
          body =
              Json.parse(bodyBytes(request))
                  .orElseThrow(() -> new Problem(400, "The request body is not valid JSON"));
        }
        if (f.equals("customers/customerattributes")) {
          String[] seg = request.getUrl().encodedPath().split("/");
          return customerAttributes(Form.decode(seg[seg.length - 2]));
        }
        JsonNode result;
        if (f.startsWith("customers/get")) {
          // campaign pages: looked up under the lock, built (O(page size)) outside it
          result = route(f, q, body);
        } else {
          synchronized (lock) {
            result = route(f, q, body);
          }
        }
        return result == null ? empty(200) : json(200, result);
      } catch (Problem p) {
        return text(p.status, p.getMessage());
      }
    }
  }

  private static String methodOf(String f) {
    return switch (f) {
      case "general/registereventlistener",
          "general/unregistereventlistener",
          "integrations/addchanneltemplates",
          "integrations/deletechanneltemplates",
          "integrations/updatecampaignmetrics",
          "integrations/updatecampaigninteractions" ->
          "POST";
      case "general/getregisteredeventlisteners",
          "integrations/getchanneltemplates",
          "customers/getcustomersenddetailsbychannel",
          "customers/getcustomersenddetailsbycampaign",
          "customers/getcustomerexecutiondetailsbycampaign",
          "customers/customerattributes",
          "actions/getcampaigndetails",
          "actions/getexecutedcampaignsbychannel",
          "actions/getexecutedcampaignchanneldetails",
          "model/getcustomerattributelist" ->
          "GET";
      default -> null;
    };
  }

  private JsonNode route(String f, Form q, JsonNode body) {
    return switch (f) {
      case "general/registereventlistener" -> registerListener(body);
      case "general/unregistereventlistener" -> unregisterListener(body);
      case "general/getregisteredeventlisteners" -> getListeners();
      case "integrations/addchanneltemplates" -> addTemplates(q, body);
      case "integrations/getchanneltemplates" -> getTemplates(q);
      case "integrations/deletechanneltemplates" -> deleteTemplates(body);
      case "integrations/updatecampaignmetrics" -> updateMetrics(body);
      case "integrations/updatecampaigninteractions" -> updateInteractions(body);
      case "customers/getcustomersenddetailsbychannel" -> sendDetailsByChannel(q);
      case "customers/getcustomersenddetailsbycampaign" -> sendDetailsByCampaign(q);
      case "customers/getcustomerexecutiondetailsbycampaign" -> executionDetails(q);
      case "actions/getcampaigndetails" -> campaignDetails(q);
      case "actions/getexecutedcampaignsbychannel" -> executedByChannel(q);
      case "actions/getexecutedcampaignchanneldetails" -> executedChannelDetails(q);
      case "model/getcustomerattributelist" -> attributeList();
      default -> throw new Problem(404, "Not Found");
    };
  }

  private static long longParam(Form q, String name, boolean required) {
    Optional<String> v = q.firstIgnoreCase(name).filter(s -> !s.isBlank());
    if (v.isEmpty()) {
      if (required) {
        throw new Problem(400, name + " is required");
      }
      return -1;
    }
    try {
      return Long.parseLong(v.get().trim());
    } catch (NumberFormatException e) {
      throw new Problem(400, name + " must be an integer, got '" + v.get() + "'");
    }
  }

  private static long longField(JsonNode row, String name, boolean required, String where) {
    JsonNode v = Json.getIgnoreCase(row, name);
    if (v == null || v.isNull()) {
      if (required) {
        throw new Problem(400, where + name + " is required");
      }
      return -1;
    }
    if (!v.canConvertToLong()
        || !(v.isIntegralNumber() || v.isTextual() && v.asText().matches("-?\\d+"))) {
      throw new Problem(400, where + name + " must be an integer, got " + v);
    }
    return v.isTextual() ? Long.parseLong(v.asText()) : v.asLong();
  }

  private void checkChannel(long channelId) {
    if (!keyChannels.isEmpty() && !keyChannels.contains((int) channelId)) {
      throw new Problem(403, "The API key has no access to ChannelID " + channelId);
    }
  }

  private static JsonNode rows(JsonNode body, String function) {
    if (body == null || !body.isArray()) {
      throw new Problem(400, function + " expects a JSON array");
    }
    if (body.size() > MAX_ROWS_PER_WRITE) {
      throw new Problem(400, function + " accepts at most 100 rows per call, got " + body.size());
    }
    return body;
  }

  private JsonNode registerListener(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new Problem(400, "RegisterEventListener expects a JSON object");
    }
    int type = (int) longField(body, "EventTypeID", true, "");
    if (!EVENT_TYPES.contains(type)) {
      throw new Problem(400, "EventTypeID " + type + " is not a supported event type");
    }
    JsonNode urlNode = Json.getIgnoreCase(body, "ListenerURL");
    String url =
        urlNode == null || urlNode.isNull() ? "" : Form.rawDecodeIfEncoded(urlNode.asText());
    try {
      URI u = URI.create(url);
      if (!u.isAbsolute()
          || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
          || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new Problem(400, "ListenerURL must be an absolute http(s) URL, got '" + url + "'");
    }
    int channel = (int) Math.max(0, longField(body, "ChannelID", false, ""));
    if (channel != 0) {
      checkChannel(channel);
    }
    listeners.removeIf(l -> l.eventTypeId() == type && l.channelId() == channel);
    listeners.add(new RegisteredListener(type, url, channel));
    return null;
  }

  private JsonNode unregisterListener(JsonNode body) {
    int type = (int) longField(body, "EventTypeID", true, "");
    int channel = (int) Math.max(0, longField(body, "ChannelID", false, ""));
    listeners.removeIf(l -> l.eventTypeId() == type && l.channelId() == channel);
    return null;
  }

  private JsonNode getListeners() {
    ArrayNode arr = Json.array();
    for (RegisteredListener l : listeners) {
      ObjectNode o =
          arr.addObject().put("EventTypeID", l.eventTypeId()).put("ListenerURL", l.listenerUrl());
      if (l.channelId() != 0) {
        o.put("ChannelID", l.channelId());
      } else {
        o.putNull("ChannelID");
      }
    }
    return arr;
  }

  private JsonNode addTemplates(Form q, JsonNode body) {
    long channel = longParam(q, "ChannelID", true);
    checkChannel(channel);
    JsonNode rows = rows(body, "AddChannelTemplates");
    Map<Long, String> add = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      JsonNode id = Json.getIgnoreCase(row, "TemplateID");
      if (id == null || !id.isIntegralNumber()) {
        throw new Problem(400, where + "TemplateID must be an integer, got " + id);
      }
      JsonNode name = Json.getIgnoreCase(row, "TemplateName");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw new Problem(400, where + "TemplateName must be a non-empty string");
      }
      add.put(id.asLong(), name.asText());
    }
    templates.computeIfAbsent((int) channel, k -> new LinkedHashMap<>()).putAll(add);
    return null;
  }

  private JsonNode getTemplates(Form q) {
    long channel = longParam(q, "ChannelID", true);
    checkChannel(channel);
    ArrayNode arr = Json.array();
    templates
        .getOrDefault((int) channel, new LinkedHashMap<>())
        .forEach((id, name) -> arr.addObject().put("TemplateID", id).put("TemplateName", name));
    return arr;
  }

  private JsonNode deleteTemplates(JsonNode body) {
    JsonNode rows = rows(body, "DeleteChannelTemplates");
    int i = 0;
    List<long[]> del = new ArrayList<>();
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      long ch = longField(row, "ChannelID", true, where);
      checkChannel(ch);
      del.add(new long[] {ch, longField(row, "TemplateID", true, where)});
    }
    for (long[] d : del) {
      LinkedHashMap<Long, String> m = templates.get((int) d[0]);
      if (m != null) {
        m.remove(d[1]);
      }
    }
    return null;
  }

  private JsonNode updateMetrics(JsonNode body) {
    JsonNode rows = rows(body, "UpdateCampaignMetrics");
    List<CampaignMetric> add = new ArrayList<>();
    int i = 0;
    for (JsonNode row : rows) {
      String where = "row " + i++ + ": ";
      long ch = longField(row, "ChannelID", true, where);
      checkChannel(ch);
      add.add(
          new CampaignMetric(
              (int) ch,
              longField(row, "CampaignID", true, where),
              longField(row, "TemplateID", true, where),
              (int) longField(row, "MetricID", true, where),
              longField(row, "MetricValue", true, where)));
    }
    receivedMetrics.addAll(add);
    return null;
  }

  private JsonNode updateInteractions(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new Problem(400, "UpdateCampaignInteractions expects a JSON object");
    }
    long ch = longField(body, "ChannelID", true, "");
    checkChannel(ch);
    JsonNode dateNode = Json.getIgnoreCase(body, "InteractionDate");
    if (dateNode == null || dateNode.isNull()) {
      throw new Problem(400, "InteractionDate is required (YYYY-MM-DD)");
    }
    LocalDate date;
    try {
      date = LocalDate.parse(dateNode.asText());
    } catch (DateTimeParseException e) {
      throw new Problem(400, "InteractionDate must be YYYY-MM-DD, got '" + dateNode.asText() + "'");
    }
    JsonNode ids = Json.getIgnoreCase(body, "CustomerIDs");
    if (ids == null || !ids.isArray() || ids.isEmpty()) {
      throw new Problem(400, "CustomerIDs must be a non-empty array");
    }
    if (ids.size() > MAX_INTERACTION_CUSTOMERS) {
      throw new Problem(400, "CustomerIDs accepts at most 10000 ids, got " + ids.size());
    }
    List<String> list = new ArrayList<>(ids.size());
    ids.forEach(n -> list.add(n.asText()));
    long group = longField(body, "RecipientGroupID", false, "");
    receivedInteractions.add(
        new CampaignInteraction(
            longField(body, "CampaignID", true, ""),
            (int) ch,
            date,
            longField(body, "TemplateID", true, ""),
            (int) longField(body, "EventID", true, ""),
            group < 0 ? 1 : (int) group,
            list));
    return null;
  }

  private Campaign campaign(Form q) {
    long id = longParam(q, "CampaignID", true);
    Campaign c;
    synchronized (lock) {
      c = campaigns.get(id);
    }
    if (c == null) {
      throw new Problem(400, "CampaignID " + id + " does not exist");
    }
    return c;
  }

  private List<String> requestedAttributes(Form q) {
    Optional<String> raw = q.firstIgnoreCase("CustomerAttributes").filter(s -> !s.isBlank());
    if (raw.isEmpty()) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String n : raw.get().split(";")) {
      String name = n.trim();
      if (name.isEmpty()) {
        continue;
      }
      String canonical =
          ATTRIBUTES.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(null);
      if (canonical == null) {
        throw new Problem(400, "CustomerAttributes: unknown attribute '" + name + "'");
      }
      if (!keyMayRead(canonical)) {
        throw new Problem(403, "The API key has no access to attribute " + canonical);
      }
      names.add(canonical);
    }
    return names;
  }

  private String delimiter(Form q) {
    String d = q.firstIgnoreCase("CustomerAttributesDelimiter").orElse(",");
    if (!d.equals(",") && !d.equals(";")) {
      throw new Problem(400, "CustomerAttributesDelimiter must be ',' or ';', got '" + d + "'");
    }
    return d;
  }

  private void putAttributes(ObjectNode row, FakeCustomer c, List<String> names, String delim) {
    if (names == null) {
      return;
    }
    Map<String, String> attrs = c.attributes();
    if (delimitedAttributes) {
      List<String> vals = new ArrayList<>();
      names.forEach(n -> vals.add(attrs.get(n)));
      row.put("CustomerAttributes", String.join(delim, vals));
    } else {
      ArrayNode arr = row.putArray("CustomerAttributes");
      names.forEach(n -> arr.add(attrs.get(n)));
    }
  }

  private interface RowWriter {
    void write(ObjectNode row, long j, FakeCustomer c);
  }

  private ArrayNode page(Form q, ScheduledCampaign c, RowWriter writer) {
    long top = longParam(q, "$top", false);
    long skip = Math.max(0, longParam(q, "$skip", false));
    long size = top < 0 || top > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : top;
    ArrayNode arr = Json.array();
    List<FakeCustomer> targets = c.targets();
    for (long j = skip; j < Math.min(c.targetCount(), skip + size); j++) {
      writer.write(arr.addObject(), j, targets.get((int) j));
    }
    return arr;
  }

  private JsonNode sendDetailsByChannel(Form q) {
    return channelPage(
        q,
        c -> {
          String at = SCHEDULED.format(c.scheduledTime());
          return (row, j, cust) ->
              row.put("CustomerID", cust.customerId())
                  .put("TemplateID", c.templateIdOf(j))
                  .put("ScheduledTime", at);
        });
  }

  private JsonNode sendDetailsByCampaign(Form q) {
    ScheduledCampaign c = campaign(q).view;
    checkChannel(c.channelId());
    boolean withTemplates =
        q.firstIgnoreCase("IncludeTemplateIDs").map(v -> v.equalsIgnoreCase("true")).orElse(false);
    String at = SCHEDULED.format(c.scheduledTime());
    return page(
        q,
        c,
        (row, j, cust) -> {
          row.put("CustomerID", cust.customerId())
              .put("ChannelID", c.channelId())
              .put("ScheduledTime", at)
              .put("SendID", c.campaignId() * 10 + 1);
          if (withTemplates) {
            row.put("TemplateID", c.templateIdOf(j));
          }
        });
  }

  private JsonNode executionDetails(Form q) {
    return channelPage(
        q,
        c -> {
          String at = SCHEDULED.format(c.scheduledTime());
          String promo = String.join(",", c.promoCodes());
          return (row, j, cust) ->
              row.put("CustomerID", cust.customerId())
                  .put("ActionID", c.actionId())
                  .put("TemplateID", c.templateIdOf(j))
                  .put("PromoCode", promo)
                  .put("ScheduleTime", at);
        });
  }

  /**
   * A page of the targets of {@code CampaignID} on {@code ChannelID} (empty when the campaign ran
   * on another channel), each row written by the function's columns and then the requested {@code
   * CustomerAttributes}.
   */
  private JsonNode channelPage(Form q, Function<ScheduledCampaign, RowWriter> columns) {
    long channel = longParam(q, "ChannelID", true);
    checkChannel(channel);
    ScheduledCampaign c = campaign(q).view;
    List<String> names = requestedAttributes(q);
    String delim = delimiter(q);
    if (c.channelId() != channel) {
      return Json.array();
    }
    RowWriter writer = columns.apply(c);
    return page(
        q,
        c,
        (row, j, cust) -> {
          writer.write(row, j, cust);
          putAttributes(row, cust, names, delim);
        });
  }

  private JsonNode campaignDetails(Form q) {
    ScheduledCampaign c = campaign(q).view;
    ObjectNode o = Json.object();
    o.put("CampaignID", c.campaignId()).put("TargetGroupID", 1).put("CampaignType", "Scheduled");
    o.put("Duration", 7)
        .put("LeadTime", 0)
        .put("Notes", "")
        .put("IsMultiChannel", false)
        .put("IsRecurrence", false);
    o.put("Status", "Scheduled").putNull("Error");
    o.putArray("Tags");
    o.putArray("Channels")
        .addObject()
        .put("Id", c.channelId())
        .put("Name", "Channel " + c.channelId());
    return o;
  }

  private JsonNode executedByChannel(Form q) {
    long channel = longParam(q, "ChannelID", true);
    checkChannel(channel);
    String raw =
        q.firstIgnoreCase("Date")
            .orElseThrow(() -> new Problem(400, "Date is required (YYYY-MM-DD)"));
    LocalDate date;
    try {
      date = LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new Problem(400, "Date must be YYYY-MM-DD, got '" + raw + "'");
    }
    ArrayNode arr = Json.array();
    for (Campaign c : campaigns.values()) {
      if (c.view.channelId() == channel && c.view.scheduledTime().toLocalDate().equals(date)) {
        arr.addObject().put("CampaignID", c.view.campaignId());
      }
    }
    return arr;
  }

  private JsonNode executedChannelDetails(Form q) {
    long channel = longParam(q, "ChannelID", true);
    checkChannel(channel);
    ScheduledCampaign c = campaign(q).view;
    ArrayNode arr = Json.array();
    if (c.channelId() == channel) {
      for (long t : c.templateIds()) {
        arr.addObject()
            .put("SendID", c.campaignId() * 10 + 1)
            .put("TemplateID", t)
            .put("ScheduledTime", SCHEDULED.format(c.scheduledTime()));
      }
    }
    return arr;
  }

  private JsonNode attributeList() {
    ArrayNode arr = Json.array();
    for (String name : ATTRIBUTES) {
      if (keyMayRead(name)) {
        arr.addObject()
            .put("RealFieldName", name)
            .put("Description", name.replace('_', ' ').toLowerCase(Locale.ROOT));
      }
    }
    return arr;
  }

  private MockResponse customerAttributes(String customerId) {
    FakeCustomer c;
    synchronized (lock) {
      c = findCustomer(customerId);
    }
    if (c == null) {
      return text(404, "Customer " + customerId + " was not found");
    }
    ArrayNode arr = Json.array();
    readable(c)
        .forEach(
            (k, v) ->
                arr.addObject()
                    .put("RealFieldName", k)
                    .put("Alias", k)
                    .put("FieldType", "String")
                    .put("Value", v));
    return VendorDispatcher.json(200, arr);
  }

  // ---------------------------------------------------------------- HTTP: metrics host

  private final class MetricsDispatcher extends VendorDispatcher {
    @Override
    protected String operation(RecordedRequest request) {
      String p = request.getUrl().encodedPath().toLowerCase(Locale.ROOT);
      return p.equals("/api/saveevent") ? "saveEvent" : null;
    }

    @Override
    protected MockResponse rateLimited(Duration retryAfter) {
      return json(429, RATE_LIMIT_BODY);
    }

    @Override
    protected MockResponse serverError(int status) {
      return text(status, "Internal Server Error");
    }

    @Override
    protected MockResponse handle(RecordedRequest request, String operation) {
      if (operation == null) {
        return text(404, "Not Found");
      }
      if (!request.getMethod().equals("POST")) {
        return text(405, "Method Not Allowed");
      }
      String version = request.getHeaders().get("X-Optimove-Signature-Version");
      String signature = request.getHeaders().get("x-optimove-signature-content");
      byte[] raw = bodyBytes(request);
      if (!"1".equals(version == null ? null : version.trim())) {
        return text(401, "X-Optimove-Signature-Version must be 1");
      }
      if (!Hmac.matches(Hmac.sha256Hex(tenantToken.reveal(), raw), signature)) {
        return text(401, "Invalid signature");
      }
      try {
        JsonNode body =
            Json.parse(raw)
                .orElseThrow(() -> new Problem(400, "The request body is not valid JSON"));
        List<JsonNode> events = new ArrayList<>();
        if (body.isArray()) {
          body.forEach(events::add);
        } else if (body.isObject()) {
          events.add(body);
        }
        if (events.isEmpty()) {
          throw new Problem(400, "The body must be an event object or a non-empty array of events");
        }
        List<EngagementEvent> accepted = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < events.size(); i++) {
          accepted.add(event(events.get(i), events.size() > 1 ? "event " + i + ": " : "", now));
        }
        synchronized (lock) {
          receivedEvents.addAll(accepted);
        }
        return empty(200);
      } catch (Problem p) {
        return text(p.status, p.getMessage());
      }
    }
  }

  private static EngagementEvent event(JsonNode e, String where, Instant now) {
    if (!e.isObject()) {
      throw new Problem(400, where + "an event must be a JSON object");
    }
    String name = Json.text(e, "event").orElse("");
    if (name.isBlank()) {
      throw new Problem(400, where + "event is required");
    }
    String category = Json.text(e, "category").orElse("");
    if (!category.equals("metric")) {
      throw new Problem(400, where + "category must be 'metric', got '" + category + "'");
    }
    String ts =
        Json.text(e, "timestamp")
            .orElseThrow(() -> new Problem(400, where + "timestamp is required (UTC)"));
    Instant at =
        parseTimestamp(ts)
            .orElseThrow(
                () -> new Problem(400, where + "timestamp '" + ts + "' is not a UTC date-time"));
    if (at.isBefore(now.minus(Duration.ofDays(7)))) {
      throw new Problem(400, where + "timestamp " + ts + " is more than 7 days old");
    }
    if (at.isAfter(now.plus(Duration.ofMinutes(5)))) {
      throw new Problem(400, where + "timestamp " + ts + " is in the future");
    }
    String customer = Json.text(e, "customer").orElse("");
    String visitor = Json.text(e, "visitor").orElse("");
    if (customer.isBlank() && visitor.isBlank()) {
      throw new Problem(400, where + "customer or visitor is required");
    }
    JsonNode ctx = e.get("context");
    if (ctx != null && !ctx.isNull() && !ctx.isObject()) {
      throw new Problem(400, where + "context must be an object");
    }
    return new EngagementEvent(
        name,
        category,
        at,
        customer,
        visitor,
        ctx == null || ctx.isNull() ? Json.object() : ctx.deepCopy(),
        e.deepCopy());
  }

  private static Optional<Instant> parseTimestamp(String ts) {
    String t = ts.trim();
    try {
      if (t.matches("\\d{9,10}")) {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
      }
      if (t.matches("\\d{12,13}")) {
        return Optional.of(Instant.ofEpochMilli(Long.parseLong(t)));
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:\\d{2}$")) {
        return Optional.of(java.time.OffsetDateTime.parse(t).toInstant());
      }
      return Optional.of(LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- builder

  /** Configures and starts a {@link FakeOptimove}. Not thread-safe. */
  public static final class Builder {
    private SimulatedClock clock;
    private long seed;
    private String apiKey = DEFAULT_API_KEY;
    private long tenantId = 1234;
    private String tenantToken = DEFAULT_TENANT_TOKEN;
    private int rateLimit = 50;
    private Duration rateWindow = Duration.ofSeconds(10);
    private boolean rateLimitRetryAfter;
    private boolean legacyDelimitedAttributes;
    private Set<Integer> keyChannels = Set.of();
    private Set<String> keyAttributes = Set.of();
    private FaultScript faults = FaultScript.none();

    private Builder() {}

    /**
     * Sets the shared clock (default: a new {@link SimulatedClock}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(SimulatedClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the seed of campaign ids and target windows.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the accepted {@code X-API-KEY}.
     *
     * @param apiKey the key
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Sets the tenant id.
     *
     * @param tenantId a positive id
     * @return this builder
     */
    public Builder tenantId(long tenantId) {
      this.tenantId = tenantId;
      return this;
    }

    /**
     * Sets the tenant token that keys the engagement-metrics HMAC.
     *
     * @param tenantToken the token
     * @return this builder
     */
    public Builder tenantToken(String tenantToken) {
      this.tenantToken = tenantToken;
      return this;
    }

    /**
     * Sets the rate limit per key (default 50 per 10 s); {@code limit <= 0} disables it.
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
     * Whether a rate-limited 429 carries {@code Retry-After} (default false: none is documented).
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
     * Scopes the Integrations key to channels (empty: all).
     *
     * @param channelIds the allowed ChannelIDs
     * @return this builder
     */
    public Builder keyChannels(Integer... channelIds) {
      this.keyChannels = Set.of(channelIds);
      return this;
    }

    /**
     * Scopes the Integrations key to attributes (empty: all).
     *
     * @param realFieldNames the allowed RealFieldNames
     * @return this builder
     */
    public Builder keyAttributes(String... realFieldNames) {
      this.keyAttributes = Set.of(realFieldNames);
      return this;
    }

    /**
     * Sets the fault script.
     *
     * @param script the script
     * @return this builder
     */
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
