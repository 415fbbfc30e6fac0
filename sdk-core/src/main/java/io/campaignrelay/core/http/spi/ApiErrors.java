package io.campaignrelay.core.http.spi;

import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.InvalidRequestException;
import io.campaignrelay.core.http.NotFoundException;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.http.ServerException;
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
   * <p>Whether the request was refused follows {@link
   * ApiServiceException#refusedByDefault(ApiErrorDetails)}.
   *
   * @param details the error details
   * @param retryAfter the {@code Retry-After} the vendor sent, or null
   * @return the exception, to be thrown by the caller
   */
  public static ApiServiceException fromStatus(ApiErrorDetails details, Duration retryAfter) {
    return fromStatus(details, retryAfter, ApiServiceException.refusedByDefault(details));
  }

  /**
   * Creates the exception that matches the HTTP status (as {@link #fromStatus(ApiErrorDetails,
   * Duration)}), with the vendor module's verdict on whether the request was positively refused.
   *
   * @param details the error details
   * @param retryAfter the {@code Retry-After} the vendor sent, or null
   * @param requestRefused true only when the vendor documents this error as "not processed"
   * @return the exception, to be thrown by the caller; its {@link
   *     ApiServiceException#requestRefused()} is {@code requestRefused}
   */
  public static ApiServiceException fromStatus(
      ApiErrorDetails details, Duration retryAfter, boolean requestRefused) {
    int s = details.statusCode();
    if (s == 401 || s == 403) {
      return new AuthenticationException(details, requestRefused);
    }
    if (s == 404) {
      return new NotFoundException(details, requestRefused);
    }
    if (s == 429) {
      return new RateLimitException(details, retryAfter, requestRefused);
    }
    if (s == 400 || s == 409 || s == 410 || s == 413 || s == 415 || s == 422) {
      return new InvalidRequestException(details, requestRefused);
    }
    if (s >= 500 && s <= 599) {
      return new ServerException(details, requestRefused);
    }
    return new ApiServiceException(details, requestRefused);
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
