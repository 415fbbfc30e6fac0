package io.campaignrelay.textlocal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.spi.ApiErrorParser;
import io.campaignrelay.core.http.spi.ErrorEnvelope;
import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import okhttp3.Headers;

/**
 * TextLocal's envelope ({@code {"errors":[{"code":..,"message":..}],"status":"failure"}}), read in
 * the one place the pipeline looks for errors: as the {@link ErrorEnvelope} of every 2xx answer
 * (TextLocal reports command errors inside HTTP 200), as the parser of an error status's body
 * (falling back to the shared JSON parser), and as the factory of TextLocal's exceptions.
 *
 * <p>An envelope reports an error when its {@code status} is {@code failure} or its {@code errors}
 * are not empty. It is a refusal (nothing of the request was processed) only when the status is
 * {@code failure} and every error is a code TextLocal documents as stopping the request ({@link
 * TextLocalErrorCode#refusesRequest()}); a failure without errors, or with an unlisted code, leaves
 * a send's outcome unknown. Code 3 (invalid login) first makes a {@link
 * TextLocalAuthenticationException}, anything else a {@link TextLocalApiException}, both carrying
 * every error and warning with the client's credential values removed from their texts. In the
 * module's root package (package-private) because it makes the root package's exceptions.
 */
final class TextLocalErrorParser implements ApiErrorParser, ErrorEnvelope {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public ParsedError parse(int statusCode, Headers headers, String body) {
    JsonNode root = object(body);
    if (root != null) {
      JsonNode errors = root.path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        JsonNode first = errors.get(0);
        String code = first.path("code").isMissingNode() ? null : first.path("code").asText();
        String message =
            first.path("message").isMissingNode() ? null : first.path("message").asText();
        return new ParsedError(code, message, null);
      }
    }
    return ApiErrorParser.jsonDefault().parse(statusCode, headers, body);
  }

  @Override
  public Optional<Found> read(int statusCode, Headers headers, String body) {
    if (body == null || !body.trim().startsWith("{") || !mayReport(body)) {
      // not TextLocal's JSON (the client decides whether it is readable), or an object whose
      // status is not failure and whose errors are absent or empty: no error to report
      return Optional.empty();
    }
    JsonNode root = object(body);
    if (root == null) {
      return Optional.empty(); // not TextLocal's JSON: the client decides whether it is readable
    }
    boolean failure = "failure".equalsIgnoreCase(root.path("status").asText(null));
    List<TextLocalNotice> errors = notices(root.path("errors"), UnaryOperator.identity());
    if (!failure && errors.isEmpty()) {
      return Optional.empty();
    }
    TextLocalNotice first = errors.isEmpty() ? null : errors.get(0);
    ParsedError error =
        new ParsedError(
            first == null ? null : Integer.toString(first.code()),
            first == null ? "status: failure without errors" : first.message(),
            null);
    return Optional.of(new Found(statusCode, error.withRefusal(refused(failure, errors))));
  }

  @Override
  public ApiServiceException toException(Failure failure) {
    if (!failure.fromEnvelope()) {
      return ApiErrorParser.super.toException(failure);
    }
    JsonNode root = object(failure.body());
    List<TextLocalNotice> errors =
        root == null ? List.of() : notices(root.path("errors"), failure.redactor());
    List<TextLocalNotice> warnings =
        root == null ? List.of() : notices(root.path("warnings"), failure.redactor());
    if (!errors.isEmpty() && errors.get(0).code() == 3) {
      return new TextLocalAuthenticationException(
          failure.details(), errors, warnings, failure.requestRefused());
    }
    return new TextLocalApiException(failure.details(), errors, warnings, failure.requestRefused());
  }

  private static boolean refused(boolean failure, List<TextLocalNotice> errors) {
    if (!failure || errors.isEmpty()) {
      return false;
    }
    for (TextLocalNotice n : errors) {
      if (!TextLocalErrorCode.of(n.code()).refusesRequest()) {
        return false;
      }
    }
    return true;
  }

  private static List<TextLocalNotice> notices(JsonNode array, UnaryOperator<String> redactor) {
    List<TextLocalNotice> out = new ArrayList<>();
    if (!array.isArray()) {
      return out;
    }
    for (JsonNode n : array) {
      JsonNode m = n.path("message");
      String message = m.isMissingNode() || m.isNull() ? null : redactor.apply(m.asText());
      out.add(new TextLocalNotice(n.path("code").asInt(), message));
    }
    return out;
  }

  /**
   * Whether a body may report an error, read in one streaming pass over the top-level fields only
   * (a {@code bulk_json} answer lists every message): false when it is a JSON object whose last
   * {@code status} is not the text {@code failure} and whose last {@code errors} is absent or not a
   * non-empty array, or when it is not a readable JSON object at all (the tree would not read it
   * either); true otherwise, and the tree then decides as before.
   */
  private static boolean mayReport(String body) {
    try (JsonParser p = MAPPER.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      boolean failure = false;
      boolean errors = false;
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken t = p.nextToken();
        if ("status".equals(name)) {
          failure = t == JsonToken.VALUE_STRING && "failure".equalsIgnoreCase(p.getText());
        } else if ("errors".equals(name) && t == JsonToken.START_ARRAY) {
          errors = false;
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == null) {
              return false; // cut inside the array: the tree would not read it
            }
            errors = true;
            p.skipChildren();
          }
          continue;
        } else if ("errors".equals(name)) {
          errors = false;
        }
        p.skipChildren();
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        return false;
      }
      return failure || errors;
    } catch (IOException e) {
      return false; // not readable JSON: the tree would not read it either
    }
  }

  private static JsonNode object(String body) {
    if (body == null || !body.trim().startsWith("{")) {
      return null;
    }
    try {
      JsonNode root = MAPPER.readTree(body);
      return root != null && root.isObject() ? root : null;
    } catch (IOException e) {
      return null;
    }
  }
}
