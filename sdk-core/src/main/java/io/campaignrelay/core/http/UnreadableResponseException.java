package io.campaignrelay.core.http;

/**
 * The vendor answered with a successful status (2xx) but its body could not be read: cut off
 * mid-way, empty where a body was expected, truncated or malformed JSON, an HTML page, or not the
 * shape the client expects. The vendor may well have acted on the request (accepted a batch of
 * SMS), so {@link #outcomeUnknown()} is always true: for a send, reconcile with the vendor's
 * records before sending again; never treat this as "nothing was sent". The SDK never retries a
 * request that is not safe to repeat after such an answer.
 *
 * <p>{@link #statusCode()} is the status the vendor sent and {@link #bodyExcerpt()} the start of
 * what arrived, with secrets redacted.
 */
public class UnreadableResponseException extends ApiConnectionException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String bodyExcerpt;

  /**
   * Creates the exception.
   *
   * @param message what happened, naming the vendor and the operation; no secrets
   * @param statusCode the HTTP status of the response
   * @param bodyExcerpt a redacted excerpt of what arrived of the body; null reads as empty
   * @param attempts how many attempts were made
   * @param cause the read or parse failure, or null
   */
  public UnreadableResponseException(
      String message, int statusCode, String bodyExcerpt, int attempts, Throwable cause) {
    super(message, true, attempts, cause);
    this.statusCode = statusCode;
    this.bodyExcerpt = bodyExcerpt == null ? "" : bodyExcerpt;
  }

  /**
   * The HTTP status of the response whose body could not be read.
   *
   * @return the status code, a 2xx
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * The start of what arrived of the body, with secrets redacted; for diagnostics only.
   *
   * @return the excerpt, possibly empty
   */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }
}
