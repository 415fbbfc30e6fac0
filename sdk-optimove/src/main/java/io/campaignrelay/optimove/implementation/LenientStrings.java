package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.List;

/**
 * Reads a list of strings from whatever Optimove sends for it: an array of scalars (objects are
 * kept as their JSON text), a comma-separated string, or null.
 */
public final class LenientStrings extends StdDeserializer<List<String>> {
  private static final long serialVersionUID = 1L;

  /** Creates the deserializer. */
  public LenientStrings() {
    super(List.class);
  }

  @Override
  public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = p.readValueAsTree();
    return List.copyOf(Responses.commaList(node));
  }

  @Override
  public List<String> getNullValue(DeserializationContext ctxt) {
    return List.of();
  }
}
