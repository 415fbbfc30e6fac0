package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.spi.ApiErrorParser;
import io.campaignrelay.core.http.spi.ErrorEnvelope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;

/**
 * Reads Optimove's error bodies. Optimove answers errors with plain text, often JSON-quoted ({@code
 * "Unauthorized"}), sometimes bare ({@code Invalid ChannelID}) or as {@code
 * {"status","error","message"}} (429). The JSON shapes are read by sdk-core's default parser; a
 * bare text body (not HTML, not JSON) becomes the message too, so the explanation reaches the
 * exception message and not only its body excerpt. The known secret values of the client (API key,
 * tenant token) are masked wherever they appear in that message. Immutable and thread-safe.
 *
 * <p>It is also Optimove's {@link ErrorEnvelope}: a 2xx answer that is a JSON string (Optimove's
 * error text, CONFIRMED by a client), {@code false}, an object whose {@code ResponseCode} is
 * outside 2xx (the error then stands for that status) or whose {@code isSuccess} is {@code false}
 * reports an error. An empty body, {@code true}, {@code null}, plain text and any other JSON are
 * successes. None of these is a refusal of its own: the default rule decides.
 */
public final class OptimoveErrors implements ApiErrorParser, ErrorEnvelope {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The longest message taken from a text body, in characters. */
  public static final int MAX_MESSAGE = 300;

  private static final String MASK = "****";

  private final ApiErrorParser json = ApiErrorParser.jsonDefault();
  private final List<Secret> secrets;

  private OptimoveErrors(List<Secret> secrets) {
    List<Secret> s = new ArrayList<>();
    for (Secret secret : secrets) {
      if (secret != null) {
        s.add(secret);
      }
    }
    this.secrets = List.copyOf(s);
  }

  /**
   * The parser of one client.
   *
   * @param secrets the client's secret values, masked in messages (nulls ignored)
   * @return the parser
   */
  public static OptimoveErrors parser(Secret... secrets) {
    return new OptimoveErrors(java.util.Arrays.asList(secrets));
  }

  @Override
  public ParsedError parse(int statusCode, Headers headers, String body) {
    ParsedError parsed = json.parse(statusCode, headers, body);
    String message = parsed.vendorMessage();
    if (message == null && parsed.vendorCode() == null && isPlainText(body)) {
      message = body.strip();
      int nl = message.indexOf('\n');
      if (nl > 0) {
        message = message.substring(0, nl).strip();
      }
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE) + "...";
      }
    }
    if (message == null) {
      return parsed;
    }
    return new ParsedError(parsed.vendorCode(), mask(message), parsed.requestId());
  }

  @Override
  public Optional<Found> read(int statusCode, Headers headers, String body) {
    String t = body == null ? "" : body.strip();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    char c = t.charAt(0);
    if (c != '"' && c != '{' && c != 'f') {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(t);
    } catch (IOException notJson) {
      return Optional.empty(); // plain text after a 2xx: an undocumented success
    }
    if (node == null) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      return Optional.of(new Found(statusCode, parse(statusCode, headers, t)));
    }
    if (node.isBoolean() && !node.booleanValue()) {
      return Optional.of(new Found(statusCode, described("Optimove answered false", t)));
    }
    if (node.isObject()) {
      JsonNode code = field(node, "ResponseCode");
      if (code != null && code.canConvertToInt() && (code.asInt() < 200 || code.asInt() > 299)) {
        return Optional.of(new Found(code.asInt(), parse(code.asInt(), headers, t)));
      }
      JsonNode ok = field(node, "isSuccess");
      if (ok != null && ok.isBoolean() && !ok.booleanValue()) {
        return Optional.of(
            new Found(statusCode, described("Optimove reported isSuccess=false", t)));
      }
    }
    return Optional.empty();
  }

  /**
   * An error of the client's own wording, quoting (masked, at most 200 characters) what Optimove
   * sent.
   *
   * @param what what went wrong
   * @param body what Optimove sent, or null
   * @return the error, no verdict of its own
   */
  public ParsedError described(String what, String body) {
    String quoted = body == null ? "" : mask(body.strip());
    if (quoted.length() > Responses.MESSAGE_EXCERPT) {
      quoted = quoted.substring(0, Responses.MESSAGE_EXCERPT) + "...";
    }
    return new ParsedError(null, quoted.isEmpty() ? what : what + ": " + quoted, null);
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (n.equalsIgnoreCase(name)) {
        return node.get(n);
      }
    }
    return null;
  }

  private static boolean isPlainText(String body) {
    if (body == null || body.isBlank()) {
      return false;
    }
    String t = body.strip();
    char c = t.charAt(0);
    return c != '<' && c != '{' && c != '[';
  }

  /**
   * Masks the client's secret values in a text.
   *
   * @param text the text, or null
   * @return the text with every secret value replaced by {@code ****}
   */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Secret s : secrets) {
      String value = s.reveal();
      if (value != null && value.length() >= 4) {
        out = out.replace(value, MASK);
      }
    }
    return out;
  }
}
