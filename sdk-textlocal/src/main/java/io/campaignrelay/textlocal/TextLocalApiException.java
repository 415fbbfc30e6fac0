package io.campaignrelay.textlocal;

import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.util.List;

/**
 * TextLocal answered {@code status: failure} (inside an HTTP 200) with an error other than "invalid
 * login" (code 3, which raises {@link TextLocalAuthenticationException}). Carries TextLocal's code
 * and message; unknown codes are kept. {@link #statusCode()} is the HTTP status (200).
 *
 * <p>{@link #requestRefused()} is true only when every error of the answer is a code TextLocal
 * documents as stopping the request ({@link TextLocalErrorCode#refusesRequest()}): then nothing of
 * it was processed and a refused send may be sent again. An unlisted code, or a failure without
 * errors, leaves the outcome of a send unknown.
 */
public class TextLocalApiException extends ApiServiceException implements TextLocalFailure {
  private static final long serialVersionUID = 1L;

  private final TextLocalErrorCode errorCode;

  @SuppressWarnings("serial") // immutable List.copyOf of records
  private final List<TextLocalNotice> errors;

  @SuppressWarnings("serial") // immutable List.copyOf of records
  private final List<TextLocalNotice> warnings;

  /**
   * Creates the exception.
   *
   * @param details the shared error details (vendor code and message are the first error's)
   * @param errors every error of the response; at least one
   * @param warnings the warnings of the response
   */
  public TextLocalApiException(
      ApiErrorDetails details, List<TextLocalNotice> errors, List<TextLocalNotice> warnings) {
    this(details, errors, warnings, ApiServiceException.refusedByDefault(details));
  }

  /**
   * Creates the exception with the verdict on whether TextLocal refused the request.
   *
   * @param details the shared error details (vendor code and message are the first error's)
   * @param errors every error of the response; at least one
   * @param warnings the warnings of the response
   * @param requestRefused true only when the errors prove that nothing of the request was processed
   */
  public TextLocalApiException(
      ApiErrorDetails details,
      List<TextLocalNotice> errors,
      List<TextLocalNotice> warnings,
      boolean requestRefused) {
    super(details, requestRefused);
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
    this.errorCode =
        this.errors.isEmpty()
            ? TextLocalErrorCode.of(0)
            : TextLocalErrorCode.of(errors.get(0).code());
  }

  @Override
  public TextLocalErrorCode errorCode() {
    return errorCode;
  }

  @Override
  public List<TextLocalNotice> errors() {
    return errors;
  }

  @Override
  public List<TextLocalNotice> warnings() {
    return warnings;
  }
}
