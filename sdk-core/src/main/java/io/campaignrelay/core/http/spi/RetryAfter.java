package io.campaignrelay.core.http.spi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delta-seconds or an HTTP-date (RFC 1123). */
final class RetryAfter {
  private RetryAfter() {}

  /**
   * The wait a {@code Retry-After} value asks for, measured from the clock for a date.
   *
   * @return the wait, zero for a date in the past or a negative number; null when absent or
   *     unreadable
   */
  static Duration parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    Duration wait;
    try {
      wait = Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        wait = Duration.between(clock.instant(), at);
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
    return wait.isNegative() ? Duration.ZERO : wait;
  }
}
