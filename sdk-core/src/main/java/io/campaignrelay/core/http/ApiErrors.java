package io.campaignrelay.core.http;

import java.time.Duration;

/**
 * Picks the {@link ApiServiceException} subclass for an error. Used by the vendor clients, both for
 * HTTP error statuses and for vendors' error envelopes inside a successful response.
 */
public final class ApiErrors {
  private ApiErrors() {}

  /**
   * Creates the exception that matches the HTTP status.
   *
   * <ul>
   *   <li>401, 403: {@link AuthenticationException}
   *   <li>404: {@link NotFoundException}
   *   <li>429: {@link RateLimitException}
   *   <li>400, 409, 410, 413, 415, 422: {@link InvalidRequestException}
   *   <li>5xx: {@link ServerException}
   *   <li>anything else: {@link ApiServiceException}
   * </ul>
   *
   * @param details the error details
   * @param retryAfter the {@code Retry-After} the vendor sent, or null
   * @return the exception, to be thrown by the caller
   */
  public static ApiServiceException fromStatus(ApiErrorDetails details, Duration retryAfter) {
    int s = details.statusCode();
    if (s == 401 || s == 403) {
      return new AuthenticationException(details);
    }
    if (s == 404) {
      return new NotFoundException(details);
    }
    if (s == 429) {
      return new RateLimitException(details, retryAfter);
    }
    if (s == 400 || s == 409 || s == 410 || s == 413 || s == 415 || s == 422) {
      return new InvalidRequestException(details);
    }
    if (s >= 500 && s <= 599) {
      return new ServerException(details);
    }
    return new ApiServiceException(details);
  }

  /**
   * Whether a status is one the SDK retries: 408, 425, 429, 500, 502, 503, 504.
   *
   * @param statusCode the HTTP status
   * @return true if retryable
   */
  public static boolean isRetryableStatus(int statusCode) {
    return switch (statusCode) {
      case 408, 425, 429, 500, 502, 503, 504 -> true;
      default -> false;
    };
  }
}
