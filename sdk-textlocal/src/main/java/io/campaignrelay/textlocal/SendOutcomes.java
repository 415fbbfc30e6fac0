package io.campaignrelay.textlocal;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;

/**
 * The one rule of this module for "was anything of a send sent?", the same as core's engine: a send
 * counts as not sent only when TextLocal positively refused it ({@link
 * ApiServiceException#requestRefused()}), when TextLocal was never reached ({@link
 * ApiConnectionException#outcomeUnknown()} false), or when a check failed before any call ({@link
 * ConfigurationException}). Anything else after the request was written (a lost, cut or unreadable
 * answer, a 5xx, an unlisted error code) leaves the outcome unknown. The HTTP status alone never
 * decides.
 */
final class SendOutcomes {

  private SendOutcomes() {}

  /**
   * Whether a failure of a send proves that nothing of it was sent.
   *
   * @param failure the failure
   * @return true only for a positive refusal, an unreached vendor or a failed local check
   */
  static boolean definitelyNotSent(Throwable failure) {
    if (failure instanceof ApiConnectionException c) {
      return !c.outcomeUnknown();
    }
    if (failure instanceof ApiServiceException s) {
      return s.requestRefused();
    }
    return failure instanceof ConfigurationException;
  }
}
