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
import io.campaignrelay.testkit.implementation.SmsParts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A stateful in-process fake of the Delivyr HTTP API contract of {@code delivyr-api.md} (Delivyr
 * publishes no API reference; the contract is modelled, and this fake, the SDK and that page must
 * agree).
 *
 * <p>Resources, relative to {@link #baseUrl()}: {@code GET templates}, {@code GET templates/{id}},
 * {@code POST messages}, {@code POST messages/batch} (at most 1,000), {@code GET messages} (the
 * Message Log), {@code GET messages/{id}/events}, {@code GET|POST opt-outs}, {@code DELETE
 * opt-outs/{phone}}, {@code GET|PUT|DELETE integrations/optimove} and {@code POST
 * integrations/optimove/find-attributes}. The fault-script operation is method and path template,
 * e.g. {@code POST messages}, {@code GET messages/{id}/events}.
 *
 * <p>Realism: {@code Authorization: Bearer <key>} (401 {@code unauthorized}; 403 {@code forbidden}
 * for a write with the read-only key); errors {@code {"error":{"code","message","field"}}}; lists
 * {@code ?limit=1..1000} (default 100) and opaque {@code cursor}, answering {@code {data,
 * nextCursor}}; {@code Idempotency-Key} (at most 255 characters) replays the first answer of a key
 * for 24 h of simulated time and sends nothing new; testing mode (on by default, as in the guide)
 * puts messages in the Message Log with status {@code logged} and never sends them.
 *
 * <p>Per-message idempotency: a message (of {@code POST messages} or inside {@code messages/batch})
 * that carries an {@code idempotencyKey} (at most 255 characters; 400 {@code
 * invalid_idempotency_key} otherwise) seen within 24 h of simulated time is not sent again,
 * whatever request or batch it arrives in: its answer is the first one (same id, status and
 * rejection, the status as first answered) with {@code "replayed": true}. A batch whose {@code
 * Idempotency-Key} header repeats is answered whole, every row {@code "replayed": true}. Fresh
 * answers carry {@code "replayed": false}. A message without an {@code idempotencyKey} is accepted
 * (the fake is lenient) and never deduplicated. The Message Log shows each message's {@code
 * idempotencyKey} and {@code rejection} and filters on {@code ?idempotencyKey=}.
 *
 * <p>Phones: {@code to} must contain only {@code +}, digits and spaces (400 {@code invalid_phone}
 * otherwise); an E.164-shaped but implausible number (not {@code +} and 8..15 digits, or a UK
 * number that is not 12 digits) is accepted and {@code rejected} with {@code invalid_phone_format};
 * UK landlines ({@code +441}, {@code +442}) and a seeded share of others are {@code rejected} with
 * {@code cannot_receive_sms}; opted-out phones with {@code opted_out}. Accepted messages go {@code
 * queued} then {@code sent} (1 s later) then {@code delivered} (seconds to hours) or {@code
 * undelivered} (after a day); messages whose text holds a URL get seeded clicks. Templates use
 * {@code {{variable}}} placeholders (INFERRED); a missing variable is 400 {@code missing_variable}.
 *
 * <p>Webhooks ({@link #deliverWebhooksTo(String, String)}): events of messages created after the
 * call are POSTed when the shared clock passes their time (or on {@link #deliverDueWebhooks()}),
 * signed {@code Delivyr-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}.
 *
 * <p>Thread-safe; close it to stop the server.
 */
public final class FakeDelivyr extends VendorFake {

  /** The API key accepted when the builder sets none. */
  public static final String DEFAULT_API_KEY = "delivyr-test-api-key";

  /** Most messages per batch. */
  public static final int MAX_BATCH = 1_000;

  /** Most items per list page. */
  public static final int MAX_LIMIT = 1_000;

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
  private static final Pattern URL = Pattern.compile("https?://\\S+");
  private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");
  private static final Pattern PHONE_CHARACTERS = Pattern.compile("^[+0-9 ]+$");
  private static final Pattern ENDPOINT = Pattern.compile("^https://api\\d+\\.optimove\\.net/$");

  private final Outbound outbound;
  private final long seed;
  private final Secret apiKey;
  private final Secret readOnlyKey;
  private final double undeliveredRate;
  private final double cannotReceiveRate;
  private final double clickRate;
  private final boolean retainBodies;
  private final FakeOptimove optimove;

  // state, guarded by lock
  private final Map<String, Template> templates = new LinkedHashMap<>();
  private final List<Msg> log = new ArrayList<>();
  private final Map<String, Msg> byId = new HashMap<>();
  private final Map<String, OptOut> optOuts = new LinkedHashMap<>();
  private final Map<String, String> forced = new HashMap<>();
  private final Map<String, Replay> idempotency = new HashMap<>();
  private final Map<String, FirstAnswer> messageKeys = new HashMap<>();
  private final PriorityQueue<Pending> pending =
      new PriorityQueue<>(
          (a, b) -> a.at.compareTo(b.at) != 0 ? a.at.compareTo(b.at) : Long.compare(a.seq, b.seq));
  private final List<ListenerCall> webhookCalls = new ArrayList<>();
  private Settings settings = new Settings();
  private String webhookUrl;
  private Secret webhookSecret;
  private long nextSeq;
  private long nextEventId = 1;

  private FakeDelivyr(Builder b) {
    super("Delivyr", b.clock);
    this.seed = b.seed;
    this.apiKey = Secret.of(b.apiKey);
    this.readOnlyKey = b.readOnlyApiKey == null ? null : Secret.of(b.readOnlyApiKey);
    this.undeliveredRate = b.undeliveredRate;
    this.cannotReceiveRate = b.cannotReceiveRate;
    this.clickRate = b.clickRate;
    this.retainBodies = b.retainMessageBodies;
    this.optimove = b.optimove;
    this.settings.testingMode = b.testingMode;
    this.outbound = new Outbound();
    closeWith(clock.onChange(now -> deliverDueWebhooks()));
    serve(new Dispatcher(), b.faults);
    closeWith(outbound);
  }

  /**
   * Starts a fake with default settings.
   *
   * @return the running fake
   */
  public static FakeDelivyr start() {
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
   * Adds an approved template available in both Optimove channels, without redirect URL.
   *
   * @param name the name
   * @param body the body with {@code {{variable}}} placeholders
   * @return the new 8-character id
   */
  public String addTemplate(String name, String body) {
    return addTemplate(name, body, "approved", List.of("scheduled", "triggered"), null);
  }

  /**
   * Adds a template.
   *
   * @param name the name
   * @param body the body with {@code {{variable}}} placeholders
   * @param status {@code approved}, {@code pending} or {@code rejected}
   * @param channels subset of {@code scheduled}, {@code triggered}
   * @param redirectUrl the redirect URL, or null
   * @return the new 8-character upper-case alphanumeric id
   */
  public String addTemplate(
      String name, String body, String status, List<String> channels, String redirectUrl) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    if (!List.of("approved", "pending", "rejected").contains(status)) {
      throw new IllegalArgumentException(
          "status is " + status + ": use approved, pending or rejected");
    }
    synchronized (lock) {
      String id;
      do {
        id = code(Seeds.mix(seed, 51, templates.size(), nextSeq++));
      } while (templates.containsKey(id));
      templates.put(
          id,
          new Template(
              id, name, body, status, List.copyOf(channels), redirectUrl, clock.instant()));
      return id;
    }
  }

  private static String code(long bits) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder sb = new StringBuilder(8);
    long b = bits;
    for (int i = 0; i < 8; i++) {
      sb.append(alphabet.charAt((int) Math.floorMod(b, 36L)));
      b = Seeds.mix(b, i);
    }
    return sb.toString();
  }

  /**
   * Whether testing mode is on (messages only logged).
   *
   * @return the flag
   */
  public boolean testingMode() {
    synchronized (lock) {
      return settings.testingMode;
    }
  }

  /**
   * Turns testing mode on or off (as the dashboard would).
   *
   * @param on the flag
   */
  public void testingMode(boolean on) {
    synchronized (lock) {
      settings.testingMode = on;
    }
  }

  /**
   * The Optimove integration settings as {@code GET integrations/optimove} shows them.
   *
   * @return a JSON copy (no secrets)
   */
  public JsonNode integrationSettings() {
    synchronized (lock) {
      return settings.toJson();
    }
  }

  /**
   * Puts a phone on the opt-out list.
   *
   * @param phone E.164
   */
  public void addOptOut(String phone) {
    synchronized (lock) {
      optOuts.put(phone, new OptOut(phone, "STOP", clock.instant()));
    }
  }

  /**
   * The opted-out phones.
   *
   * @return a copy
   */
  public List<String> optOuts() {
    synchronized (lock) {
      return List.copyOf(optOuts.keySet());
    }
  }

  /**
   * Simulates the recipient texting STOP: opts the phone out, adds an {@code opt_out} event to
   * their latest message and queues a {@code contact.opted_out} webhook (due now).
   *
   * @param phone E.164
   */
  public void simulateStopReply(String phone) {
    synchronized (lock) {
      Instant now = clock.instant();
      optOuts.put(phone, new OptOut(phone, "STOP", now));
      Msg last = null;
      for (int i = log.size() - 1; i >= 0; i--) {
        if (log.get(i).to.equals(phone)) {
          last = log.get(i);
          break;
        }
      }
      if (last != null) {
        last.optOutAt = now;
      }
      if (webhookUrl != null) {
        pending.add(new Pending(now, nextSeq++, "contact.opted_out", last, phone, null, null));
      }
    }
  }

  /**
   * Fixes the outcome of messages to a phone.
   *
   * @param phone E.164
   * @param outcome {@code delivered}, {@code undelivered} or {@code cannot_receive_sms}
   */
  public void forceOutcome(String phone, String outcome) {
    if (!List.of("delivered", "undelivered", "cannot_receive_sms").contains(outcome)) {
      throw new IllegalArgumentException(
          "outcome is " + outcome + ": use delivered, undelivered or cannot_receive_sms");
    }
    synchronized (lock) {
      forced.put(phone, outcome);
    }
  }

  /**
   * Messages really sent to phones (not testing mode, not rejected).
   *
   * @return the view
   */
  public SentMessages sentMessages() {
    synchronized (lock) {
      List<SentMessage> out = new ArrayList<>();
      for (Msg m : log) {
        if (!m.testMode && m.rejection == null) {
          out.add(m.view());
        }
      }
      return SentMessages.of(out);
    }
  }

  /**
   * Every entry of the Message Log, including testing-mode and rejected messages.
   *
   * @return the view
   */
  public SentMessages loggedMessages() {
    synchronized (lock) {
      List<SentMessage> out = new ArrayList<>(log.size());
      log.forEach(m -> out.add(m.view()));
      return SentMessages.of(out);
    }
  }

  /**
   * The current status of a message.
   *
   * @param messageId the id
   * @return {@code queued, sent, delivered, undelivered, rejected, logged}, or empty
   */
  public Optional<String> statusOf(String messageId) {
    synchronized (lock) {
      Msg m = byId.get(messageId);
      return m == null ? Optional.empty() : Optional.of(m.status(clock.instant()));
    }
  }

  /**
   * Starts delivering webhooks of messages created from now on to a URL, signed with a secret.
   *
   * @param url the receiver
   * @param secret the signing secret
   */
  public void deliverWebhooksTo(String url, String secret) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    synchronized (lock) {
      this.webhookUrl = url;
      this.webhookSecret = Secret.of(secret);
    }
  }

  /**
   * The webhook POSTs made so far.
   *
   * @return a copy
   */
  public List<ListenerCall> webhookCalls() {
    synchronized (lock) {
      return List.copyOf(webhookCalls);
    }
  }

  /**
   * Delivers every queued webhook whose time has come (also runs on every clock move).
   *
   * @return how many were delivered
   */
  public int deliverDueWebhooks() {
    List<String> bodies = new ArrayList<>();
    String url;
    Secret secret;
    Instant now = clock.instant();
    synchronized (lock) {
      url = webhookUrl;
      secret = webhookSecret;
      while (!pending.isEmpty() && !pending.peek().at.isAfter(now)) {
        bodies.add(webhookBody(pending.poll()));
      }
    }
    for (String body : bodies) {
      long t = now.getEpochSecond();
      String sig =
          Hmac.sha256Hex(secret.reveal(), (t + "." + body).getBytes(StandardCharsets.UTF_8));
      int status =
          outbound.postJson(
              url,
              body.getBytes(StandardCharsets.UTF_8),
              Map.of("Delivyr-Signature", "t=" + t + ",v1=" + sig));
      synchronized (lock) {
        webhookCalls.add(new ListenerCall(url, body, status));
      }
    }
    return bodies.size();
  }

  private String webhookBody(Pending p) {
    ObjectNode o = Json.object();
    o.put("id", "evt_" + (nextEventId++));
    o.put("type", p.type);
    o.put("createdAt", p.at.toString());
    ObjectNode d = o.putObject("data");
    if (p.msg != null) {
      d.put("messageId", p.msg.id).put("customerId", p.msg.customerId).put("phone", p.msg.to);
      d.set("campaign", p.msg.campaign == null ? null : p.msg.campaign.deepCopy());
    } else {
      d.putNull("messageId").putNull("customerId").put("phone", p.phone).putNull("campaign");
    }
    d.put("reason", p.reason);
    d.put("url", p.url);
    return Json.write(o);
  }

  // ---------------------------------------------------------------- model

  private record Template(
      String id,
      String name,
      String body,
      String status,
      List<String> channels,
      String redirectUrl,
      Instant createdAt) {
    ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("id", id).put("name", name).put("body", body).put("status", status);
      ArrayNode ch = o.putArray("channels");
      channels.forEach(ch::add);
      o.put("redirectUrl", redirectUrl);
      o.put("createdAt", createdAt.toString());
      return o;
    }
  }

  private record OptOut(String phone, String keyword, Instant optedOutAt) {
    ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("phone", phone).put("keyword", keyword).put("optedOutAt", optedOutAt.toString());
      return o;
    }
  }

  private record Replay(Result result, Instant at) {}

  /** The first answer to a message's own idempotency key, as sent, and when. */
  private record FirstAnswer(ObjectNode result, Instant at) {}

  private record Pending(
      Instant at, long seq, String type, Msg msg, String phone, String reason, String url) {}

  private static final class Msg {
    String id;
    String idempotencyKey;
    String to;
    String customerId;
    String body;
    boolean testMode;
    Instant createdAt;
    ObjectNode campaign;
    int segments;
    String encoding;
    String rejection;
    String rejectionDetail;
    String outcome;
    Instant finalAt;
    List<Instant> clicks = List.of();
    String clickUrl;
    Instant optOutAt;

    String status(Instant now) {
      if (rejection != null) {
        return "rejected";
      }
      if (testMode) {
        return "logged";
      }
      if (now.isBefore(createdAt.plusSeconds(1))) {
        return "queued";
      }
      return now.isBefore(finalAt) ? "sent" : outcome;
    }

    Instant updatedAt(Instant now) {
      if (rejection != null || testMode || now.isBefore(createdAt.plusSeconds(1))) {
        return createdAt;
      }
      return now.isBefore(finalAt) ? createdAt.plusSeconds(1) : finalAt;
    }

    int clicksUntil(Instant now) {
      int n = 0;
      for (Instant c : clicks) {
        if (!c.isAfter(now)) {
          n++;
        }
      }
      return n;
    }

    SentMessage view() {
      String ref = campaign == null ? "" : Json.text(campaign, "optimoveCampaignId").orElse("");
      return new SentMessage(
          "delivyr",
          id,
          to,
          body,
          "",
          customerId == null ? "" : customerId,
          ref,
          createdAt,
          testMode);
    }

    ObjectNode toLogJson(Instant now) {
      ObjectNode o = Json.object();
      o.put("id", id).put("to", to).put("customerId", customerId).put("body", body);
      o.put("status", status(now)).put("testMode", testMode);
      o.put("createdAt", createdAt.toString()).put("updatedAt", updatedAt(now).toString());
      o.put("clicks", clicksUntil(now));
      o.put("idempotencyKey", idempotencyKey);
      if (rejection == null) {
        o.putNull("rejection");
      } else {
        o.putObject("rejection").put("reason", rejection).put("detail", rejectionDetail);
      }
      return o;
    }

    ArrayNode events(Instant now) {
      ArrayNode arr = Json.array();
      if (rejection != null) {
        arr.addObject()
            .put("type", "rejected")
            .put("occurredAt", createdAt.toString())
            .put("detail", rejection);
      } else if (!testMode && !now.isBefore(finalAt)) {
        arr.addObject()
            .put("type", outcome)
            .put("occurredAt", finalAt.toString())
            .putNull("detail");
        for (Instant c : clicks) {
          if (!c.isAfter(now)) {
            arr.addObject()
                .put("type", "click")
                .put("occurredAt", c.toString())
                .put("detail", clickUrl);
          }
        }
      }
      if (optOutAt != null && !optOutAt.isAfter(now)) {
        arr.addObject()
            .put("type", "opt_out")
            .put("occurredAt", optOutAt.toString())
            .put("detail", "STOP");
      }
      return arr;
    }
  }

  private static final class Settings {
    boolean installed;
    boolean testingMode = true;
    String apiEndpoint;
    Secret apiKey;
    List<String> customerAttributes = List.of();
    ObjectNode triggeredOverrides = Json.object();
    String tenantId; // the spec gives no type: kept as sent, as text
    Secret tenantToken;
    String defaultUrl;

    ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("installed", installed).put("testingMode", testingMode).put("apiEndpoint", apiEndpoint);
      o.put("apiKeySet", apiKey != null);
      ArrayNode attrs = o.putArray("customerAttributes");
      customerAttributes.forEach(attrs::add);
      o.set("triggeredOverrides", triggeredOverrides.deepCopy());
      if (tenantId == null) {
        o.putNull("tenantId");
      } else {
        o.put("tenantId", tenantId);
      }
      o.put("tenantTokenSet", tenantToken != null);
      o.put("defaultUrl", defaultUrl);
      return o;
    }
  }

  // ---------------------------------------------------------------- HTTP

  private static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;
    final String field;

    ApiError(int status, String code, String message, String field) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.field = field;
    }
  }

  private static String errorBody(String code, String message, String field) {
    ObjectNode o = Json.object();
    ObjectNode e = o.putObject("error");
    e.put("code", code).put("message", message);
    if (field != null) {
      e.put("field", field);
    }
    return Json.write(o);
  }

  private static String route(String method, String p) {
    String[] s = p.split("/");
    String shape;
    if (p.equals("templates")
        || p.equals("messages")
        || p.equals("messages/batch")
        || p.equals("opt-outs")
        || p.equals("integrations/optimove")
        || p.equals("integrations/optimove/find-attributes")) {
      shape = p;
    } else if (s.length == 2 && s[0].equals("templates")) {
      shape = "templates/{id}";
    } else if (s.length == 3 && s[0].equals("messages") && s[2].equals("events")) {
      shape = "messages/{id}/events";
    } else if (s.length == 2 && s[0].equals("opt-outs")) {
      shape = "opt-outs/{phone}";
    } else {
      return null;
    }
    return method + " " + shape;
  }

  private final class Dispatcher extends VendorDispatcher {
    @Override
    protected String operation(RecordedRequest request) {
      return route(request.getMethod(), trimmedPath(request));
    }

    @Override
    protected MockResponse rateLimited(Duration retryAfter) {
      return error(429, "rate_limited", "Too many requests; retry after the Retry-After delay");
    }

    @Override
    protected MockResponse serverError(int status) {
      return error(status, "server_error", "Delivyr had a problem; please retry");
    }

    @Override
    protected MockResponse handle(RecordedRequest request, String op) {
      String auth = request.getHeaders().get("Authorization");
      String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
      boolean full = key != null && key.equals(apiKey.reveal());
      boolean readOnly = key != null && readOnlyKey != null && key.equals(readOnlyKey.reveal());
      if (!full && !readOnly) {
        return error(
            401,
            "unauthorized",
            "Missing or invalid API key; send Authorization: Bearer <api key>");
      }
      if (op == null) {
        return error(
            404,
            "not_found",
            "No such resource: " + request.getMethod() + " " + request.getUrl().encodedPath());
      }
      if (readOnly && !request.getMethod().equals("GET")) {
        return error(403, "forbidden", "This API key lacks the scope for " + op);
      }
      String idemKey = request.getHeaders().get("Idempotency-Key");
      try {
        if (idemKey != null && idemKey.length() > 255) {
          throw new ApiError(
              400,
              "invalid_idempotency_key",
              "Idempotency-Key is longer than 255 characters",
              null);
        }
        boolean idempotent =
            idemKey != null
                && (op.equals("POST messages")
                    || op.equals("POST messages/batch")
                    || op.equals("POST opt-outs"));
        // parsing and serialising are O(request size): done outside the lock
        String[] seg = trimmedPath(request).split("/");
        Form q = Form.parse(request.getUrl().encodedQuery());
        JsonBody body = JsonBody.read(request);
        Result result;
        boolean replayed = false;
        synchronized (lock) {
          Replay r = idempotent ? idempotency.get(op + "\n" + idemKey) : null;
          if (r != null && r.at.plus(Duration.ofHours(24)).isAfter(clock.instant())) {
            result = r.result;
            replayed = true;
          } else {
            result = execute(op, seg, q, body);
            if (idempotent) {
              idempotency.put(op + "\n" + idemKey, new Replay(result, clock.instant()));
            }
          }
        }
        if (replayed) {
          return result
              .markedReplayed()
              .response()
              .newBuilder()
              .addHeader("Idempotent-Replayed", "true")
              .build();
        }
        return result.response();
      } catch (ApiError e) {
        return json(e.status, errorBody(e.code, e.getMessage(), e.field));
      }
    }
  }

  private static MockResponse error(int status, String code, String message) {
    return VendorDispatcher.json(status, errorBody(code, message, null));
  }

  /** An answer: a status and a JSON body, or none; never changed once built. */
  private record Result(int status, JsonNode body) {
    static Result ok(int status, JsonNode body) {
      return new Result(status, body);
    }

    static Result noContent() {
      return new Result(204, null);
    }

    MockResponse response() {
      return body == null ? VendorDispatcher.empty(status) : VendorDispatcher.json(status, body);
    }

    /** The same answer given again: a message answer, or every batch row, {@code replayed}. */
    Result markedReplayed() {
      if (!(body instanceof ObjectNode o)) {
        return this;
      }
      ObjectNode copy = o.deepCopy();
      JsonNode rows = copy.get("results");
      if (rows != null && rows.isArray()) {
        rows.forEach(r -> ((ObjectNode) r).put("replayed", true));
      } else if (copy.has("id") && copy.has("status")) {
        copy.put("replayed", true);
      } else {
        return this;
      }
      return new Result(status, copy);
    }
  }

  /**
   * The request's JSON object body, read before taking the lock; a bad body fails only when the
   * resource reads it (so an idempotent replay still wins, as before).
   */
  private record JsonBody(JsonNode node, ApiError problem) {
    static JsonBody read(RecordedRequest request) {
      if (!VendorDispatcher.hasContentType(request, "application/json", false)) {
        return new JsonBody(
            null,
            new ApiError(
                415, "unsupported_media_type", "Send Content-Type: application/json", null));
      }
      return Json.parse(VendorDispatcher.bodyBytes(request))
          .filter(JsonNode::isObject)
          .map(n -> new JsonBody(n, null))
          .orElseGet(
              () ->
                  new JsonBody(
                      null,
                      new ApiError(400, "invalid_json", "The body must be a JSON object", null)));
    }

    JsonNode get() {
      if (problem != null) {
        throw problem;
      }
      return node;
    }
  }

  private Result execute(String op, String[] seg, Form q, JsonBody body) {
    Instant now = clock.instant();
    switch (op) {
      case "GET templates":
        return Result.ok(200, listTemplates(q));
      case "GET templates/{id}":
        {
          Template t = templates.get(seg[1]);
          if (t == null) {
            throw new ApiError(404, "not_found", "Template " + seg[1] + " does not exist", "id");
          }
          return Result.ok(200, t.toJson());
        }
      case "POST messages":
        {
          Prepared p = prepare(body.get(), "");
          FirstAnswer first = firstAnswer(p.idempotencyKey, now);
          if (first != null) {
            return Result.ok(201, first.result.deepCopy().put("replayed", true));
          }
          Msg m = create(p, now);
          ObjectNode result = messageResult(m);
          remember(p, result, now);
          return Result.ok(201, result.deepCopy().put("replayed", false));
        }
      case "POST messages/batch":
        return Result.ok(200, batch(body.get(), now));
      case "GET messages":
        return Result.ok(200, listMessages(q, now));
      case "GET messages/{id}/events":
        {
          Msg m = byId.get(seg[1]);
          if (m == null) {
            throw new ApiError(404, "not_found", "Message " + seg[1] + " does not exist", "id");
          }
          return Result.ok(200, m.events(now));
        }
      case "GET opt-outs":
        {
          List<ObjectNode> all = new ArrayList<>();
          optOuts.values().forEach(o -> all.add(o.toJson()));
          return Result.ok(200, page(all, q));
        }
      case "POST opt-outs":
        {
          JsonNode json = body.get();
          String phone =
              Json.text(json, "phone")
                  .orElseThrow(
                      () -> new ApiError(400, "missing_field", "phone is required", "phone"));
          if (!E164.matcher(phone).matches()) {
            throw new ApiError(
                400, "invalid_phone", "phone must be E.164, e.g. +447700900123", "phone");
          }
          OptOut o = new OptOut(phone, Json.text(json, "keyword").orElse("STOP"), now);
          optOuts.put(phone, o);
          return Result.ok(201, o.toJson());
        }
      case "DELETE opt-outs/{phone}":
        {
          String phone = Form.decode(seg[1].replace("+", "%2B"));
          if (optOuts.remove(phone) == null) {
            throw new ApiError(404, "not_found", "Phone " + phone + " is not opted out", "phone");
          }
          return Result.noContent();
        }
      case "GET integrations/optimove":
        return Result.ok(200, settings.toJson());
      case "PUT integrations/optimove":
        return Result.ok(200, putSettings(body.get()));
      case "DELETE integrations/optimove":
        settings = new Settings();
        return Result.noContent();
      case "POST integrations/optimove/find-attributes":
        return Result.ok(200, findAttributes(body.get()));
      default:
        throw new ApiError(405, "method_not_allowed", "Method not allowed: " + op, null);
    }
  }

  private JsonNode listTemplates(Form q) {
    Optional<String> status = q.first("status");
    Optional<String> channel = q.first("channel");
    if (status.isPresent() && !List.of("approved", "pending", "rejected").contains(status.get())) {
      throw new ApiError(
          400, "invalid_parameter", "status must be approved, pending or rejected", "status");
    }
    if (channel.isPresent() && !List.of("scheduled", "triggered").contains(channel.get())) {
      throw new ApiError(
          400, "invalid_parameter", "channel must be scheduled or triggered", "channel");
    }
    List<ObjectNode> all = new ArrayList<>();
    for (Template t : templates.values()) {
      if (status.map(s -> s.equals(t.status)).orElse(true)
          && channel.map(t.channels::contains).orElse(true)) {
        all.add(t.toJson());
      }
    }
    return page(all, q);
  }

  private static int limit(Form q) {
    Optional<String> raw = q.first("limit");
    if (raw.isEmpty()) {
      return 100;
    }
    try {
      int l = Integer.parseInt(raw.get());
      if (l >= 1 && l <= MAX_LIMIT) {
        return l;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ApiError(
        400,
        "invalid_limit",
        "limit must be an integer from 1 to 1000, got '" + raw.get() + "'",
        "limit");
  }

  private static int cursor(Form q) {
    Optional<String> raw = q.first("cursor").filter(s -> !s.isEmpty());
    if (raw.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(raw.get()), StandardCharsets.UTF_8);
      if (s.startsWith("o:")) {
        return Integer.parseInt(s.substring(2));
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new ApiError(400, "invalid_cursor", "cursor is not one this API returned", "cursor");
  }

  private static String cursorOf(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode page(List<ObjectNode> all, Form q) {
    int limit = limit(q);
    int from = Math.min(cursor(q), all.size());
    int to = Math.min(all.size(), from + limit);
    ObjectNode o = Json.object();
    ArrayNode data = o.putArray("data");
    all.subList(from, to).forEach(data::add);
    o.put("nextCursor", to < all.size() ? cursorOf(to) : null);
    return o;
  }

  private JsonNode listMessages(Form q, Instant now) {
    int limit = limit(q);
    int from = cursor(q);
    Optional<String> campaignId = q.first("campaignId");
    Optional<String> idempotencyKey = q.first("idempotencyKey");
    Optional<String> status = q.first("status");
    Instant since = instantParam(q, "since");
    Instant until = instantParam(q, "until");
    ObjectNode o = Json.object();
    ArrayNode data = o.putArray("data");
    int i = from;
    for (; i < log.size() && data.size() < limit; i++) {
      Msg m = log.get(i);
      if (campaignId.isPresent()
          && (m.campaign == null
              || !Json.text(m.campaign, "optimoveCampaignId")
                  .orElse("")
                  .equals(campaignId.get()))) {
        continue;
      }
      if (idempotencyKey.isPresent() && !idempotencyKey.get().equals(m.idempotencyKey)) {
        continue;
      }
      if (status.isPresent() && !m.status(now).equals(status.get())) {
        continue;
      }
      if (since != null && m.createdAt.isBefore(since)
          || until != null && !m.createdAt.isBefore(until)) {
        continue;
      }
      data.add(m.toLogJson(now));
    }
    o.put("nextCursor", i < log.size() ? cursorOf(i) : null);
    return o;
  }

  private static Instant instantParam(Form q, String name) {
    Optional<String> raw = q.first(name);
    if (raw.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(raw.get());
    } catch (DateTimeParseException e) {
      throw new ApiError(
          400,
          "invalid_parameter",
          name + " must be an ISO-8601 UTC instant like 2026-11-22T10:15:30Z",
          name);
    }
  }

  private record Prepared(
      String to,
      String customerId,
      String body,
      boolean testMode,
      ObjectNode campaign,
      String clientReference,
      String idempotencyKey) {}

  private Prepared prepare(JsonNode m, String prefix) {
    String to =
        Json.text(m, "to")
            .orElseThrow(
                () -> new ApiError(400, "missing_field", prefix + "to is required", prefix + "to"));
    if (!PHONE_CHARACTERS.matcher(to).matches() || to.isBlank()) {
      throw new ApiError(
          400,
          "invalid_phone",
          prefix + "to must be an E.164 phone such as +447700900123, got '" + to + "'",
          prefix + "to");
    }
    to = to.replace(" ", "");
    Optional<String> templateId = Json.text(m, "templateId");
    Optional<String> body = Json.text(m, "body");
    if (templateId.isPresent() == body.isPresent()) {
      throw new ApiError(
          400,
          "invalid_request",
          prefix + "give exactly one of templateId and body",
          prefix + "templateId");
    }
    JsonNode vars = m.get("variables");
    if (vars != null && !vars.isNull() && !vars.isObject()) {
      throw new ApiError(
          400, "invalid_request", prefix + "variables must be an object", prefix + "variables");
    }
    String text;
    if (templateId.isPresent()) {
      Template t = templates.get(templateId.get());
      if (t == null) {
        throw new ApiError(
            400,
            "unknown_template",
            prefix + "templateId " + templateId.get() + " does not exist",
            prefix + "templateId");
      }
      if (!t.status.equals("approved")) {
        throw new ApiError(
            400,
            "template_not_approved",
            prefix + "template " + t.id + " is " + t.status + ", not approved",
            prefix + "templateId");
      }
      text = render(t.body, vars, prefix);
    } else {
      text = render(body.get(), vars, prefix);
      if (text.isBlank()) {
        throw new ApiError(400, "invalid_request", prefix + "body is empty", prefix + "body");
      }
    }
    JsonNode tm = m.get("testMode");
    boolean test = tm != null && tm.asBoolean(false);
    JsonNode campaign = m.get("campaign");
    if (campaign != null && !campaign.isNull() && !campaign.isObject()) {
      throw new ApiError(
          400, "invalid_request", prefix + "campaign must be an object", prefix + "campaign");
    }
    String key = Json.text(m, "idempotencyKey").orElse(null);
    if (key != null && (key.isEmpty() || key.length() > 255)) {
      throw new ApiError(
          400,
          "invalid_idempotency_key",
          prefix + "idempotencyKey must be 1 to 255 characters",
          prefix + "idempotencyKey");
    }
    return new Prepared(
        to,
        Json.text(m, "customerId").orElse(null),
        text,
        test,
        campaign == null || campaign.isNull() ? null : (ObjectNode) campaign.deepCopy(),
        Json.text(m, "clientReference").orElse(null),
        key);
  }

  private static String render(String template, JsonNode vars, String prefix) {
    Matcher mt = VARIABLE.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (mt.find()) {
      String name = mt.group(1);
      JsonNode v = vars == null ? null : vars.get(name);
      if (v == null || v.isNull()) {
        throw new ApiError(
            400,
            "missing_variable",
            prefix + "variables." + name + " is required by the template",
            prefix + "variables." + name);
      }
      mt.appendReplacement(sb, Matcher.quoteReplacement(v.asText()));
    }
    mt.appendTail(sb);
    return sb.toString();
  }

  private Msg create(Prepared p, Instant now) {
    Msg m = new Msg();
    m.id = "msg_" + Long.toHexString(Seeds.mix(seed, 61, log.size())).toUpperCase(Locale.ROOT);
    m.to = p.to;
    m.customerId = p.customerId;
    m.idempotencyKey = p.idempotencyKey;
    m.body = retainBodies ? p.body : "";
    m.testMode = p.testMode || settings.testingMode;
    m.createdAt = now;
    m.campaign = p.campaign;
    boolean ucs2 = !SmsParts.isGsm(p.body);
    m.segments = SmsParts.parts(p.body, ucs2);
    m.encoding = ucs2 ? "UCS-2" : "GSM-7";
    long bits = Seeds.mix(seed, 62, Seeds.hash(m.to), log.size());
    String force = forced.get(m.to);
    boolean plausible =
        E164.matcher(m.to).matches() && (!m.to.startsWith("+44") || m.to.length() == 13);
    if (optOuts.containsKey(m.to)) {
      m.rejection = "opted_out";
      m.rejectionDetail = "The recipient texted STOP";
    } else if (!plausible) {
      m.rejection = "invalid_phone_format";
      m.rejectionDetail = "Not a valid E.164 mobile number";
    } else if ("cannot_receive_sms".equals(force)
        || force == null
            && (m.to.startsWith("+441")
                || m.to.startsWith("+442")
                || Seeds.unit(bits) < cannotReceiveRate)) {
      m.rejection = "cannot_receive_sms";
      m.rejectionDetail = "The number is a landline or cannot receive SMS";
    }
    if (m.rejection == null && !m.testMode) {
      double u = Seeds.unit(Seeds.mix(bits, 1));
      boolean undelivered = force != null ? force.equals("undelivered") : u < undeliveredRate;
      m.outcome = undelivered ? "undelivered" : "delivered";
      double v = Seeds.unit(Seeds.mix(bits, 2));
      m.finalAt =
          undelivered
              ? now.plus(Duration.ofHours(24 + (long) (v * 24)))
              : now.plusSeconds(5 + (long) (v * 4 * 3600));
      Matcher url = URL.matcher(p.body);
      if (!undelivered && url.find() && Seeds.unit(Seeds.mix(bits, 3)) < clickRate) {
        m.clickUrl = url.group();
        int n = 1 + (int) Math.floorMod(Seeds.mix(bits, 4), 3L);
        List<Instant> clicks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          clicks.add(
              m.finalAt.plusSeconds(60 + (long) (Seeds.unit(Seeds.mix(bits, 5, i)) * 48 * 3600)));
        }
        clicks.sort(null);
        m.clicks = List.copyOf(clicks);
      }
    } else {
      m.finalAt = now;
    }
    log.add(m);
    byId.put(m.id, m);
    if (webhookUrl != null && !m.testMode) {
      if (m.rejection != null) {
        pending.add(new Pending(now, nextSeq++, "message.rejected", m, null, m.rejection, null));
      } else {
        pending.add(new Pending(m.finalAt, nextSeq++, "message." + m.outcome, m, null, null, null));
        for (Instant c : m.clicks) {
          pending.add(new Pending(c, nextSeq++, "message.clicked", m, null, null, m.clickUrl));
        }
      }
    }
    return m;
  }

  private ObjectNode messageResult(Msg m) {
    ObjectNode o = Json.object();
    o.put("id", m.id)
        .put("status", m.status(clock.instant()))
        .put("segments", m.segments)
        .put("encoding", m.encoding)
        .put("testMode", m.testMode);
    if (m.rejection == null) {
      o.putNull("rejection");
    } else {
      o.putObject("rejection").put("reason", m.rejection).put("detail", m.rejectionDetail);
    }
    return o;
  }

  private JsonNode batch(JsonNode body, Instant now) {
    JsonNode list = body.get("messages");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new ApiError(400, "invalid_request", "messages must be a non-empty array", "messages");
    }
    if (list.size() > MAX_BATCH) {
      throw new ApiError(
          400,
          "too_many_messages",
          "a batch holds at most 1000 messages, got " + list.size(),
          "messages");
    }
    List<Prepared> prepared = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String prefix = "messages[" + i + "].";
      Prepared p = prepare(list.get(i), prefix);
      if (p.clientReference == null || p.clientReference.isBlank()) {
        throw new ApiError(
            400,
            "missing_field",
            prefix + "clientReference is required",
            prefix + "clientReference");
      }
      prepared.add(p);
    }
    ObjectNode out = Json.object();
    ArrayNode results = out.putArray("results");
    for (Prepared p : prepared) {
      FirstAnswer first = firstAnswer(p.idempotencyKey, now);
      ObjectNode r;
      if (first != null) {
        r = first.result;
      } else {
        Msg m = create(p, now);
        r = messageResult(m);
        remember(p, r, now);
      }
      ObjectNode row = results.addObject();
      row.put("clientReference", p.clientReference)
          .put("id", r.get("id").asText())
          .put("status", r.get("status").asText());
      row.set("rejection", r.get("rejection").deepCopy());
      row.put("replayed", first != null);
    }
    return out;
  }

  /** The first answer to a message key within 24 h, or null (no key, unseen or expired). */
  private FirstAnswer firstAnswer(String key, Instant now) {
    if (key == null) {
      return null;
    }
    FirstAnswer first = messageKeys.get(key);
    if (first == null || !first.at.plus(Duration.ofHours(24)).isAfter(now)) {
      return null;
    }
    return first;
  }

  private void remember(Prepared p, ObjectNode result, Instant now) {
    if (p.idempotencyKey != null) {
      messageKeys.put(p.idempotencyKey, new FirstAnswer(result.deepCopy(), now));
    }
  }

  private JsonNode putSettings(JsonNode body) {
    Settings s = new Settings();
    Settings old = settings;
    s.installed = true;
    s.testingMode = old.testingMode;
    s.apiEndpoint = old.apiEndpoint;
    s.apiKey = old.apiKey;
    s.customerAttributes = old.customerAttributes;
    s.triggeredOverrides = old.triggeredOverrides;
    s.tenantId = old.tenantId;
    s.tenantToken = old.tenantToken;
    s.defaultUrl = old.defaultUrl;
    if (body.has("testingMode")) {
      if (!body.get("testingMode").isBoolean()) {
        throw new ApiError(
            400, "invalid_request", "testingMode must be true or false", "testingMode");
      }
      s.testingMode = body.get("testingMode").asBoolean();
    }
    Optional<String> endpoint = Json.text(body, "apiEndpoint");
    if (endpoint.isPresent()) {
      String e = endpoint.get();
      boolean linked = optimove != null && e.equals(optimove.baseUrl());
      if (!ENDPOINT.matcher(e).matches() && !linked) {
        throw new ApiError(
            400,
            "invalid_api_endpoint",
            "apiEndpoint must look like https://api5.optimove.net/ (with the trailing slash)",
            "apiEndpoint");
      }
      s.apiEndpoint = e;
    }
    Json.text(body, "apiKey").ifPresent(k -> s.apiKey = Secret.of(k));
    JsonNode attrs = body.get("customerAttributes");
    if (attrs != null) {
      if (!attrs.isArray() || attrs.isEmpty()) {
        throw new ApiError(
            400,
            "invalid_request",
            "customerAttributes must be a non-empty array of attribute names",
            "customerAttributes");
      }
      List<String> names = new ArrayList<>();
      attrs.forEach(a -> names.add(a.asText()));
      String first = names.get(0).toUpperCase(Locale.ROOT);
      // The guide only says the phone number comes first; which name a tenant gives it is unknown
      // (INFERRED), so any name that reads as a phone attribute is accepted.
      if (!first.contains("PHONE")
          && !first.contains("MOBILE")
          && !first.contains("MSISDN")
          && !first.contains("CELL")) {
        throw new ApiError(
            400,
            "phone_attribute_not_first",
            "the phone number attribute must be first in customerAttributes, got " + names.get(0),
            "customerAttributes");
      }
      s.customerAttributes = List.copyOf(names);
    }
    JsonNode overrides = body.get("triggeredOverrides");
    if (overrides != null && !overrides.isNull()) {
      if (!overrides.isObject()) {
        throw new ApiError(
            400, "invalid_request", "triggeredOverrides must be an object", "triggeredOverrides");
      }
      s.triggeredOverrides = (ObjectNode) overrides.deepCopy();
    }
    if (body.has("tenantId")) {
      JsonNode t = body.get("tenantId");
      s.tenantId = t.isNull() ? null : t.asText();
    }
    if (body.has("tenantToken")) {
      JsonNode t = body.get("tenantToken");
      s.tenantToken = t.isNull() ? null : Secret.of(t.asText());
    }
    if ((s.tenantId == null) != (s.tenantToken == null)) {
      throw new ApiError(
          400,
          "invalid_request",
          "tenantId and tenantToken must be set together",
          s.tenantId == null ? "tenantId" : "tenantToken");
    }
    Optional<String> url = Json.text(body, "defaultUrl");
    if (url.isPresent()) {
      try {
        URI u = URI.create(url.get());
        if (!"https".equals(u.getScheme()) || u.getHost() == null) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        throw new ApiError(
            400, "invalid_request", "defaultUrl must be an absolute https URL", "defaultUrl");
      }
      s.defaultUrl = url.get();
    }
    settings = s;
    return s.toJson();
  }

  private JsonNode findAttributes(JsonNode body) {
    if (!settings.installed || settings.apiKey == null || settings.apiEndpoint == null) {
      throw new ApiError(
          409,
          "integration_not_configured",
          "Set apiEndpoint and apiKey before finding attributes",
          null);
    }
    String id =
        Json.text(body, "sampleCustomerId")
            .orElseThrow(
                () ->
                    new ApiError(
                        400, "missing_field", "sampleCustomerId is required", "sampleCustomerId"));
    Optional<Map<String, String>> attrs;
    if (optimove != null) {
      attrs = optimove.scopedAttributes(id);
    } else {
      attrs =
          SyntheticCustomers.indexOf(id)
              .map(i -> SyntheticCustomers.seeded(0).customer(i).attributes());
    }
    Map<String, String> found =
        attrs.orElseThrow(
            () ->
                new ApiError(
                    404,
                    "customer_not_found",
                    "Optimove has no customer " + id,
                    "sampleCustomerId"));
    ObjectNode o = Json.object();
    ArrayNode arr = o.putArray("attributes");
    found.forEach((k, v) -> arr.addObject().put("name", k).put("sampleValue", v));
    return o;
  }

  // ---------------------------------------------------------------- builder

  /** Configures and starts a {@link FakeDelivyr}. Not thread-safe. */
  public static final class Builder {
    private SimulatedClock clock;
    private long seed;
    private String apiKey = DEFAULT_API_KEY;
    private String readOnlyApiKey;
    private boolean testingMode = true;
    private double undeliveredRate = 0.04;
    private double cannotReceiveRate = 0.01;
    private double clickRate = 0.15;
    private boolean retainMessageBodies = true;
    private FakeOptimove optimove;
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
     * Sets the seed of ids and outcomes.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the accepted Bearer key.
     *
     * @param apiKey the key
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Adds a key that may only read (writes answer 403).
     *
     * @param key the key
     * @return this builder
     */
    public Builder readOnlyApiKey(String key) {
      this.readOnlyApiKey = key;
      return this;
    }

    /**
     * Sets the initial testing mode (default true, as in the guide).
     *
     * @param on the flag
     * @return this builder
     */
    public Builder testingMode(boolean on) {
      this.testingMode = on;
      return this;
    }

    /**
     * Sets the outcome shares of accepted messages.
     *
     * @param undelivered share that ends undelivered (default 0.04)
     * @param cannotReceiveSms share rejected as unable to receive SMS (default 0.01)
     * @param clicks share of delivered messages with a link that get clicks (default 0.15)
     * @return this builder
     */
    public Builder outcomes(double undelivered, double cannotReceiveSms, double clicks) {
      for (double d : new double[] {undelivered, cannotReceiveSms, clicks}) {
        if (!(d >= 0 && d <= 1)) {
          throw new IllegalArgumentException("outcome share " + d + " is outside 0..1");
        }
      }
      this.undeliveredRate = undelivered;
      this.cannotReceiveRate = cannotReceiveSms;
      this.clickRate = clicks;
      return this;
    }

    /**
     * Whether to keep message bodies (default true); turn off for million-message benchmarks.
     *
     * @param retain the flag
     * @return this builder
     */
    public Builder retainMessageBodies(boolean retain) {
      this.retainMessageBodies = retain;
      return this;
    }

    /**
     * Links a fake Optimove: {@code find-attributes} reads its customers, and its {@link
     * FakeOptimove#baseUrl()} is accepted as {@code apiEndpoint}.
     *
     * @param optimove the fake
     * @return this builder
     */
    public Builder optimove(FakeOptimove optimove) {
      this.optimove = optimove;
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
     * Validates and starts the server on loopback.
     *
     * @return the running fake
     * @throws ConfigurationException naming each bad setting
     */
    public FakeDelivyr start() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (apiKey == null || apiKey.isBlank()) {
        problems.add(ConfigurationProblem.ofSecret("apiKey", "set a non-blank API key"));
      }
      if (readOnlyApiKey != null && readOnlyApiKey.equals(apiKey)) {
        problems.add(
            ConfigurationProblem.ofSecret("readOnlyApiKey", "use a key different from apiKey"));
      }
      ConfigurationException.throwIfAny("FakeDelivyr", problems);
      if (clock == null) {
        clock = SimulatedClock.create();
      }
      return started(new FakeDelivyr(this));
    }
  }
}
