package io.campaignrelay.testkit;

import static io.campaignrelay.testkit.OptimoveProblem.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.testkit.implementation.Hmac;
import io.campaignrelay.testkit.implementation.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * The engagement-metrics host of {@link FakeOptimove}: {@code POST /api/saveEvent}, signed with the
 * tenant token, one event or an array of them.
 */
final class OptimoveMetricsDispatcher extends VendorDispatcher {
  private final OptimoveState state;

  OptimoveMetricsDispatcher(OptimoveState state) {
    this.state = state;
  }

  @Override
  protected String operation(RecordedRequest request) {
    String p = request.getUrl().encodedPath().toLowerCase(Locale.ROOT);
    return p.equals("/api/saveevent") ? "saveEvent" : null;
  }

  @Override
  protected MockResponse rateLimited(Duration retryAfter) {
    return json(429, OptimoveApiDispatcher.RATE_LIMIT_BODY);
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
    if (!Hmac.matches(Hmac.sha256Hex(state.tenantToken.reveal(), raw), signature)) {
      return text(401, "Invalid signature");
    }
    try {
      JsonNode body =
          Json.parse(raw)
              .orElseThrow(() -> new OptimoveProblem(400, "The request body is not valid JSON"));
      List<JsonNode> events = new ArrayList<>();
      if (body.isArray()) {
        body.forEach(events::add);
      } else if (body.isObject()) {
        events.add(body);
      }
      if (events.isEmpty()) {
        throw new OptimoveProblem(
            400, "The body must be an event object or a non-empty array of events");
      }
      List<EngagementEvent> accepted = new ArrayList<>();
      Instant now = state.clock.instant();
      for (int i = 0; i < events.size(); i++) {
        accepted.add(event(events.get(i), events.size() > 1 ? "event " + i + ": " : "", now));
      }
      synchronized (state.lock) {
        state.receivedEvents.addAll(accepted);
      }
      return empty(200);
    } catch (OptimoveProblem p) {
      return text(p.status, p.getMessage());
    }
  }

  private static EngagementEvent event(JsonNode e, String where, Instant now) {
    if (!e.isObject()) {
      throw new OptimoveProblem(400, where + "an event must be a JSON object");
    }
    String name = Json.text(e, "event").orElse("");
    if (name.isBlank()) {
      throw new OptimoveProblem(400, where + "event is required");
    }
    String category = Json.text(e, "category").orElse("");
    if (!category.equals("metric")) {
      throw new OptimoveProblem(400, where + "category must be 'metric', got '" + category + "'");
    }
    String ts =
        Json.text(e, "timestamp")
            .orElseThrow(() -> new OptimoveProblem(400, where + "timestamp is required (UTC)"));
    Instant at =
        parseTimestamp(ts)
            .orElseThrow(
                () ->
                    new OptimoveProblem(
                        400, where + "timestamp '" + ts + "' is not a UTC date-time"));
    if (at.isBefore(now.minus(Duration.ofDays(7)))) {
      throw new OptimoveProblem(400, where + "timestamp " + ts + " is more than 7 days old");
    }
    if (at.isAfter(now.plus(Duration.ofMinutes(5)))) {
      throw new OptimoveProblem(400, where + "timestamp " + ts + " is in the future");
    }
    String customer = Json.text(e, "customer").orElse("");
    String visitor = Json.text(e, "visitor").orElse("");
    if (customer.isBlank() && visitor.isBlank()) {
      throw new OptimoveProblem(400, where + "customer or visitor is required");
    }
    JsonNode ctx = e.get("context");
    if (ctx != null && !ctx.isNull() && !ctx.isObject()) {
      throw new OptimoveProblem(400, where + "context must be an object");
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
}
