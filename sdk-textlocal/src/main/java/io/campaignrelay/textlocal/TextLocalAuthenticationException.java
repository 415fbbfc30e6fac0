package io.campaignrelay.textlocal;

import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.util.List;

/**
 * TextLocal rejected the credentials: error code 3 "Invalid login details." (or an HTTP 401/403).
 * Check the API key (or username and hash), and that the key is not restricted to other client IP
 * addresses. The credentials themselves never appear in the message.
 *
 * <p>Invalid login is a documented refusal: TextLocal processed nothing of the request, so {@link
 * #requestRefused()} is true when the exception was built from TextLocal's code 3.
 */
public class TextLocalAuthenticationException extends AuthenticationException
    implements TextLocalFailure {
  private static final long serialVersionUID = 1L;

  private final TextLocalErrorCode errorCode;
  private final boolean requestRefused;

  @SuppressWarnings("serial") // immutable List.copyOf of records
  private final List<TextLocalNotice> errors;

  @SuppressWarnings("serial") // immutable List.copyOf of records
  private final List<TextLocalNotice> warnings;

  /**
   * Creates the exception.
   *
   * @param details the shared error details
   * @param errors every error of the response
   * @param warnings the warnings of the response
   */
  public TextLocalAuthenticationException(
      ApiErrorDetails details, List<TextLocalNotice> errors, List<TextLocalNotice> warnings) {
    this(details, errors, warnings, ApiServiceException.refusedByDefault(details));
  }

  /**
   * Creates the exception with the verdict on whether TextLocal refused the request.
   *
   * @param details the shared error details
   * @param errors every error of the response
   * @param warnings the warnings of the response
   * @param requestRefused true only when nothing of the request was processed (code 3 inside a
   *     {@code status: failure} answer)
   */
  public TextLocalAuthenticationException(
      ApiErrorDetails details,
      List<TextLocalNotice> errors,
      List<TextLocalNotice> warnings,
      boolean requestRefused) {
    super(details);
    this.requestRefused = requestRefused;
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
    this.errorCode =
        this.errors.isEmpty()
            ? TextLocalErrorCode.INVALID_LOGIN
            : TextLocalErrorCode.of(errors.get(0).code());
  }

  /**
   * Whether TextLocal refused the request, so that nothing of it was processed. Core's {@code
   * AuthenticationException} has no constructor taking the verdict, so this class keeps its own.
   *
   * @return the verdict given at construction
   */
  @Override
  public boolean requestRefused() {
    return requestRefused;
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
