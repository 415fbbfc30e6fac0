package io.campaignrelay.core.http.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Headers;

final class DefaultErrorParser implements ApiErrorParser {
  static final DefaultErrorParser INSTANCE = new DefaultErrorParser();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DefaultErrorParser() {}

  @Override
  public ParsedError parse(int statusCode, Headers headers, String body) {
    String requestId = headers.get("X-Request-Id");
    if (requestId == null) {
      requestId = headers.get("Request-Id");
    }
    String code = null;
    String message = null;
    if (body != null && !body.isBlank()) {
      try {
        JsonNode root = MAPPER.readTree(body);
        if (root != null && root.isTextual()) {
          message = root.asText();
        } else if (root != null && root.isObject()) {
          JsonNode err =
              root.has("error") && root.get("error").isObject() ? root.get("error") : root;
          code = text(err, "code", "Code", "errorCode", "ErrorCode");
          message = text(err, "message", "Message", "error_description", "error");
        }
      } catch (java.io.IOException e) {
        message = null; // not JSON: the body excerpt on the exception still shows it
      }
    }
    return new ParsedError(code, message, requestId);
  }

  private static String text(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode v = node.get(name);
      if (v != null && !v.isNull() && v.isValueNode()) {
        return v.asText();
      }
    }
    return null;
  }
}
