package io.campaignrelay.core.optout;

import io.campaignrelay.core.PhoneNumber;
import java.time.Instant;
import java.util.Objects;

/**
 * One opted-out number.
 *
 * @param phoneNumber the number
 * @param at when it opted out
 * @param source how: the keyword texted (e.g. {@code "STOP"}) or another source such as {@code
 *     "import"}; not blank
 */
public record OptOutEntry(PhoneNumber phoneNumber, Instant at, String source) {

  /**
   * Validates the entry.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the source is blank
   */
  public OptOutEntry {
    Objects.requireNonNull(phoneNumber, "phoneNumber");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new IllegalArgumentException(
          "source is blank: give the keyword texted (e.g. STOP) or where the opt-out came from");
    }
  }
}
