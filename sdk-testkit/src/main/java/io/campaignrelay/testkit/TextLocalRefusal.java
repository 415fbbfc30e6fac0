package io.campaignrelay.testkit;

/**
 * A TextLocal command error: answered as {@code {"errors":[{code, message}],"status":"failure"}}.
 */
final class TextLocalRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int code;

  TextLocalRefusal(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }
}
