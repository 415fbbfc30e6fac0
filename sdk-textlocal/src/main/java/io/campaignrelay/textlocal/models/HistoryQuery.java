package io.campaignrelay.textlocal.models;

import java.time.Instant;

/**
 * Filters for the history and inbox commands: a time window (sent as Unix seconds, GMT), an order
 * and a page size. TextLocal's defaults apply to what is left null (window: the last six months;
 * order: newest first for history, oldest first for inboxes).
 *
 * @param minTime the earliest time, or null
 * @param maxTime the latest time, or null
 * @param sortOrder the order, or null
 * @param pageSize entries per page, 1 to {@value #MAX_PAGE_SIZE}
 */
public record HistoryQuery(Instant minTime, Instant maxTime, SortOrder sortOrder, int pageSize) {

  /** Largest page size used (INFERRED: the official samples and clients use 1,000). */
  public static final int MAX_PAGE_SIZE = 1000;

  /**
   * Validates the query.
   *
   * @throws IllegalArgumentException if the page size is out of range or the window is reversed
   */
  public HistoryQuery {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize=" + pageSize + ": use 1 to " + MAX_PAGE_SIZE + " entries per page");
    }
    if (minTime != null && maxTime != null && minTime.isAfter(maxTime)) {
      throw new IllegalArgumentException(
          "minTime="
              + minTime
              + " is after maxTime="
              + maxTime
              + ": give the earlier instant as minTime");
    }
  }

  /**
   * All entries, TextLocal's default window and order, {@value #MAX_PAGE_SIZE} per page.
   *
   * @return the query
   */
  public static HistoryQuery all() {
    return new HistoryQuery(null, null, null, MAX_PAGE_SIZE);
  }

  /**
   * Entries between two instants, {@value #MAX_PAGE_SIZE} per page.
   *
   * @param minTime the earliest time
   * @param maxTime the latest time
   * @return the query
   */
  public static HistoryQuery between(Instant minTime, Instant maxTime) {
    return new HistoryQuery(minTime, maxTime, null, MAX_PAGE_SIZE);
  }

  /**
   * A copy with another page size.
   *
   * @param size entries per page
   * @return the copy
   */
  public HistoryQuery withPageSize(int size) {
    return new HistoryQuery(minTime, maxTime, sortOrder, size);
  }

  /**
   * A copy with another order.
   *
   * @param order the order
   * @return the copy
   */
  public HistoryQuery withSortOrder(SortOrder order) {
    return new HistoryQuery(minTime, maxTime, order, pageSize);
  }
}
