package io.campaignrelay.core.http.spi;

import java.io.IOException;

/** Thrown inside the OkHttp chain when no more attempts are made after an I/O failure. */
final class AttemptFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  final boolean outcomeUnknown;
  final int attempts;

  AttemptFailedException(IOException cause, boolean outcomeUnknown, int attempts) {
    super(cause.toString(), cause);
    this.outcomeUnknown = outcomeUnknown;
    this.attempts = attempts;
  }
}
