package io.campaignrelay.optimove.implementation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Optimove's time formats. Scheduled times ({@code "2016-08-30 10:00:00"}) and listener time stamps
 * ({@code "2022-07-19 08:54"}) carry no zone: the zone is UNKNOWN (INFERRED to be the tenant's
 * local time), so they are read as {@link LocalDateTime} wall-clock values. Seconds, fractions, a
 * {@code T} separator and a trailing {@code Z} or offset are tolerated (the offset is dropped). The
 * triggered payload's {@code timestamp} is epoch seconds as text.
 */
public final class OptimoveTimes {

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("uuuu-MM-dd")
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .toFormatter();

  private OptimoveTimes() {}

  /**
   * Parses a zone-less Optimove date-time.
   *
   * @param text e.g. {@code "2016-08-30 10:00:00"} or {@code "2022-07-19 08:54"}; null allowed
   * @return the wall-clock time, or empty if absent or unreadable
   */
  public static Optional<LocalDateTime> localDateTime(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.trim();
    if (t.endsWith("Z") || t.endsWith("z")) {
      t = t.substring(0, t.length() - 1);
    } else if (t.length() > 19) {
      int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
      if (sign > 10) {
        t = t.substring(0, sign);
      }
    }
    if (t.length() == 10) {
      t = t + " 00:00";
    }
    try {
      return Optional.of(LocalDateTime.parse(t, LOCAL));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses epoch seconds given as text (or a number's text).
   *
   * @param text e.g. {@code "1772509331"}
   * @return the instant, or empty if absent or unreadable
   */
  public static Optional<Instant> epochSeconds(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(text.trim())));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
