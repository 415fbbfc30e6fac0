package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.core.CustomerAttributes;
import java.io.IOException;
import java.util.ArrayList;
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
      String fix =
          raw.textual()
              ? "a value contains the delimiter '"
                  + delimiter
                  + "': request the attributes with the other delimiter (',' or ';')"
              : "request and read the same attribute list";
      throw new IllegalArgumentException(
          "CustomerAttributes has "
              + values.size()
              + " values for "
              + names.size()
              + " requested attributes "
              + names
              + ": "
              + fix);
    }
    while (values.size() < names.size()) {
      values.add(null);
    }
    return shape != null ? shape.withValues(values) : CustomerAttributes.of(names, values);
  }

  /**
   * The values of one row as read, before they are matched to the names.
   *
   * @param values the values in order (a mutable list owned by this row)
   * @param textual whether they came from the single delimited string form
   */
  public record Raw(List<String> values, boolean textual) {}
}
