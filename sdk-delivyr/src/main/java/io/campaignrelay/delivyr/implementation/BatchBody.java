package io.campaignrelay.delivyr.implementation;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Writes the body of {@code POST messages/batch} in one pass straight from the {@link
 * SendMessageRequest}s: no copy into {@link Wire.Message} records and no data-binding of a thousand
 * records per call. A campaign of millions of messages sends thousands of batches, so this is a hot
 * path. When the factory's generator writes texts as Jackson's defaults do (checked on a probe per
 * call, see {@link Utf8JsonWriter#writesLike}), the body is appended in chunks to an okio buffer,
 * constant parts pre-encoded, no generator state checked per value, and a snapshot of the buffer
 * (sharing its segments) is the request body; otherwise one streaming {@link JsonGenerator} pass
 * writes it.
 *
 * <p>The bytes are exactly those Jackson data-binding writes for {@link Wire.Batch} (the tests
 * compare both): fields in the order of {@link Wire.Message}'s components, null fields left out,
 * {@code variables} always present, the campaign object written once per distinct campaign
 * reference of the batch and repeated as raw JSON. Field names, the empty {@code variables} and the
 * campaign object are written as pre-encoded bytes. Every message carries its own {@code
 * idempotencyKey}, on which Delivyr dedupes it whatever batch it arrives in. The content type is
 * Retrofit's Jackson converter's, {@code application/json; charset=UTF-8}. The body is built once,
 * before the first attempt, so every retry sends the same bytes.
 */
public final class BatchBody {

  /** The content type Retrofit's Jackson converter sends. */
  public static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");

  // the field names, encoded once (a batch writes up to ten per message)
  private static final SerializableString MESSAGES = new SerializedString("messages");
  private static final SerializableString TO = new SerializedString("to");
  private static final SerializableString CUSTOMER_ID = new SerializedString("customerId");
  private static final SerializableString TEMPLATE_ID = new SerializedString("templateId");
  private static final SerializableString BODY = new SerializedString("body");
  private static final SerializableString VARIABLES = new SerializedString("variables");
  private static final SerializableString CAMPAIGN = new SerializedString("campaign");
  private static final SerializableString TEST_MODE = new SerializedString("testMode");
  private static final SerializableString CLIENT_REFERENCE =
      new SerializedString("clientReference");
  private static final SerializableString IDEMPOTENCY_KEY = new SerializedString("idempotencyKey");
  private static final SerializableString EMPTY_OBJECT = new SerializedString("{}");

  private static final RequestFields.Reader FIELDS = RequestFields.reader();

  private BatchBody() {}

  /**
   * Writes a batch.
   *
   * @param factory the JSON factory of the client's mapper (its output settings apply)
   * @param messages the messages, validated
   * @param references the client reference of each message, in the same order
   * @param keys the idempotency key of each message, in the same order
   * @return the request body
   * @throws IllegalArgumentException if the lists differ in length
   */
  public static RequestBody write(
      JsonFactory factory,
      List<SendMessageRequest> messages,
      List<String> references,
      List<String> keys) {
    if (messages.size() != references.size() || messages.size() != keys.size()) {
      throw new IllegalArgumentException(
          messages.size()
              + " messages but "
              + references.size()
              + " client references and "
              + keys.size()
              + " idempotency keys");
    }
    return write(factory, new Requests(messages, references, keys));
  }

  /**
   * The messages of a batch as the body reads them, by index: each field as {@link
   * SendMessageRequest} gives it (null when unset, then left out of the body). Lets a caller whose
   * messages are already valid (the engine's channel) write a body without building a request per
   * message; the bytes are those of the same messages as requests.
   */
  public interface Messages {
    /** How many messages. */
    int size();

    /** The E.164 number of message {@code i}. */
    String to(int i);

    /** The customer id, or null. */
    String customerId(int i);

    /** The Delivyr template id, or null. */
    String templateId(int i);

    /** The literal text, or null. */
    String body(int i);

    /** The template variables (empty when none). */
    Map<String, String> variables(int i);

    /** The campaign reference, or null. */
    CampaignReference campaign(int i);

    /** Whether the message is sent in test mode. */
    boolean testMode(int i);

    /** The client reference, or null. */
    String clientReference(int i);

    /** The idempotency key, or null. */
    String idempotencyKey(int i);
  }

  /**
   * Writes a batch.
   *
   * @param factory the JSON factory of the client's mapper (its output settings apply)
   * @param messages the messages, validated
   * @return the request body
   */
  public static RequestBody write(JsonFactory factory, Messages messages) {
    if (Utf8JsonWriter.writesLike(factory)) {
      return writeBytes(factory, messages);
    }
    return writeWithGenerator(factory, messages);
  }

  /** Requests with their references and keys, as {@link Messages}. */
  private static final class Requests implements Messages {
    private final List<SendMessageRequest> messages;
    private final List<String> references;
    private final List<String> keys;

    Requests(List<SendMessageRequest> messages, List<String> references, List<String> keys) {
      this.messages = messages;
      this.references = references;
      this.keys = keys;
    }

    @Override
    public int size() {
      return messages.size();
    }

    @Override
    public String to(int i) {
      return messages.get(i).to();
    }

    @Override
    public String customerId(int i) {
      return FIELDS.customerId(messages.get(i));
    }

    @Override
    public String templateId(int i) {
      return FIELDS.templateId(messages.get(i));
    }

    @Override
    public String body(int i) {
      return FIELDS.body(messages.get(i));
    }

    @Override
    public Map<String, String> variables(int i) {
      return messages.get(i).variables();
    }

    @Override
    public CampaignReference campaign(int i) {
      return FIELDS.campaign(messages.get(i));
    }

    @Override
    public boolean testMode(int i) {
      return messages.get(i).testMode();
    }

    @Override
    public String clientReference(int i) {
      return references.get(i);
    }

    @Override
    public String idempotencyKey(int i) {
      return keys.get(i);
    }
  }

  // the constant parts of the fast path, encoded once
  private static final byte[] OPEN = ascii("{\"messages\":[");
  private static final byte[] TO_FIRST = ascii("{\"to\":");
  private static final byte[] TO_NEXT = ascii(",{\"to\":");
  private static final byte[] CUSTOMER_ID_FIELD = ascii(",\"customerId\":");
  private static final byte[] TEMPLATE_ID_FIELD = ascii(",\"templateId\":");
  private static final byte[] BODY_FIELD = ascii(",\"body\":");
  private static final byte[] VARIABLES_FIELD = ascii(",\"variables\":");
  private static final byte[] NO_VARIABLES = ascii("{}");
  private static final byte[] CAMPAIGN_FIELD = ascii(",\"campaign\":");
  private static final byte[] TEST_MODE_TRUE = ascii(",\"testMode\":true");
  private static final byte[] TEST_MODE_FALSE = ascii(",\"testMode\":false");
  private static final byte[] CLIENT_REFERENCE_FIELD = ascii(",\"clientReference\":");
  private static final byte[] IDEMPOTENCY_KEY_FIELD = ascii(",\"idempotencyKey\":");
  private static final byte[] CLOSE = ascii("]}");

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The fast path: the same bytes as {@link #writeWithGenerator}, with no generator state checked
   * per value, gathered in chunks into an okio buffer whose segments the body then shares.
   */
  private static RequestBody writeBytes(JsonFactory factory, Messages messages) {
    int n = messages.size();
    Buffer buffer = new Buffer();
    Utf8JsonWriter w = new Utf8JsonWriter(buffer);
    CampaignReference lastCampaign = null;
    byte[] lastCampaignJson = null;
    w.raw(OPEN);
    for (int i = 0; i < n; i++) {
      w.raw(i == 0 ? TO_FIRST : TO_NEXT);
      w.string(messages.to(i));
      stringIfPresent(w, CUSTOMER_ID_FIELD, messages.customerId(i));
      stringIfPresent(w, TEMPLATE_ID_FIELD, messages.templateId(i));
      stringIfPresent(w, BODY_FIELD, messages.body(i));
      w.raw(VARIABLES_FIELD);
      Map<String, String> variables = messages.variables(i);
      if (variables.isEmpty()) {
        w.raw(NO_VARIABLES);
      } else {
        w.raw('{');
        boolean first = true;
        for (Map.Entry<String, String> v : variables.entrySet()) {
          if (!first) {
            w.raw(',');
          }
          first = false;
          w.string(v.getKey());
          w.raw(':');
          w.string(v.getValue());
        }
        w.raw('}');
      }
      CampaignReference c = messages.campaign(i);
      if (c != null) {
        if (!c.equals(lastCampaign)) {
          lastCampaign = c;
          lastCampaignJson = campaignBytes(factory, c);
        }
        w.raw(CAMPAIGN_FIELD);
        w.raw(lastCampaignJson);
      }
      w.raw(messages.testMode(i) ? TEST_MODE_TRUE : TEST_MODE_FALSE);
      stringIfPresent(w, CLIENT_REFERENCE_FIELD, messages.clientReference(i));
      stringIfPresent(w, IDEMPOTENCY_KEY_FIELD, messages.idempotencyKey(i));
      w.raw('}');
    }
    w.raw(CLOSE);
    w.flush();
    // a snapshot shares the buffer's segments: the socket's buffer takes them without a copy
    return RequestBody.create(buffer.snapshot(), JSON);
  }

  private static void stringIfPresent(Utf8JsonWriter w, byte[] field, String value) {
    if (value != null) {
      w.raw(field);
      w.string(value);
    }
  }

  private static byte[] campaignBytes(JsonFactory factory, CampaignReference c) {
    try {
      return campaignJson(factory, c).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Delivyr batch body", e);
    }
  }

  /** The generator path, for a factory whose settings change how texts are written. */
  private static RequestBody writeWithGenerator(JsonFactory factory, Messages messages) {
    Buffer buffer = new Buffer();
    try (JsonGenerator g = factory.createGenerator(buffer.outputStream(), JsonEncoding.UTF8)) {
      CampaignReference lastCampaign = null;
      SerializableString lastCampaignJson = null;
      g.writeStartObject();
      g.writeFieldName(MESSAGES);
      g.writeStartArray();
      for (int i = 0; i < messages.size(); i++) {
        g.writeStartObject();
        g.writeFieldName(TO);
        g.writeString(messages.to(i));
        writeIfPresent(g, CUSTOMER_ID, messages.customerId(i));
        writeIfPresent(g, TEMPLATE_ID, messages.templateId(i));
        writeIfPresent(g, BODY, messages.body(i));
        g.writeFieldName(VARIABLES);
        Map<String, String> variables = messages.variables(i);
        if (variables.isEmpty()) {
          g.writeRawValue(EMPTY_OBJECT);
        } else {
          g.writeStartObject();
          for (Map.Entry<String, String> v : variables.entrySet()) {
            g.writeStringField(v.getKey(), v.getValue());
          }
          g.writeEndObject();
        }
        CampaignReference c = messages.campaign(i);
        if (c != null) {
          if (!c.equals(lastCampaign)) {
            lastCampaign = c;
            lastCampaignJson = new SerializedString(campaignJson(factory, c));
          }
          g.writeFieldName(CAMPAIGN);
          g.writeRawValue(lastCampaignJson);
        }
        g.writeFieldName(TEST_MODE);
        g.writeBoolean(messages.testMode(i));
        writeIfPresent(g, CLIENT_REFERENCE, messages.clientReference(i));
        writeIfPresent(g, IDEMPOTENCY_KEY, messages.idempotencyKey(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Delivyr batch body", e);
    }
    // a snapshot shares the buffer's segments: the body is not copied into one more array
    return RequestBody.create(buffer.snapshot(), JSON);
  }

  private static void writeIfPresent(JsonGenerator g, SerializableString name, String value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeString(value);
    }
  }

  private static String campaignJson(JsonFactory factory, CampaignReference c) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonGenerator g = factory.createGenerator(buffer.outputStream(), JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("optimoveCampaignId", c.optimoveCampaignId());
      g.writeNumberField("channelId", c.channelId());
      g.writeNumberField("optimoveTemplateId", c.optimoveTemplateId());
      g.writeEndObject();
    }
    return buffer.readUtf8();
  }
}
