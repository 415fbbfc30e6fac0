package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Json;
import java.util.Optional;
import mockwebserver3.MockResponse;

/**
 * An Optimove error answer (status and a message sent as a JSON string, the shape the spec reports)
 * and the parameter readers that raise it.
 */
final class OptimoveProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;

  OptimoveProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** Optimove's error shape: a JSON string. */
  static MockResponse text(int status, String message) {
    return VendorDispatcher.json(status, Json.quoted(message));
  }

  MockResponse response() {
    return text(status, getMessage());
  }

  static long longParam(Form q, String name, boolean required) {
    Optional<String> v = q.firstIgnoreCase(name).filter(s -> !s.isBlank());
    if (v.isEmpty()) {
      if (required) {
        throw new OptimoveProblem(400, name + " is required");
      }
      return -1;
    }
    try {
      return Long.parseLong(v.get().trim());
    } catch (NumberFormatException e) {
      throw new OptimoveProblem(400, name + " must be an integer, got '" + v.get() + "'");
    }
  }

  static long longField(JsonNode row, String name, boolean required, String where) {
    JsonNode v = Json.getIgnoreCase(row, name);
    if (v == null || v.isNull()) {
      if (required) {
        throw new OptimoveProblem(400, where + name + " is required");
      }
      return -1;
    }
    if (!v.canConvertToLong()
        || !(v.isIntegralNumber() || v.isTextual() && v.asText().matches("-?\\d+"))) {
      throw new OptimoveProblem(400, where + name + " must be an integer, got " + v);
    }
    return v.isTextual() ? Long.parseLong(v.asText()) : v.asLong();
  }

  static JsonNode rows(JsonNode body, String function) {
    if (body == null || !body.isArray()) {
      throw new OptimoveProblem(400, function + " expects a JSON array");
    }
    if (body.size() > FakeOptimove.MAX_ROWS_PER_WRITE) {
      throw new OptimoveProblem(
          400, function + " accepts at most 100 rows per call, got " + body.size());
    }
    return body;
  }
}
