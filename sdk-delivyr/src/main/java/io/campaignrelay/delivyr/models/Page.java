package io.campaignrelay.delivyr.models;

import java.util.List;
import java.util.Optional;

/**
 * One page of a Delivyr list: {@code {"data": [...], "nextCursor": "..." | null}}.
 *
 * @param data the items of this page; never null
 * @param nextCursor the cursor of the next page, or null on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> data, String nextCursor) {

  /** Copies the items; a missing list becomes empty. */
  public Page {
    data = data == null ? List.of() : List.copyOf(data);
    nextCursor = nextCursor == null || nextCursor.isEmpty() ? null : nextCursor;
  }

  /**
   * The cursor of the next page.
   *
   * @return the cursor, or empty on the last page
   */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
