package io.campaignrelay.textlocal.models;

/** TextLocal's three free contact fields, Custom 1, Custom 2 and Custom 3. */
public enum CustomField {
  /** Custom 1 ({@code custom1}). */
  CUSTOM1,
  /** Custom 2 ({@code custom2}). */
  CUSTOM2,
  /** Custom 3 ({@code custom3}). */
  CUSTOM3;

  /**
   * The JSON/form name of the field.
   *
   * @return {@code custom1}, {@code custom2} or {@code custom3}
   */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
