package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Readers of the per-message entries of a {@code bulk_json} answer ({@link BulkBatch}, {@link
 * SentMessage}; one of each per recipient), in one pass over the tokens without Jackson's bean
 * machinery (property lookup, creator buffer) for every entry.
 *
 * <p>They read what the records' data-binding read: every value goes through the mapper's own
 * deserializer for its type ({@code String}, {@code int}, {@code BigDecimal}, {@code
 * List<SentMessage>}), found once, so a number where a text is expected, a null, or a value of the
 * wrong shape is taken, defaulted or refused exactly as before; unknown fields are skipped; a field
 * given twice keeps its last value; an entry that is not an object is refused. A refusal makes the
 * answer unreadable (outcome unknown), as it did.
 */
final class BulkAnswerReaders {

  private BulkAnswerReaders() {}

  /** The mapper's deserializers of the entries' value types, found once per mapper. */
  private record Values(
      JsonDeserializer<Object> strings,
      JsonDeserializer<Object> ints,
      JsonDeserializer<Object> decimals,
      JsonDeserializer<Object> sentMessages) {

    static Values of(DeserializationContext ctxt, boolean withMessages) throws IOException {
      JavaType messages =
          ctxt.getTypeFactory().constructCollectionType(List.class, SentMessage.class);
      return new Values(
          ctxt.findContextualValueDeserializer(ctxt.constructType(String.class), null),
          ctxt.findContextualValueDeserializer(ctxt.constructType(int.class), null),
          ctxt.findContextualValueDeserializer(ctxt.constructType(BigDecimal.class), null),
          withMessages ? ctxt.findContextualValueDeserializer(messages, null) : null);
    }

    String string(JsonParser p, DeserializationContext ctxt, JsonToken t) throws IOException {
      if (t == JsonToken.VALUE_STRING) {
        return p.getText(); // what StringDeserializer returns for a string token
      }
      return (String) value(strings, p, ctxt, t);
    }

    static Object value(
        JsonDeserializer<Object> d, JsonParser p, DeserializationContext ctxt, JsonToken t)
        throws IOException {
      // a bean property reads null through its deserializer's null value, anything else through it
      return t == JsonToken.VALUE_NULL ? d.getNullValue(ctxt) : d.deserialize(p, ctxt);
    }
  }

  /** The first token of an entry's fields, or a refusal when the entry is not an object. */
  private static JsonToken firstField(JsonParser p, DeserializationContext ctxt, Class<?> type)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      return p.nextToken();
    }
    if (t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT) {
      return t;
    }
    ctxt.handleUnexpectedToken(type, p);
    throw ctxt.wrongTokenException(p, type, JsonToken.START_OBJECT, "an object expected");
  }

  /** The value readers of a reader made contextual, an I/O failure reported as a mapping one. */
  private static Values contextualValues(DeserializationContext ctxt, boolean batch)
      throws com.fasterxml.jackson.databind.JsonMappingException {
    try {
      return Values.of(ctxt, batch);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      throw e;
    } catch (IOException e) {
      throw com.fasterxml.jackson.databind.JsonMappingException.from(ctxt, e.getMessage(), e);
    }
  }

  /** Reads a {@link BulkBatch}. */
  static final class BatchReader extends StdDeserializer<BulkBatch>
      implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient Values values;

    BatchReader() {
      this(null);
    }

    private BatchReader(Values values) {
      super(BulkBatch.class);
      this.values = values;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws com.fasterxml.jackson.databind.JsonMappingException {
      if (values != null) {
        return this;
      }
      return new BatchReader(contextualValues(ctxt, true));
    }

    @Override
    @SuppressWarnings("unchecked")
    public BulkBatch deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Values v = values == null ? Values.of(ctxt, true) : values;
      String batchId = null;
      int numMessages = 0;
      BigDecimal cost = null;
      String custom = null;
      List<SentMessage> messages = null;
      String uniqueId = null;
      for (JsonToken t = firstField(p, ctxt, BulkBatch.class);
          t == JsonToken.FIELD_NAME;
          t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "batch_id" -> batchId = v.string(p, ctxt, value);
          case "num_messages" -> numMessages = (Integer) Values.value(v.ints(), p, ctxt, value);
          case "cost" -> cost = (BigDecimal) Values.value(v.decimals(), p, ctxt, value);
          case "custom" -> custom = v.string(p, ctxt, value);
          case "messages" ->
              messages = (List<SentMessage>) Values.value(v.sentMessages(), p, ctxt, value);
          case "unique_id" -> uniqueId = v.string(p, ctxt, value);
          default -> p.skipChildren(); // unknown: skipped as it is read
        }
      }
      return new BulkBatch(batchId, numMessages, cost, custom, messages, uniqueId);
    }
  }

  /** Reads a {@link SentMessage}. */
  static final class SentReader extends StdDeserializer<SentMessage>
      implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient Values values;

    SentReader() {
      this(null);
    }

    private SentReader(Values values) {
      super(SentMessage.class);
      this.values = values;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws com.fasterxml.jackson.databind.JsonMappingException {
      if (values != null) {
        return this;
      }
      return new SentReader(contextualValues(ctxt, false));
    }

    @Override
    public SentMessage deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Values v = values == null ? Values.of(ctxt, false) : values;
      String id = null;
      String recipient = null;
      for (JsonToken t = firstField(p, ctxt, SentMessage.class);
          t == JsonToken.FIELD_NAME;
          t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "id" -> id = v.string(p, ctxt, value);
          case "recipient" -> recipient = v.string(p, ctxt, value);
          default -> p.skipChildren();
        }
      }
      return new SentMessage(id, recipient);
    }
  }
}
