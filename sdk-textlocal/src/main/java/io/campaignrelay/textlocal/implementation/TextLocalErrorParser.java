package io.campaignrelay.textlocal.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.http.spi.ApiErrorParser;
import java.io.IOException;
import okhttp3.Headers;

/**
 * Reads TextLocal's envelope ({@code {"errors":[{"code":..,"message":..}],"status":"failure"}})
 * from an HTTP error body; falls back to the shared JSON parser for anything else.
 */
public final class TextLocalErrorParser implements ApiErrorParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public ParsedError parse(int statusCode, Headers headers, String body) {
    if (body != null && body.trim().startsWith("{")) {
      try {
        JsonNode errors = MAPPER.readTree(body).path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
          JsonNode first = errors.get(0);
          String code = first.path("code").isMissingNode() ? null : first.path("code").asText();
          String message =
              first.path("message").isMissingNode() ? null : first.path("message").asText();
          return new ParsedError(code, message, null);
        }
      } catch (IOException e) {
        // not TextLocal's envelope: fall through
      }
    }
    return ApiErrorParser.jsonDefault().parse(statusCode, headers, body);
  }
}
