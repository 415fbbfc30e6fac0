package io.campaignrelay.optimove.models;

import io.campaignrelay.optimove.implementation.OptimoveTimes;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Event 2 (all of today's campaigns processed) or 3 (today's daily process complete). The payload
 * beyond {@code EventTypeID} and {@code TimeStamp} is not documented.
 *
 * @param eventType 2 or 3
 * @param timeStampText the {@code TimeStamp} as sent, or null
 */
public record DailyProcessEvent(EventType eventType, String timeStampText)
    implements OptimoveEvent {

  /**
   * Validates the components.
   *
   * @param eventType the type
   * @param timeStampText the time stamp
   */
  public DailyProcessEvent {
    Objects.requireNonNull(eventType, "eventType");
  }

  /**
   * The time stamp as a wall-clock value (zone UNKNOWN).
   *
   * @return the time, or empty if absent or unreadable
   */
  public Optional<LocalDateTime> timeStamp() {
    return OptimoveTimes.localDateTime(timeStampText);
  }
}
