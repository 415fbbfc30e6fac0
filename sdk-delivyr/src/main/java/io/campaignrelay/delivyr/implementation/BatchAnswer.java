package io.campaignrelay.delivyr.implementation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.campaignrelay.delivyr.models.BatchItemResult;
import io.campaignrelay.delivyr.models.BatchResult;
import io.campaignrelay.delivyr.models.MessageStatus;
import io.campaignrelay.delivyr.models.Rejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivyr's answer to {@code POST messages/batch}, read in one streaming {@link JsonParser} pass
 * into the {@link BatchResult} data-binding would give: no bean deserializers and no property maps
 * for a thousand results per call. A campaign of millions of messages reads thousands of these
 * answers, so this is a hot path.
 *
 * <p>The result is the one the client's mapper would bind for {@link BatchResult} (the tests
 * compare both on ordinary and odd answers): unknown fields are skipped, a missing or null {@code
 * results} is empty, the common values (texts, booleans, the known statuses) are read straight from
 * the parser, two lists of results are refused, and anything else (a number where a text is
 * expected, a rejection, an unknown status) goes through the same deserializer data-binding would
 * use. Anything data-binding would refuse (an object where a text is expected, an array that is not
 * one, a null result, a cut document) fails here too, with an exception the pipeline reports as an
 * unreadable answer: the outcome of the batch is then unknown, never "not sent".
 *
 * @param result the answer
 */
@JsonDeserialize(using = BatchAnswer.Reader.class)
public record BatchAnswer(BatchResult result) {

  /** The streaming reader (Jackson finds it through the annotation). */
  public static final class Reader extends StdDeserializer<BatchAnswer> {
    private static final long serialVersionUID = 1L;

    /** Made by Jackson. */
    public Reader() {
      super(BatchAnswer.class);
    }

    @Override
    public BatchAnswer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t != JsonToken.START_OBJECT) {
        return (BatchAnswer) ctxt.handleUnexpectedToken(BatchAnswer.class, p);
      }
      List<BatchItemResult> results = null;
      boolean seen = false;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        t = p.nextToken();
        if ("results".equals(field)) {
          if (seen) {
            // data-binding refuses it too; which list would be meant?
            ctxt.reportInputMismatch(BatchAnswer.class, "the answer has two lists of results");
          }
          seen = true;
          results = readResults(p, ctxt, t);
        } else {
          p.skipChildren();
        }
      }
      expectEndObject(p, ctxt, t);
      return new BatchAnswer(new BatchResult(results));
    }

    private static List<BatchItemResult> readResults(
        JsonParser p, DeserializationContext ctxt, JsonToken t) throws IOException {
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (t != JsonToken.START_ARRAY) {
        ctxt.handleUnexpectedToken(List.class, p);
        return null; // not reached: the context throws
      }
      List<BatchItemResult> results = new ArrayList<>(1000);
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.VALUE_NULL) {
          results.add(null); // as data-binding: BatchResult then refuses the list
        } else if (t == JsonToken.START_OBJECT) {
          results.add(readResult(p, ctxt));
        } else {
          ctxt.handleUnexpectedToken(BatchItemResult.class, p);
          return null;
        }
      }
      return results;
    }

    private static BatchItemResult readResult(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      String clientReference = null;
      String id = null;
      MessageStatus status = null;
      Rejection rejection = null;
      boolean replayed = false;
      JsonToken t;
      // Delivyr writes the fields in this order: the parser is told the name it expects next,
      // which it matches on the raw bytes without a symbol-table look-up; any other name (or
      // order) is read as usual, so the result does not depend on the order
      int expected = 0;
      while (true) {
        p.nextFieldName(RESULT_FIELDS[expected]);
        if ((t = p.currentToken()) != JsonToken.FIELD_NAME) {
          break;
        }
        String field = p.currentName();
        expected = next(field);
        t = p.nextToken();
        switch (field) {
          case "clientReference" -> clientReference = text(p, ctxt, t);
          case "id" -> id = text(p, ctxt, t);
          case "status" -> status = status(p, ctxt, t);
          case "rejection" -> rejection = rejection(p, ctxt, t);
          case "replayed" -> replayed = bool(p, ctxt, t);
          default -> p.skipChildren();
        }
      }
      expectEndObject(p, ctxt, t);
      return new BatchItemResult(clientReference, id, status, rejection, replayed);
    }

    /** A result's fields in the order Delivyr writes them. */
    private static final SerializableString[] RESULT_FIELDS = {
      new SerializedString("clientReference"),
      new SerializedString("id"),
      new SerializedString("status"),
      new SerializedString("rejection"),
      new SerializedString("replayed")
    };

    /** The index in {@link #RESULT_FIELDS} of the name expected after this one. */
    private static int next(String field) {
      return switch (field) {
        case "clientReference" -> 1;
        case "id" -> 2;
        case "status" -> 3;
        case "rejection" -> 4;
        default -> 0;
      };
    }

    /** A rejection (rare: only rejected messages have one), by data-binding. */
    private static Rejection rejection(JsonParser p, DeserializationContext ctxt, JsonToken t)
        throws IOException {
      return t == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, Rejection.class);
    }

    /** A status: the known lower-case values without a string, anything else by fromString. */
    private static MessageStatus status(JsonParser p, DeserializationContext ctxt, JsonToken t)
        throws IOException {
      if (t == JsonToken.VALUE_STRING) {
        MessageStatus known = knownStatus(p);
        if (known != null) {
          return known;
        }
      }
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      return ctxt.readValue(p, MessageStatus.class);
    }

    private static final MessageStatus[] STATUSES = {
      MessageStatus.QUEUED,
      MessageStatus.SENT,
      MessageStatus.DELIVERED,
      MessageStatus.UNDELIVERED,
      MessageStatus.REJECTED,
      MessageStatus.LOGGED
    };

    private static MessageStatus knownStatus(JsonParser p) throws IOException {
      char[] chars = p.getTextCharacters();
      int offset = p.getTextOffset();
      int length = p.getTextLength();
      for (MessageStatus s : STATUSES) {
        String v = s.value();
        if (v.length() == length && regionEquals(v, chars, offset)) {
          return s;
        }
      }
      return null;
    }

    private static boolean regionEquals(String v, char[] chars, int offset) {
      for (int i = 0; i < v.length(); i++) {
        if (v.charAt(i) != chars[offset + i]) {
          return false;
        }
      }
      return true;
    }

    /** A text as data-binding reads a {@code String}: scalars as their text, null as null. */
    private static String text(JsonParser p, DeserializationContext ctxt, JsonToken t)
        throws IOException {
      if (t == JsonToken.VALUE_STRING) {
        return p.getText();
      }
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      return ctxt.readValue(p, String.class);
    }

    /** A {@code boolean} as data-binding reads it (null is false). */
    private static boolean bool(JsonParser p, DeserializationContext ctxt, JsonToken t)
        throws IOException {
      if (t == JsonToken.VALUE_TRUE) {
        return true;
      }
      if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
        return false;
      }
      return ctxt.readValue(p, Boolean.TYPE);
    }

    private static void expectEndObject(JsonParser p, DeserializationContext ctxt, JsonToken t)
        throws IOException {
      if (t != JsonToken.END_OBJECT) {
        ctxt.reportWrongTokenException(
            BatchAnswer.class, JsonToken.END_OBJECT, "expected the end of an object");
      }
    }
  }
}
