package io.campaignrelay.core.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a runtime's inbound handler answers: a status and a short JSON body with the outcome or the
 * reason for a refusal (never a secret, never personal data).
 *
 * @param status the HTTP status
 * @param outcome a machine-readable word, e.g. {@code accepted}, {@code duplicate}, {@code
 *     bad_signature}
 * @param reason a sentence for a person, possibly empty
 */
public record InboundResponse(int status, String outcome, String reason) {

  /**
   * Validates the response.
   *
   * @throws NullPointerException if a value is missing
   */
  public InboundResponse {
    Objects.requireNonNull(outcome, "outcome");
    reason = reason == null ? "" : reason;
  }

  /**
   * 202: taken, the work happens in a job.
   *
   * @param outcome the word
   * @return the response
   */
  public static InboundResponse accepted(String outcome) {
    return new InboundResponse(202, outcome, "");
  }

  /**
   * 200: a repeat of something already handled; nothing more is done.
   *
   * @param reason why
   * @return the response
   */
  public static InboundResponse duplicate(String reason) {
    return new InboundResponse(200, "duplicate", reason);
  }

  /**
   * A refusal.
   *
   * @param status 4xx
   * @param outcome the word
   * @param reason why, for a person
   * @return the response
   */
  public static InboundResponse refused(int status, String outcome, String reason) {
    return new InboundResponse(status, outcome, reason);
  }

  /**
   * The body as JSON: {@code {"outcome":"...","reason":"..."}}.
   *
   * @return UTF-8 bytes
   */
  public byte[] jsonBody() {
    StringBuilder sb = new StringBuilder("{\"outcome\":");
    quote(sb, outcome);
    sb.append(",\"reason\":");
    quote(sb, reason);
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }
}
