package io.campaignrelay.optimove.implementation;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.spi.ApiErrorParser;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;

/**
 * Reads Optimove's error bodies. Optimove answers errors with plain text, often JSON-quoted ({@code
 * "Unauthorized"}), sometimes bare ({@code Invalid ChannelID}) or as {@code
 * {"status","error","message"}} (429). The JSON shapes are read by sdk-core's default parser; a
 * bare text body (not HTML, not JSON) becomes the message too, so the explanation reaches the
 * exception message and not only its body excerpt. The known secret values of the client (API key,
 * tenant token) are masked wherever they appear in that message. Immutable and thread-safe.
 */
public final class OptimoveErrors implements ApiErrorParser {

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
