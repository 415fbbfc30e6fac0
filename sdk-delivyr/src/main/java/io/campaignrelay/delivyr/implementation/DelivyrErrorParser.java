package io.campaignrelay.delivyr.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.http.spi.ApiErrorParser;
import java.io.IOException;
import okhttp3.Headers;

/**
 * Reads Delivyr's error envelope {@code {"error": {"code", "message", "field"}}}: the code and the
 * message, with the offending field appended to the message ({@code "... (field 'to')"}).
 */
public final class DelivyrErrorParser implements ApiErrorParser {

  /** The shared instance. */
  public static final DelivyrErrorParser INSTANCE = new DelivyrErrorParser();

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DelivyrErrorParser() {}

  @Override
  public ParsedError parse(int statusCode, Headers headers, String body) {
    ParsedError base = ApiErrorParser.jsonDefault().parse(statusCode, headers, body);
    String field = null;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode root = MAPPER.readTree(body);
        JsonNode f = root == null ? null : root.path("error").get("field");
        if (f != null && f.isTextual()) {
          field = f.asText();
        }
      } catch (IOException e) {
        field = null;
      }
    }
    if (field == null) {
      return base;
    }
    String message = base.vendorMessage() == null ? "invalid" : base.vendorMessage();
    return new ParsedError(
        base.vendorCode(), message + " (field '" + field + "')", base.requestId());
  }
}
