package io.campaignrelay.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * One injected failure of a fake endpoint. Create with the static factories; schedule with a {@link
 * FaultScript}.
 *
 * <p>What each kind does to a request:
 *
 * <ul>
 *   <li>{@link Kind#RATE_LIMITED}: answers 429 in the vendor's shape with {@code Retry-After}; the
 *       request is <em>not</em> processed.
 *   <li>{@link Kind#SERVER_ERROR}: answers the given 5xx status; the request is not processed.
 *   <li>{@link Kind#DELAY}: waits (real wall-clock time, meant to trip client read timeouts) before
 *       sending the headers of the normal, processed response.
 *   <li>{@link Kind#DISCONNECT_AFTER_REQUEST}: reads and <em>processes</em> the request (state
 *       changes happen, messages are sent), then drops the connection without answering, so the
 *       client cannot know the outcome.
 *   <li>{@link Kind#TRUNCATED_BODY}: processes the request, announces the full body length, sends
 *       only the first half of it and closes the connection.
 *   <li>{@link Kind#MALFORMED_BODY}: processes the request and answers 200 with a body that is not
 *       valid JSON.
 * </ul>
 *
 * @param kind what happens
 * @param status the HTTP status for {@link Kind#SERVER_ERROR} (429 for rate limiting, 0 otherwise)
 * @param duration the {@code Retry-After} for {@link Kind#RATE_LIMITED} or the wait for {@link
 *     Kind#DELAY}; {@link Duration#ZERO} otherwise
 */
public record Fault(Kind kind, int status, Duration duration) {

  /** The kinds of fault. */
  public enum Kind {
    /** 429 with {@code Retry-After}. */
    RATE_LIMITED,
    /** A 5xx status. */
    SERVER_ERROR,
    /** A wait before the response headers. */
    DELAY,
    /** The connection is dropped after the request was read and processed. */
    DISCONNECT_AFTER_REQUEST,
    /** Half of the response body, then the connection closes. */
    TRUNCATED_BODY,
    /** A 200 response whose body is not valid JSON. */
    MALFORMED_BODY
  }

  /**
   * Validates the components.
   *
   * @param kind what happens
   * @param status the HTTP status
   * @param duration the duration
   */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration is " + duration + ": use zero or positive");
    }
    if (kind == Kind.SERVER_ERROR && (status < 500 || status > 599)) {
      throw new IllegalArgumentException(
          "status is " + status + ": a server error fault needs a 5xx status such as 503");
    }
  }

  /**
   * A 429 answer with {@code Retry-After} in whole seconds.
   *
   * @param retryAfter the advertised wait (rounded up to whole seconds on the wire)
   * @return the fault
   */
  public static Fault rateLimited(Duration retryAfter) {
    return new Fault(Kind.RATE_LIMITED, 429, retryAfter);
  }

  /**
   * A 5xx answer; the request is not processed.
   *
   * @param status a status in 500..599
   * @return the fault
   */
  public static Fault serverError(int status) {
    return new Fault(Kind.SERVER_ERROR, status, Duration.ZERO);
  }

  /**
   * A real wait before the (processed) response headers.
   *
   * @param delay how long to wait
   * @return the fault
   */
  public static Fault delay(Duration delay) {
    return new Fault(Kind.DELAY, 0, delay);
  }

  /**
   * Processes the request, then drops the connection without answering.
   *
   * @return the fault
   */
  public static Fault disconnectAfterRequest() {
    return new Fault(Kind.DISCONNECT_AFTER_REQUEST, 0, Duration.ZERO);
  }

  /**
   * Processes the request, then sends only half of the response body.
   *
   * @return the fault
   */
  public static Fault truncatedBody() {
    return new Fault(Kind.TRUNCATED_BODY, 0, Duration.ZERO);
  }

  /**
   * Processes the request, then answers 200 with a body that is not valid JSON.
   *
   * @return the fault
   */
  public static Fault malformedBody() {
    return new Fault(Kind.MALFORMED_BODY, 0, Duration.ZERO);
  }

  /**
   * Whether the fake processes the request (changes state) before the fault takes effect.
   *
   * @return true for delay, disconnect, truncated and malformed bodies
   */
  public boolean processesRequest() {
    return kind != Kind.RATE_LIMITED && kind != Kind.SERVER_ERROR;
  }
}
