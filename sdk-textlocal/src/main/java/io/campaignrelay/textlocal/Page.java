package io.campaignrelay.textlocal;

import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.util.List;

/**
 * One page fetched by a {@link PagedIterable}.
 *
 * @param items the page's items
 * @param start the offset of the first item
 * @param total how many items match in all, as TextLocal reports it (0 when not reported)
 * @param warnings the page's warnings
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int start, long total, List<TextLocalNotice> warnings) {

  /** Copies the lists. */
  public Page {
    items = List.copyOf(items);
    warnings = List.copyOf(warnings);
  }
}
