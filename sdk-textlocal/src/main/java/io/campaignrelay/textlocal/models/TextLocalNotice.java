package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of a TextLocal {@code errors} or {@code warnings} array.
 *
 * @param code TextLocal's numeric code (see {@link TextLocalErrorCode} for errors; warning 3 is
 *     "Invalid number.")
 * @param message TextLocal's text, possibly null
 */
public record TextLocalNotice(
    @JsonProperty("code") int code, @JsonProperty("message") String message) {

  /** Renders {@code code: message}. */
  @Override
  public String toString() {
    return code + ": " + message;
  }
}
