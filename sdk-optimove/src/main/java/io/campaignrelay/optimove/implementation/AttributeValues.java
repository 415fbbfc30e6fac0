package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.core.CustomerAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code CustomerAttributes} of a target row in both forms Optimove has used: a JSON
 * array of values in request order (current) or one string joined with {@code
 * CustomerAttributesDelimiter} (older API). Values are matched to the requested names by position.
 */
public final class AttributeValues {
  private AttributeValues() {}

  /**
   * Matches the values to the requested names.
   *
   * @param node the {@code CustomerAttributes} node: an array, a string, null or absent
   * @param names the requested attribute names, in request order
   * @param delimiter the delimiter of the string form
   * @return the attributes; missing trailing values are absent (null)
   * @throws IllegalArgumentException if there are more values than names (with the string form, a
   *     value contains the delimiter); the message says how to fix it
   */
  public static CustomerAttributes resolve(JsonNode node, List<String> names, char delimiter) {
    List<String> values = values(node, names.size(), delimiter);
    if (values.size() > names.size()) {
      String fix =
          node != null && node.isTextual()
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
    return names.isEmpty() ? CustomerAttributes.empty() : CustomerAttributes.of(names, values);
  }

  private static List<String> values(JsonNode node, int expected, char delimiter) {
    List<String> out = new ArrayList<>(expected);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return out;
    }
    if (node.isArray()) {
      for (JsonNode e : node) {
        out.add(e == null || e.isNull() ? null : e.isValueNode() ? e.asText() : e.toString());
      }
      return out;
    }
    String text = node.isValueNode() ? node.asText() : node.toString();
    if (expected <= 1) {
      out.add(text);
      return out;
    }
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == delimiter) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }
}
