package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.core.CustomerAttributes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the {@code CustomerAttributes} of a target row in both forms Optimove has used: a JSON
 * array of values in request order (current) or one string joined with {@code
 * CustomerAttributesDelimiter} (older API). Values are matched to the requested names by position.
 *
 * <p>One instance serves a whole query: the requested names are held once and shared by every row,
 * and each row's value is read straight from the streaming parser (no JSON tree, except for the
 * rare value that is neither a string nor null, which is read as a tree to keep its exact text).
 * Immutable and thread-safe.
 */
public final class AttributeValues {

  private final List<String> names;
  private final char delimiter;
  private final CustomerAttributes shape; // the names with no values, shared by every row

  private AttributeValues(List<String> names, char delimiter) {
    this.names = List.copyOf(names);
    this.delimiter = delimiter;
    this.shape = shapeOf(this.names);
  }

  /** The names with no values, or null if the names are invalid (each row then reports them). */
  private static CustomerAttributes shapeOf(List<String> names) {
    try {
      return CustomerAttributes.of(names, java.util.Arrays.asList(new String[names.size()]));
    } catch (io.campaignrelay.core.ConfigurationException invalid) {
      return null;
    }
  }

  /**
   * The reader for one query.
   *
   * @param names the requested attribute names, in request order (validated by the query)
   * @param delimiter the delimiter of the string form
   * @return the reader
   */
  public static AttributeValues forQuery(List<String> names, char delimiter) {
    return new AttributeValues(names, delimiter);
  }

  /**
   * Reads the value the parser is on (any token: an array, a string, null, or another scalar or
   * object kept as its text), leaving the parser on its last token.
   *
   * @param parser the parser, positioned on the {@code CustomerAttributes} value
   * @return the raw values, to {@link #resolve(Raw)} once the row is complete
   * @throws IOException if the JSON is unreadable
   */
  public Raw read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    List<String> out = new ArrayList<>(Math.max(names.size(), 1));
    if (token == JsonToken.START_ARRAY) {
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        if (t == JsonToken.VALUE_STRING) {
          out.add(parser.getText());
        } else if (t == JsonToken.VALUE_NULL) {
          out.add(null);
        } else {
          JsonNode e = parser.readValueAsTree();
          out.add(e == null || e.isNull() ? null : e.isValueNode() ? e.asText() : e.toString());
        }
      }
      return new Raw(out, false);
    }
    String text;
    boolean textual = token == JsonToken.VALUE_STRING;
    if (textual) {
      text = parser.getText();
    } else {
      JsonNode node = parser.readValueAsTree();
      if (node == null || node.isNull() || node.isMissingNode()) {
        return null;
      }
      text = node.isValueNode() ? node.asText() : node.toString();
    }
    if (names.size() <= 1) {
      out.add(text);
      return new Raw(out, textual);
    }
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == delimiter) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return new Raw(out, textual);
  }

  /**
   * Matches the values read to the requested names.
   *
   * @param raw what {@link #read(JsonParser)} returned, or null when the row had no (or a null)
   *     {@code CustomerAttributes}
   * @return the attributes; missing trailing values are absent (null)
   * @throws IllegalArgumentException if there are more values than names (with the string form, a
   *     value contains the delimiter); the message says how to fix it
   */
  public CustomerAttributes resolve(Raw raw) {
    if (names.isEmpty() && (raw == null || raw.values().isEmpty())) {
      return CustomerAttributes.empty();
    }
    List<String> values = raw == null ? new ArrayList<>(names.size()) : raw.values();
    if (values.size() > names.size()) {
      throw tooMany(values.size(), raw.textual());
    }
    while (values.size() < names.size()) {
      values.add(null);
    }
    return shape != null ? shape.withValues(values) : CustomerAttributes.of(names, values);
  }

  private IllegalArgumentException tooMany(int values, boolean textual) {
    String fix =
        textual
            ? "a value contains the delimiter '"
                + delimiter
                + "': request the attributes with the other delimiter (',' or ';')"
            : "request and read the same attribute list";
    return new IllegalArgumentException(
        "CustomerAttributes has "
            + values
            + " values for "
            + names.size()
            + " requested attributes "
            + names
            + ": "
            + fix);
  }

  /**
   * A reader of one page's rows that reuses one buffer for every row's values: {@link
   * Row#read(JsonParser)} then either the values as characters ({@link Row#length(int)}, {@link
   * Row#offset(int)}, {@link Row#chars()}) or {@link Row#resolve()}, without a list, a {@link Raw}
   * or a string per value.
   *
   * @return a new row reader; not thread-safe (one page, one reader thread)
   */
  public Row newRow() {
    return new Row();
  }

  /**
   * Whether rows can be given their attributes through {@link #of(String[])}: the requested names
   * are valid (otherwise each row's {@link Row#resolve()} reports them).
   *
   * @return true if the names are valid
   */
  public boolean hasShape() {
    return shape != null;
  }

  /**
   * The requested names.
   *
   * @return the names, in request order
   */
  public List<String> names() {
    return names;
  }

  /**
   * The attributes of one row from its values, as {@link Row#resolve()} makes them.
   *
   * @param values one value (or null) per requested name, in order; copied
   * @return the attributes
   * @throws IllegalStateException if the names are invalid (see {@link #hasShape()})
   */
  public CustomerAttributes of(String[] values) {
    if (shape == null) {
      throw new IllegalStateException("the requested attribute names are invalid");
    }
    if (names.isEmpty()) {
      return CustomerAttributes.empty();
    }
    return shape.withValues(Arrays.asList(values));
  }

  /**
   * {@link AttributeValues#read(JsonParser)} and {@link AttributeValues#resolve(Raw)} for the rows
   * of one page, into one buffer of characters: the same values, the same errors with the same
   * messages. A value is kept as a range of {@link #chars()} (a string token's characters are
   * copied from the parser's own buffer), so a row's values cost no string until one is asked for.
   */
  public final class Row {
    private char[] chars = new char[128];
    private int used;
    private int[] offsets = new int[Math.max(names.size(), 1)];
    private int[] lengths = new int[offsets.length]; // -1: no value (null)
    private int count;
    private boolean present;
    private boolean textual;

    private Row() {}

    /**
     * Reads the value the parser is on, as {@link AttributeValues#read(JsonParser)} does; a later
     * read in the same row replaces it (the last key wins).
     *
     * @param parser the parser, positioned on the {@code CustomerAttributes} value
     * @throws IOException if the JSON is unreadable
     */
    public void read(JsonParser parser) throws IOException {
      clear();
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NULL) {
        return;
      }
      if (token == JsonToken.START_ARRAY) {
        present = true;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          if (t == JsonToken.VALUE_STRING) {
            add(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
          } else if (t == JsonToken.VALUE_NULL) {
            addNull();
          } else {
            JsonNode e = parser.readValueAsTree();
            add(e == null || e.isNull() ? null : e.isValueNode() ? e.asText() : e.toString());
          }
        }
        return;
      }
      if (token == JsonToken.VALUE_STRING) {
        present = true;
        textual = true;
        split(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        return;
      }
      JsonNode node = parser.readValueAsTree();
      if (node == null || node.isNull() || node.isMissingNode()) {
        return;
      }
      present = true;
      char[] text = (node.isValueNode() ? node.asText() : node.toString()).toCharArray();
      split(text, 0, text.length);
    }

    /** One value, or the values between delimiters when more than one name was requested. */
    private void split(char[] text, int offset, int length) {
      if (names.size() <= 1) {
        add(text, offset, length);
        return;
      }
      int start = offset;
      int end = offset + length;
      for (int i = offset; i < end; i++) {
        if (text[i] == delimiter) {
          add(text, start, i - start);
          start = i + 1;
        }
      }
      add(text, start, end - start);
    }

    private void add(String value) {
      if (value == null) {
        addNull();
      } else {
        add(value.toCharArray(), 0, value.length());
      }
    }

    private void addNull() {
      slot();
      offsets[count] = used;
      lengths[count++] = -1;
    }

    private void add(char[] text, int offset, int length) {
      slot();
      if (used + length > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
      }
      System.arraycopy(text, offset, chars, used, length);
      offsets[count] = used;
      lengths[count++] = length;
      used += length;
    }

    private void slot() {
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
        lengths = Arrays.copyOf(lengths, count * 2);
      }
    }

    /**
     * The number of values the row read (0 when it had no, or a null, {@code CustomerAttributes}),
     * checked against the requested names.
     *
     * @return at most the number of names
     * @throws IllegalArgumentException if there are more values than names, with the message of
     *     {@link AttributeValues#resolve(Raw)}
     */
    public int checkedCount() {
      int n = present ? count : 0;
      if (n > names.size()) {
        throw tooMany(n, textual);
      }
      return n;
    }

    /**
     * The length of a value.
     *
     * @param i the value's position, below {@link #checkedCount()}
     * @return its length in chars, or -1 if it is null
     */
    public int length(int i) {
      return lengths[i];
    }

    /**
     * Where a value starts in {@link #chars()}.
     *
     * @param i the value's position, below {@link #checkedCount()}
     * @return the offset
     */
    public int offset(int i) {
      return offsets[i];
    }

    /**
     * The buffer of the row's values (valid until the next read or clear).
     *
     * @return the buffer
     */
    public char[] chars() {
      return chars;
    }

    /** Forgets the row's values. */
    public void clear() {
      count = 0;
      used = 0;
      present = false;
      textual = false;
    }

    /**
     * The attributes of the row read, as {@link AttributeValues#resolve(Raw)} gives them, and
     * clears the buffer for the next row (also when it throws).
     *
     * @return the attributes; missing trailing values are absent (null)
     * @throws IllegalArgumentException if there are more values than names, with the same message
     */
    public CustomerAttributes resolve() {
      try {
        int n = checkedCount();
        if (names.isEmpty() && n == 0) {
          return CustomerAttributes.empty();
        }
        String[] values = new String[names.size()];
        for (int i = 0; i < n; i++) {
          values[i] = lengths[i] < 0 ? null : new String(chars, offsets[i], lengths[i]);
        }
        List<String> list = Arrays.asList(values);
        return shape != null ? shape.withValues(list) : CustomerAttributes.of(names, list);
      } finally {
        clear();
      }
    }
  }

  /**
   * The values of one row as read, before they are matched to the names.
   *
   * @param values the values in order (a mutable list owned by this row)
   * @param textual whether they came from the single delimited string form
   */
  public record Raw(List<String> values, boolean textual) {}
}
