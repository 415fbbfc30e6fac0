package io.campaignrelay.testkit.implementation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Jackson tree helpers shared by the fakes (no data-binding to SDK classes, by design). */
public final class Json {
  /** The shared mapper; configured once, then only read (thread-safe). */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * A new empty object node.
   *
   * @return the node
   */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * A new empty array node.
   *
   * @return the node
   */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /**
   * Parses JSON text.
   *
   * @param text the text
   * @return the tree, or empty if the text is not valid JSON
   */
  public static Optional<JsonNode> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses JSON bytes.
   *
   * @param bytes the bytes
   * @return the tree, or empty if not valid JSON
   */
  public static Optional<JsonNode> parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(MAPPER.readTree(bytes));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Serialises a tree compactly.
   *
   * @param node the tree
   * @return the JSON text
   */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A JSON string literal, e.g. {@code "Unauthorized"} with the quotes.
   *
   * @param text the text
   * @return the quoted, escaped literal
   */
  public static String quoted(String text) {
    return write(JsonNodeFactory.instance.textNode(text));
  }

  /**
   * The text of a field if it is a non-null scalar.
   *
   * @param node the object (may be null)
   * @param field the field name
   * @return the text, or empty
   */
  public static Optional<String> text(JsonNode node, String field) {
    if (node == null) {
      return Optional.empty();
    }
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  /**
   * Looks a field up ignoring ASCII case.
   *
   * @param node the object (may be null)
   * @param field the field name
   * @return the value, or null
   */
  public static JsonNode getIgnoreCase(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(field);
    if (exact != null) {
      return exact;
    }
    for (var e : node.properties()) {
      if (e.getKey().equalsIgnoreCase(field)) {
        return e.getValue();
      }
    }
    return null;
  }
}
