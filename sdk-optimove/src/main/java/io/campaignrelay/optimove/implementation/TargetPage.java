package io.campaignrelay.optimove.implementation;

import io.campaignrelay.core.CustomerAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The rows of one target page in a compact form: every customer id and attribute value in one text
 * arena, their bounds in one {@code int[]}, the template ids in one {@code long[]} and each row's
 * promo-code list by reference (consecutive rows with the same codes share one list). A page of
 * 10,000 rows is a handful of arrays instead of some 80,000 small objects, so a page that waits to
 * be consumed costs a young collection next to nothing to keep (the arena of a full page is large
 * enough for G1 to allocate it outside the young generation).
 *
 * <p>The values read back are equal to the ones added: {@link #customerId(int)}, {@link
 * #attributes(int)}, {@link #templateId(int)} and {@link #promoCodes(int)}; a null id or value
 * stays null. Immutable once built; a built page is safe to read from any thread that received it
 * safely.
 */
public final class TargetPage {

  private static final int NULL_HASH = "null".hashCode();

  private final int fields;
  private final int rows;
  private final char[] text;
  // the end of each field (row r's field f at r * fields + f) in text, complemented (~end) when
  // the value is null; a field starts where the one before it ends
  private final int[] ends;
  private final long[] templateIds;
  private final Object[] promoCodes;
  private final CustomerAttributes shape;

  private TargetPage(Builder b) {
    this.fields = b.fields;
    this.rows = b.rows;
    this.text = b.text;
    this.ends = b.ends;
    this.templateIds = b.templateIds;
    this.promoCodes = b.promoCodes;
    this.shape = b.shape;
  }

  /**
   * A builder for one page.
   *
   * @param attributes the number of attribute values of every row
   * @param expectedRows the rows expected (the page size), to size the arrays once
   * @param expectedChars the characters expected (the previous page's), or 0
   * @return the builder
   */
  public static Builder builder(int attributes, int expectedRows, int expectedChars) {
    return new Builder(attributes, expectedRows, expectedChars);
  }

  /**
   * The rows.
   *
   * @return the number of rows
   */
  public int rows() {
    return rows;
  }

  /**
   * The characters the page's texts take (a hint to size the next page's arena).
   *
   * @return the length of the text arena in use
   */
  public int chars() {
    return rows == 0 ? 0 : end(rows * fields - 1);
  }

  /**
   * A row's customer id as added.
   *
   * @param row the row
   * @return the id, or null
   */
  public String customerId(int row) {
    return field(check(row) * fields);
  }

  /**
   * {@code String.valueOf(customerId(row)).hashCode()}, without the string.
   *
   * @param row the row
   * @return the hash
   */
  public int customerIdHash(int row) {
    int j = check(row) * fields;
    int e = ends[j];
    if (e < 0) {
      return NULL_HASH;
    }
    int h = 0;
    for (int i = start(j); i < e; i++) {
      h = 31 * h + text[i];
    }
    return h;
  }

  /**
   * Whether a row's customer id equals another page's row's (two null ids are equal).
   *
   * @param row the row
   * @param other the other page (may be this one)
   * @param otherRow the other page's row
   * @return true if the ids are equal
   */
  public boolean sameCustomerId(int row, TargetPage other, int otherRow) {
    int j = check(row) * fields;
    int k = other.check(otherRow) * other.fields;
    int e = ends[j];
    int f = other.ends[k];
    if (e < 0 || f < 0) {
      return e < 0 && f < 0;
    }
    int s = start(j);
    int t = other.start(k);
    return Arrays.equals(text, s, e, other.text, t, f);
  }

  /**
   * A row's template id as added.
   *
   * @param row the row
   * @return the template id
   */
  public long templateId(int row) {
    return templateIds[check(row)];
  }

  /**
   * A row's promo codes as added (the same list object).
   *
   * @param row the row
   * @return the list, or null if null was added
   */
  @SuppressWarnings("unchecked")
  public List<String> promoCodes(int row) {
    return (List<String>) promoCodes[check(row)];
  }

  /**
   * A row's attributes, made again: equal to the ones added (the same names, equal values).
   *
   * @param row the row
   * @return the attributes
   */
  public CustomerAttributes attributes(int row) {
    int j = check(row) * fields;
    if (fields == 1) {
      return CustomerAttributes.empty();
    }
    String[] values = new String[fields - 1];
    for (int f = 1; f < fields; f++) {
      values[f - 1] = field(j + f);
    }
    return shape.withValues(Arrays.asList(values));
  }

  private int check(int row) {
    Objects.checkIndex(row, rows);
    return row;
  }

  private String field(int j) {
    int e = ends[j];
    if (e < 0) {
      return null;
    }
    int s = start(j);
    return s == e ? "" : new String(text, s, e - s);
  }

  private int start(int j) {
    return j == 0 ? 0 : end(j - 1);
  }

  private int end(int j) {
    int e = ends[j];
    return e < 0 ? ~e : e;
  }

  /** Collects the rows of one page. Not thread-safe: one page, one reader thread. */
  public static final class Builder {
    private final int fields;
    private int rows;
    private char[] text;
    private int length;
    private int[] ends;
    private long[] templateIds;
    private Object[] promoCodes;
    private CustomerAttributes shape;
    private boolean built;

    private Builder(int attributes, int expectedRows, int expectedChars) {
      if (attributes < 0) {
        throw new IllegalArgumentException("attributes < 0");
      }
      this.fields = attributes + 1;
      int capacity = Math.max(1, expectedRows);
      this.ends = new int[capacity * fields];
      this.templateIds = new long[capacity];
      this.promoCodes = new Object[capacity];
      this.text = new char[Math.max(16, expectedChars)];
    }

    /**
     * Adds a row.
     *
     * @param customerId the customer id, or null
     * @param templateId the template id
     * @param codes the promo codes (kept by reference), or null
     * @param attributes the attributes: as many values as the page was built for, the names of
     *     every row the same
     * @return this builder
     * @throws IllegalArgumentException if the attributes have another number of values or names
     */
    public Builder add(
        String customerId, long templateId, List<String> codes, CustomerAttributes attributes) {
      if (built) {
        throw new IllegalStateException("the page was built");
      }
      int n = attributes.size();
      if (n != fields - 1) {
        throw new IllegalArgumentException(
            "a row has " + n + " attributes, the page " + (fields - 1));
      }
      if (n > 0) {
        if (shape == null) {
          shape = attributes;
        } else if (!shape.names().equals(attributes.names())) {
          throw new IllegalArgumentException("a row has other attribute names than the page's");
        }
      }
      if (rows == templateIds.length) {
        int capacity = rows * 2;
        ends = Arrays.copyOf(ends, capacity * fields);
        templateIds = Arrays.copyOf(templateIds, capacity);
        promoCodes = Arrays.copyOf(promoCodes, capacity);
      }
      int j = rows * fields;
      put(j, customerId);
      List<String> values = attributes.values();
      for (int f = 1; f < fields; f++) {
        put(j + f, values.get(f - 1));
      }
      templateIds[rows] = templateId;
      promoCodes[rows] = codes;
      rows++;
      return this;
    }

    private void put(int j, String value) {
      if (value == null) {
        ends[j] = ~length;
        return;
      }
      int n = value.length();
      if (length + n > text.length) {
        text = Arrays.copyOf(text, Math.max(text.length * 2, length + n));
      }
      value.getChars(0, n, text, length);
      length += n;
      ends[j] = length;
    }

    /**
     * The rows added so far.
     *
     * @return the count
     */
    public int rows() {
      return rows;
    }

    /**
     * The page; the builder takes no more rows.
     *
     * @return the page
     */
    public TargetPage build() {
      built = true;
      return new TargetPage(this);
    }
  }
}
