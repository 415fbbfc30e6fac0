package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.spi.HttpPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Runs Optimove calls through the shared pipeline and reads what comes back, tolerating every
 * success shape Optimove uses: an empty body, {@code true}, {@code {"ResponseCode":200}} or the
 * expected JSON. A JSON string where data was expected (Optimove's way of reporting an error, even
 * with status 200), {@code false}, or a {@code ResponseCode} outside 2xx becomes an {@link
 * ApiServiceException} of the matching kind.
 */
public final class Responses {

  /**
   * The mapper used to read Optimove responses: the pipeline's settings plus case-insensitive
   * property names (Optimove spells {@code ChannelID} and {@code ChannelId} in different places).
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** The longest part of a body quoted in a hand-built error message, in characters. */
  static final int MESSAGE_EXCERPT = 200;

  private final HttpPipeline pipeline;
  private final OptimoveErrors errors;

  /**
   * Creates the reader for one pipeline.
   *
   * @param pipeline the pipeline the calls run on
   */
  public Responses(HttpPipeline pipeline) {
    this(pipeline, OptimoveErrors.parser());
  }

  /**
   * Creates the reader for one pipeline, masking the client's secret values in error messages.
   *
   * @param pipeline the pipeline the calls run on
   * @param errors the client's error parser (its secret values are masked)
   */
  public Responses(HttpPipeline pipeline, OptimoveErrors errors) {
    this.pipeline = pipeline;
    this.errors = errors;
  }

  /**
   * Runs a write. Its tolerated success shapes and the error shapes inside a 2xx answer are
   * Optimove's {@link OptimoveErrors error envelope}, which the pipeline applies to every buffered
   * answer.
   *
   * @param call the call
   * @param operation e.g. {@code "POST integrations/AddChannelTemplates"}
   * @throws ApiServiceException if the answer reports an error
   */
  public void write(Call<ResponseBody> call, String operation) {
    Response<ResponseBody> response = pipeline.executeForResponse(call, operation);
    text(response, operation);
  }

  /**
   * Runs a read and maps its body (an error inside a 2xx answer was already raised by the pipeline
   * through Optimove's error envelope).
   *
   * @param call the call
   * @param operation what is being done
   * @param type the Java type of the body
   * @param emptyValue what an empty body means
   * @param <T> the type
   * @return the value
   * @throws ApiServiceException if the body is an error string or unreadable
   */
  public <T> T read(Call<ResponseBody> call, String operation, JavaType type, T emptyValue) {
    Response<ResponseBody> response = pipeline.executeForResponse(call, operation);
    String text = text(response, operation);
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.equals("null")) {
      return emptyValue;
    }
    try {
      return MAPPER.readValue(trimmed, type);
    } catch (IOException e) {
      throw error(
          operation,
          response,
          text,
          "the response could not be read as " + type.getRawClass().getSimpleName());
    }
  }

  /**
   * Runs a read of a list of rows.
   *
   * @param call the call
   * @param operation what is being done
   * @param rowType the row class
   * @param <T> the row type
   * @return the rows, empty for an empty body
   */
  public <T> List<T> readList(Call<ResponseBody> call, String operation, Class<T> rowType) {
    JavaType type = MAPPER.getTypeFactory().constructCollectionType(List.class, rowType);
    List<T> rows = read(call, operation, type, List.of());
    return rows == null ? List.of() : rows;
  }

  /**
   * Reads one row from a streaming parser.
   *
   * @param <T> the row type
   */
  @FunctionalInterface
  public interface RowReader<T> {
    /**
     * Reads the row the parser is on.
     *
     * @param parser positioned on the row's {@code START_OBJECT}; the reader leaves it on the
     *     matching {@code END_OBJECT}
     * @return the row
     * @throws IOException if the row is unreadable
     */
    T read(JsonParser parser) throws IOException;
  }

  /**
   * Runs a streamed read of one page of rows with a hand-written row reader (for the pages of
   * millions of rows, where data-binding and trees per row cost too much).
   *
   * @param call the call (a {@code @Streaming} method)
   * @param operation what is being done
   * @param rowName the row's name for error messages
   * @param rowReader reads one row
   * @param sink receives each row in order
   * @param <T> the row type
   * @return the number of rows read
   * @throws ApiServiceException if the body is an error string or unreadable
   */
  public <T> int readRows(
      Call<ResponseBody> call,
      String operation,
      String rowName,
      RowReader<T> rowReader,
      Consumer<T> sink) {
    Response<ResponseBody> response = pipeline.executeForResponse(call, operation);
    ResponseBody body = response.body();
    if (body == null) {
      return 0;
    }
    try (body;
        JsonParser parser = MAPPER.getFactory().createParser(body.byteStream())) {
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        return 0;
      }
      if (first != JsonToken.START_ARRAY) {
        String rest = first == JsonToken.VALUE_STRING ? parser.getText() : null;
        String shown =
            rest != null ? MAPPER.writeValueAsString(rest) : MAPPER.readTree(parser).toString();
        throw error(operation, response, shown, null);
      }
      int count = 0;
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        sink.accept(rowReader.read(parser));
        count++;
      }
      return count;
    } catch (IOException e) {
      throw error(
          operation,
          response,
          "",
          "the response could not be read as rows of "
              + rowName
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private String text(Response<ResponseBody> response, String operation) {
    try (ResponseBody body = response.body()) {
      if (body == null) {
        return "";
      }
      return new String(body.bytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw error(operation, response, "", "the response body could not be read");
    }
  }

  private ApiServiceException error(
      String operation, Response<ResponseBody> response, String body, String message) {
    if (message == null) {
      return pipeline.toException(operation, response.code(), response.headers(), body);
    }
    return pipeline.toException(
        operation, response.code(), response.headers(), body, errors.described(message, body));
  }

  /**
   * The exception for an answer Optimove gave with a 2xx status that this module could not use (no
   * details, unreadable rows), through the pipeline's error path: the same redaction, details and
   * exception type as any other error.
   *
   * @param operation what was being done
   * @param message what was wrong, in the client's words
   * @param body what Optimove sent (quoted, masked), or empty
   * @return the exception to throw
   */
  public ApiServiceException unusable(String operation, String message, String body) {
    return pipeline.toException(
        operation, 200, Headers.of(), body, errors.described(message, body));
  }

  /**
   * Looks a field up ignoring case.
   *
   * @param node an object node
   * @param name the field name
   * @return the value, or null
   */
  public static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    var it = node.fieldNames();
    while (it.hasNext()) {
      String n = it.next();
      if (n.equalsIgnoreCase(name)) {
        return node.get(n);
      }
    }
    return null;
  }

  /**
   * Splits a comma-separated text into trimmed non-empty parts; an array node gives its elements.
   *
   * @param node a text or array node, or null
   * @return the parts, possibly empty
   */
  public static List<String> commaList(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      for (JsonNode e : node) {
        if (e != null && !e.isNull()) {
          String s = e.isValueNode() ? e.asText().trim() : e.toString();
          if (!s.isEmpty()) {
            out.add(s);
          }
        }
      }
      return out;
    }
    String s = node.isValueNode() ? node.asText() : node.toString();
    for (String part : s.split(",", -1)) {
      String p = part.trim();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }
}
