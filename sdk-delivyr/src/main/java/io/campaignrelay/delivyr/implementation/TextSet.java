package io.campaignrelay.delivyr.implementation;

/**
 * A set of texts with open addressing (linear probing in one array), for checking that a batch's
 * keys are distinct: no entry object per text as in a {@link java.util.HashSet}. Sized for the
 * texts expected; it grows if more are added. Not thread-safe.
 */
public final class TextSet {

  private String[] slots;
  private int size;

  private TextSet(int expected) {
    int capacity = Integer.highestOneBit(Math.max(expected, 2) * 2 - 1) << 1; // load <= 1/2
    slots = new String[capacity];
  }

  /**
   * An empty set.
   *
   * @param expected how many texts will be added
   * @return the set
   */
  public static TextSet withExpected(int expected) {
    return new TextSet(expected);
  }

  /**
   * Adds a text.
   *
   * @param text the text, not null
   * @return true if it was not in the set
   */
  public boolean add(String text) {
    int h = text.hashCode();
    int mask = slots.length - 1;
    int i = (h ^ (h >>> 16)) & mask;
    String[] s = slots;
    for (String at = s[i]; at != null; at = s[i]) {
      if (at.equals(text)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    s[i] = text;
    if (++size * 2 > s.length) {
      grow();
    }
    return true;
  }

  /**
   * The number of texts.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  private void grow() {
    String[] old = slots;
    slots = new String[old.length * 2];
    int mask = slots.length - 1;
    for (String text : old) {
      if (text != null) {
        int h = text.hashCode();
        int i = (h ^ (h >>> 16)) & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = text;
      }
    }
  }
}
