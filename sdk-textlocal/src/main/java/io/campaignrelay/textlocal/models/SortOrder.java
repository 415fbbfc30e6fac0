package io.campaignrelay.textlocal.models;

/** Sort order of the history and inbox commands. */
public enum SortOrder {
  /** Oldest first ({@code asc}). */
  ASC,
  /** Newest first ({@code desc}). */
  DESC;

  /**
   * The wire value.
   *
   * @return {@code asc} or {@code desc}
   */
  public String wireValue() {
    return this == ASC ? "asc" : "desc";
  }
}
