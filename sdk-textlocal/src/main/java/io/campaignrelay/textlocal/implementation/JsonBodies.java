package io.campaignrelay.textlocal.implementation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.NewContact;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes the JSON documents TextLocal takes inside form fields ({@code create_contacts_bulk}'s
 * {@code contacts}, {@code bulk_json}'s {@code data}) with a streaming generator: one pass, no
 * intermediate tree. Numbers are written as international digits without the plus.
 */
public final class JsonBodies {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonBodies() {}

  /**
   * The {@code contacts} array of {@code create_contacts_bulk}: keyed objects with {@code number},
   * {@code first_name}, {@code last_name}, {@code custom1..3} (absent values left out).
   *
   * @param contacts the contacts
   * @return the JSON text
   */
  public static String contacts(List<NewContact> contacts) {
    StringWriter out = new StringWriter(contacts.size() * 96 + 16);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      for (NewContact c : contacts) {
        g.writeStartObject();
        g.writeStringField("number", c.number().digits());
        optional(g, "first_name", c.firstName());
        optional(g, "last_name", c.lastName());
        optional(g, "custom1", c.custom1());
        optional(g, "custom2", c.custom2());
        optional(g, "custom3", c.custom3());
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The {@code data} document of {@code bulk_json}: send-level options at the top level, then
   * {@code messages} with each {@code number} and its own {@code text}.
   *
   * @param messages the messages, at most 500
   * @param options the send-level options
   * @param unicode whether to set {@code unicode: true} (some text needs UCS-2)
   * @return the JSON text
   */
  public static String bulk(List<BulkMessage> messages, BulkSendOptions options, boolean unicode) {
    int estimate = 64;
    for (BulkMessage m : messages) {
      estimate += m.text().length() + 48;
    }
    StringWriter out = new StringWriter(estimate);
    writeBulk(out, messages, options, unicode);
    return out.toString();
  }

  /**
   * The whole form of {@code bulk_json}: its {@code data} field (the document of {@link #bulk(List,
   * BulkSendOptions, boolean)}) generated straight into the form encoding, in one pass and without
   * the document ever becoming a {@code String}. The bytes are those of a {@code FormBody} with the
   * same field.
   *
   * @param messages the messages, at most 500
   * @param options the send-level options
   * @param unicode whether to set {@code unicode: true}
   * @return the form body (the credentials are added by {@link FormAuthentication})
   */
  public static EncodedForm bulkForm(
      List<BulkMessage> messages, BulkSendOptions options, boolean unicode) {
    int estimate = 160;
    for (BulkMessage m : messages) {
      // the text (spaces stay one byte, as '+'), the digits, the key and about 90 bytes of
      // percent-encoded JSON punctuation and names
      estimate += m.text().length() + (m.uniqueId() == null ? 0 : m.uniqueId().length()) + 110;
    }
    EncodedForm.Encoder form = EncodedForm.encoder(estimate);
    writeBulk(form.field("data"), messages, options, unicode);
    return form.toBody();
  }

  private static void writeBulk(
      Writer out, List<BulkMessage> messages, BulkSendOptions options, boolean unicode) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      optional(g, "sender", options.sender());
      if (options.scheduleTime() != null) {
        g.writeNumberField("scheduled", options.scheduleTime().getEpochSecond());
      }
      optional(g, "custom", options.custom());
      optional(g, "receipt_url", options.receiptUrl());
      if (options.test()) {
        g.writeBooleanField("test", true);
      }
      if (unicode) {
        g.writeBooleanField("unicode", true);
      }
      g.writeArrayFieldStart("messages");
      for (BulkMessage m : messages) {
        g.writeStartObject();
        g.writeStringField("number", m.number().digits());
        g.writeStringField("text", m.text());
        optional(g, "unique_id", m.uniqueId());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
