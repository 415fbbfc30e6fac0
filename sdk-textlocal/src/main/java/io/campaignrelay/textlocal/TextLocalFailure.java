package io.campaignrelay.textlocal;

import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.util.List;

/**
 * What both TextLocal error exceptions carry: TextLocal's first error code (from the spec's table,
 * or an unlisted code kept as is), every error and every warning of the failed response.
 * Implemented by {@link TextLocalApiException} and {@link TextLocalAuthenticationException}.
 */
public interface TextLocalFailure {

  /**
   * TextLocal's code of the first error.
   *
   * @return the code; an unlisted code is kept ({@link TextLocalErrorCode#isKnown()} false)
   */
  TextLocalErrorCode errorCode();

  /**
   * Every error of the response, in order.
   *
   * @return the errors
   */
  List<TextLocalNotice> errors();

  /**
   * The warnings of the failed response.
   *
   * @return the warnings
   */
  List<TextLocalNotice> warnings();
}
