package io.campaignrelay.textlocal;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.execution.CampaignExecutor;

/**
 * The one rule of this module for "was anything of a send sent?": core's engine rule ({@link
 * CampaignExecutor#provesNothingSent}: a positive refusal or a vendor never reached), plus a check
 * of this SDK that failed before any call ({@link ConfigurationException}). Anything else after the
 * request was written (a lost, cut or unreadable answer, a 5xx, an unlisted error code) leaves the
 * outcome unknown. The HTTP status alone never decides.
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
    if (failure instanceof ConfigurationException) {
      return true; // the SDK's own checks refused the request before any call
    }
    return failure instanceof RuntimeException r && CampaignExecutor.provesNothingSent(r);
  }
}
