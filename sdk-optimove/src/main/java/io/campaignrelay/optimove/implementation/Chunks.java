package io.campaignrelay.optimove.implementation;

import java.util.ArrayList;
import java.util.List;

/** Splits lists into calls of at most a vendor limit. */
public final class Chunks {
  private Chunks() {}

  /**
   * Splits a list into consecutive sublists.
   *
   * @param list the list
   * @param size the largest chunk, at least 1
   * @param <T> the element type
   * @return the chunks (views of the list), none for an empty list
   */
  public static <T> List<List<T>> of(List<T> list, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size " + size + " is below 1");
    }
    List<List<T>> out = new ArrayList<>((list.size() + size - 1) / size);
    for (int i = 0; i < list.size(); i += size) {
      out.add(list.subList(i, Math.min(list.size(), i + size)));
    }
    return out;
  }
}
