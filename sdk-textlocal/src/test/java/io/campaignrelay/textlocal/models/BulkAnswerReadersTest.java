package io.campaignrelay.textlocal.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.campaignrelay.core.http.spi.HttpPipeline;
import org.junit.jupiter.api.Test;

/**
 * The one-pass readers of a bulk answer's entries read what Jackson's data-binding of the records
 * reads (the same mapper with the readers taken off by a mix-in), and refuse what it refuses.
 */
class BulkAnswerReadersTest {

  @JsonDeserialize(using = JsonDeserializer.None.class)
  private interface Plain {}

  private static final ObjectMapper OURS = HttpPipeline.defaultObjectMapper();
  private static final ObjectMapper BEANS =
      HttpPipeline.defaultObjectMapper()
          .addMixIn(BulkBatch.class, Plain.class)
          .addMixIn(SentMessage.class, Plain.class);

  private static Object read(ObjectMapper mapper, String json) {
    try {
      return mapper.readValue(json, BulkSendResult.class);
    } catch (Exception e) {
      return "refused";
    }
  }

  @Test
  void readsEveryShapeAsTheRecordsDataBindingDoes() {
    String[] entries = {
      "{\"batch_id\":123,\"num_messages\":1,\"cost\":1,\"messages\":[{\"id\":\"9\",\"recipient\":447700900001}]}",
      "{\"batch_id\":\"b\",\"num_messages\":\"2\",\"cost\":\"1.50\",\"custom\":\"tag\",\"unique_id\":\"k\","
          + "\"messages\":[{\"id\":9,\"recipient\":\"447700900001\",\"extra\":{\"a\":[1,2]}},"
          + "{\"recipient\":447700900002}]}",
      "{\"batch_id\":null,\"num_messages\":null,\"cost\":null,\"messages\":null,\"unique_id\":null}",
      "{}",
      "{\"unknown\":[{\"messages\":1}],\"num_parts\":1,\"batch_id\":1,\"batch_id\":2}",
      "{\"messages\":[]}",
      "{\"messages\":[null]}",
      "{\"messages\":[{\"id\":true,\"recipient\":1.5}]}",
      "{\"num_messages\":1.7}",
      "{\"num_messages\":99999999999}",
      "{\"messages\":{\"id\":\"1\"}}",
      "{\"messages\":\"\"}",
      "{\"batch_id\":{\"a\":1}}",
      "{\"batch_id\":[1]}",
      "{\"messages\":[\"x\"]}",
      "{\"messages\":[[{\"id\":\"1\"}]]}",
      "null",
      "\"x\"",
      "12",
      "[]",
      "{\"cost\":\"abc\"}",
    };
    for (String entry : entries) {
      String json =
          "{\"test_mode\":false,\"batch_id\":1,\"messages\":["
              + entry
              + "],\"messages_not_sent\":[],\"status\":\"success\"}";
      Object ours = read(OURS, json);
      assertThat(ours).as(entry).isEqualTo(read(BEANS, json));
    }
  }

  @Test
  void readsAWholeBenchmarkLikeAnswer() {
    StringBuilder sb = new StringBuilder("{\"test_mode\":false,\"batch_id\":7,\"messages\":[");
    for (int i = 0; i < 500; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"batch_id\":7,\"num_parts\":1,\"cost\":1,\"messages\":[{\"id\":\"")
          .append(1000 + i)
          .append("\",\"recipient\":4477009")
          .append(10000 + i)
          .append("}]}");
    }
    sb.append("],\"messages_not_sent\":[],\"status\":\"success\"}");
    Object ours = read(OURS, sb.toString());
    assertThat(ours).isInstanceOf(BulkSendResult.class).isEqualTo(read(BEANS, sb.toString()));
    assertThat(((BulkSendResult) ours).batches()).hasSize(500);
  }
}
