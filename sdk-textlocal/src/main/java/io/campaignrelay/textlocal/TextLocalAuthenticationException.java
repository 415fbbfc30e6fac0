package io.campaignrelay.textlocal;

import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.util.List;

/**
 * TextLocal rejected the credentials: error code 3 "Invalid login details." (or an HTTP 401/403).
 * Check the API key (or username and hash), and that the key is not restricted to other client IP
 * addresses. The credentials themselves never appear in the message.
 */
public class TextLocalAuthenticationException extends AuthenticationException
    implements TextLocalFailure {
  private static final long serialVersionUID = 1L;

  private final TextLocalErrorCode errorCode;

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
    super(details);
    this.errors = List.copyOf(errors);
    this.warnings = List.copyOf(warnings);
    this.errorCode =
        this.errors.isEmpty()
            ? TextLocalErrorCode.INVALID_LOGIN
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
