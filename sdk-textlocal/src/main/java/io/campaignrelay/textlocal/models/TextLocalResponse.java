package io.campaignrelay.textlocal.models;

import java.util.List;

/**
 * What every TextLocal response carries: its {@code status} and its {@code errors} and {@code
 * warnings} arrays. The client turns {@code status: failure} into an exception, so a response a
 * caller receives always succeeded; its {@link #warnings()} (problems that did not stop the
 * request, such as warning 3 "Invalid number.") are never dropped.
 */
public interface TextLocalResponse {

  /**
   * The envelope status, {@code "success"} or {@code "failure"}; some documented samples omit it,
   * so it may be null.
   *
   * @return the status text, or null
   */
  String status();

  /**
   * Fatal errors; empty on a response the caller receives.
   *
   * @return the errors, never null
   */
  List<TextLocalNotice> errors();

  /**
   * Problems that did not stop the request.
   *
   * @return the warnings, never null
   */
  List<TextLocalNotice> warnings();

  /**
   * Whether the envelope reports a failure.
   *
   * @return true when {@code status} is {@code failure} or errors are present
   */
  default boolean failed() {
    return "failure".equalsIgnoreCase(status()) || !errors().isEmpty();
  }
}
