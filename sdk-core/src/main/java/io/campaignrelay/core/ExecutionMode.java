package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;
import java.util.Locale;

/**
 * Whether messages really go out. {@link #TEST} is the default everywhere: in test mode a message
 * is rendered, validated and written to the message log with status {@code LOGGED} exactly as a
 * live one would be, and no transport is ever called. {@link #LIVE} must be chosen explicitly.
 */
public enum ExecutionMode {
  /** Render, validate and log every message; send nothing. The default. */
  TEST,
  /** Send for real. Only ever used when chosen explicitly. */
  LIVE;

  /**
   * The mode used when none was chosen.
   *
   * @return {@link #TEST}
   */
  public static ExecutionMode defaultMode() {
    return TEST;
  }

  /**
   * Whether messages are really sent in this mode.
   *
   * @return true only for {@link #LIVE}
   */
  public boolean isLive() {
    return this == LIVE;
  }

  /**
   * Reads a mode from configuration text. An absent or blank value gives {@link #TEST}: live
   * sending is never the result of a missing setting.
   *
   * @param value {@code "test"} or {@code "live"} (any case, surrounding whitespace ignored), or
   *     null
   * @return the mode
   * @throws ConfigurationException if the text is another word
   */
  public static ExecutionMode fromString(String value) {
    if (value == null || value.isBlank()) {
      return TEST;
    }
    String v = value.strip().toUpperCase(Locale.ROOT);
    if (v.equals("TEST")) {
      return TEST;
    }
    if (v.equals("LIVE")) {
      return LIVE;
    }
    throw new ConfigurationException(
        "execution mode",
        ConfigurationProblem.of(
            "executionMode",
            Texts.printable(value),
            "is not a mode: give 'TEST' (log only, the default) or 'LIVE' (send for real)"));
  }
}
