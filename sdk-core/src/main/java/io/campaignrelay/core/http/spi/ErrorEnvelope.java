package io.campaignrelay.core.http.spi;

import java.util.Optional;
import okhttp3.Headers;

/**
 * A vendor's error envelope inside a successful (2xx) answer, e.g. {@code
 * {"status":"failure","errors":[...]}}: a hook of the {@link VendorProfile} that {@link
 * HttpPipeline} runs on every buffered 2xx body, so that a vendor declares its envelope once and
 * the pipeline turns it into the typed exception (through the profile's {@link
 * ApiErrorParser#toException(ApiErrorParser.Failure)}), like an error status. Bodies of {@code
 * Streaming} calls are not buffered and not checked: the vendor module reads those itself.
 *
 * <p>Implementations must be immutable and thread-safe and must not throw: a body they cannot read
 * is not an envelope (the converter then decides whether the answer is readable).
 */
@FunctionalInterface
public interface ErrorEnvelope {

  /** A vendor without an error envelope. */
  ErrorEnvelope NONE = (statusCode, headers, body) -> Optional.empty();

  /**
   * Reads a successful answer's body.
   *
   * @param statusCode the HTTP status (2xx)
   * @param headers the response headers
   * @param body the whole body as text, possibly empty
   * @return the error the body reports, or empty when it reports none
   */
  Optional<Found> read(int statusCode, Headers headers, String body);

  /**
   * An error found in a successful answer.
   *
   * @param statusCode the status the error stands for: the HTTP status, or a status the envelope
   *     itself names (Optimove's {@code {"ResponseCode":401}})
   * @param error what the envelope said, with the vendor's refusal verdict
   */
  record Found(int statusCode, ApiErrorParser.ParsedError error) {
    /**
     * Normalises a null error to {@link ApiErrorParser.ParsedError#EMPTY}.
     *
     * @param statusCode the status the error stands for
     * @param error what the envelope said
     */
    public Found {
      error = error == null ? ApiErrorParser.ParsedError.EMPTY : error;
    }
  }
}
