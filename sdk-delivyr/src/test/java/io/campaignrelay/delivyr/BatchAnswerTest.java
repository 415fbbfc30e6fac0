package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.delivyr.implementation.BatchAnswer;
import io.campaignrelay.delivyr.models.BatchResult;
import io.campaignrelay.delivyr.models.MessageStatus;
import io.campaignrelay.delivyr.models.RejectionReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batch answer is read with one streaming pass ({@link BatchAnswer}); it must give what Jackson
 * data-binding of {@link BatchResult} gives with the client's mapper, and fail where data-binding
 * fails (an unreadable answer leaves the batch's outcome unknown).
 */
class BatchAnswerTest {

  static final ObjectMapper MAPPER = HttpPipeline.defaultObjectMapper();

  static final List<String> READABLE =
      List.of(
          "{\"results\":[{\"clientReference\":\"r1\",\"id\":\"m1\",\"status\":\"queued\"},"
              + "{\"clientReference\":\"r2\",\"id\":null,\"status\":\"rejected\","
              + "\"rejection\":{\"reason\":\"opted_out\",\"detail\":\"STOP\"}},"
              + "{\"clientReference\":\"r3\",\"id\":\"m3\",\"status\":\"logged\",\"replayed\":true}]}",
          "{}",
          "{\"results\":null}",
          "{\"results\":[]}",
          "{\"other\":{\"a\":[1,{\"b\":2}]},\"results\":[{\"x\":[1,2],\"clientReference\":\"r\"}],"
              + "\"more\":[]}",
          // every known status, upper case, unknown, empty and null
          "{\"results\":[{\"status\":\"sent\"},{\"status\":\"delivered\"},"
              + "{\"status\":\"undelivered\"},{\"status\":\"QUEUED\"},{\"status\":\" Sent \"},"
              + "{\"status\":\"paused\"},{\"status\":\"\"},{\"status\":null},{\"status\":\"queue\"},"
              + "{\"status\":\"queuedd\"}]}",
          // scalars where a text is expected, and odd replayed values
          "{\"results\":[{\"clientReference\":12,\"id\":1.5,\"status\":\"sent\"},"
              + "{\"clientReference\":true,\"replayed\":null},{\"replayed\":false},"
              + "{\"replayed\":\"true\"},{\"replayed\":1},{\"replayed\":0}]}",
          // rejections: null, empty, unknown reason, a reason alone, extra fields
          "{\"results\":[{\"rejection\":null,\"status\":\"rejected\"},{\"rejection\":{}},"
              + "{\"rejection\":{\"reason\":\"new_reason\",\"extra\":[1]}},"
              + "{\"rejection\":{\"reason\":\"CANNOT_RECEIVE_SMS\"}},"
              + "{\"rejection\":{\"detail\":\"d\",\"reason\":null}}]}",
          // repeated fields of a result: the last wins
          "{\"results\":[{\"clientReference\":\"a\",\"clientReference\":\"b\",\"status\":\"sent\","
              + "\"status\":\"rejected\"}]}",
          // escapes and non-ASCII text
          "{\"results\":[{\"clientReference\":\"k\\\"\\\\\\u00e9\",\"id\":\"zażółć\","
              + "\"status\":\"qu\\u0065ued\"}]}",
          // Delivyr's own order, then names that only resemble the expected ones, other orders,
          // escaped names and unknown names where a known one is expected
          "{\"results\":[{\"clientReference\":\"a\",\"id\":\"m\",\"status\":\"queued\","
              + "\"rejection\":null,\"replayed\":false},"
              + "{\"clientReferenceX\":\"b\",\"i\":\"x\",\"ids\":\"y\",\"status\":\"sent\"},"
              + "{\"status\":\"sent\",\"id\":\"m2\",\"clientReference\":\"c\",\"replayed\":true},"
              + "{\"clientRef\\u0065rence\":\"d\",\"\\u0069d\":\"m3\",\"stat\":\"x\","
              + "\"status\":\"logged\"},"
              + "{\"replayed\":true,\"rejection\":{\"reason\":\"opted_out\"},\"status\":\"rejected\","
              + "\"id\":\"m4\",\"clientReference\":\"e\"},"
              + "{\"clientReference\":\"f\",\"clientReference\":\"g\",\"id\":\"m5\",\"id\":\"m6\"},"
              + "{\"\":1,\"clientReference\":\"h\",\"zażółć\":2,\"id\":\"m7\"}]}",
          bigAnswer());

  /** A thousand results in Delivyr's order and shape, as the benchmark's server writes them. */
  static String bigAnswer() {
    StringBuilder b = new StringBuilder("{\"results\":[");
    for (int i = 0; i < 1000; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"clientReference\":\"cr1-")
          .append(i)
          .append("\",\"id\":\"msg_")
          .append(i)
          .append("\",\"status\":\"")
          .append(i % 3 == 0 ? "rejected" : "queued")
          .append("\",\"rejection\":")
          .append(i % 3 == 0 ? "{\"reason\":\"opted_out\"}" : "null")
          .append('}');
    }
    return b.append("]}").toString();
  }

  /** One byte per read: the byte parser's matching of an expected name meets every boundary. */
  static java.io.InputStream trickle(byte[] bytes) {
    return new java.io.ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  /**
   * The answer read as text and as the client reads it: from bytes (the byte parser, whose matching
   * of expected names differs from the text parser's), all at once and one byte per read.
   */
  static List<BatchAnswer> readAllWays(String json) throws Exception {
    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.asList(
        MAPPER.readValue(json, BatchAnswer.class),
        MAPPER.readValue(bytes, BatchAnswer.class),
        MAPPER.readValue(new java.io.ByteArrayInputStream(bytes), BatchAnswer.class),
        MAPPER.readValue(trickle(bytes), BatchAnswer.class));
  }

  /** Every way of reading the answer fails. */
  static void assertEveryWayFails(String json) {
    byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(catchThrowable(() -> MAPPER.readValue(json, BatchAnswer.class)))
        .as(json)
        .isNotNull();
    assertThat(catchThrowable(() -> MAPPER.readValue(bytes, BatchAnswer.class)))
        .as(json)
        .isNotNull();
    assertThat(catchThrowable(() -> MAPPER.readValue(trickle(bytes), BatchAnswer.class)))
        .as(json)
        .isNotNull();
  }

  static final List<String> UNREADABLE =
      List.of(
          "",
          "[]",
          "\"results\"",
          "{\"results\":[{\"clientReference\":\"x\",\"id\":\"m0\"",
          "{\"results\":[{\"clientReference\":\"x\"}]",
          "{\"results\":{}}",
          "{\"results\":[1]}",
          "{\"results\":[[]]}",
          "{\"results\":[null]}",
          "{\"results\":[{\"clientReference\":{}}]}",
          "{\"results\":[{\"clientReference\":[\"x\"]}]}",
          "{\"results\":[{\"id\":{\"a\":1}}]}",
          "{\"results\":[{\"status\":[]}]}",
          "{\"results\":[{\"status\":true}]}",
          "{\"results\":[{\"status\":{}}]}",
          "{\"results\":[{\"rejection\":\"opted_out\"}]}",
          "{\"results\":[{\"rejection\":[]}]}",
          "{\"results\":[{\"replayed\":\"maybe\"}]}",
          "{\"results\":[{\"replayed\":{}}]}",
          "<html><body>OK</body></html>",
          // two lists of results: which one is meant?
          "{\"results\":[{\"clientReference\":\"a\"}],\"results\":[{\"clientReference\":\"c\"}]}",
          "{\"results\":null,\"results\":[]}",
          // cut inside or right after an expected name
          "{\"results\":[{\"clientRefer",
          "{\"results\":[{\"clientReference\"",
          "{\"results\":[{\"clientReference\":\"x\",\"id",
          "{\"results\":[{\"clientReference\":\"x\",\"id\":\"m\",\"status\":\"queued\",\"rejection\"");

  /** Answers whose fate under data-binding this test does not presume: both must agree. */
  static final List<String> EITHER =
      List.of(
          "{\"results\":[{\"status\":5}]}",
          "{\"results\":[{\"status\":1.5}]}",
          "{\"results\":[{\"rejection\":{\"reason\":7}}]}",
          "{\"results\":[{\"rejection\":{\"reason\":{}}}]}",
          "{\"results\":[{\"rejection\":{\"detail\":[]}}]}",
          "{\"results\":[{\"replayed\":\"TRUE\"}]}",
          "{\"results\":[{\"replayed\":\"\"}]}",
          "{\"results\":[{\"replayed\":2.0}]}",
          "{\"results\":[{\"clientReference\":\"\"}]}",
          "{\"results\":[]} trailing",
          "{\"results\":[]}{}",
          "{\"results\":\"\"}",
          "{\"results\":[\"\"]}");

  @Test
  void agreesWithDataBindingOnOddAnswers() throws Exception {
    for (String json : EITHER) {
      BatchResult expected;
      try {
        expected = MAPPER.readValue(json, BatchResult.class);
      } catch (Exception e) {
        Throwable streamed = catchThrowable(() -> MAPPER.readValue(json, BatchAnswer.class));
        assertThat(streamed).as("streaming of %s (data-binding failed: %s)", json, e).isNotNull();
        assertEveryWayFails(json);
        continue;
      }
      for (BatchAnswer answer : readAllWays(json)) {
        assertThat(answer.result()).as(json).isEqualTo(expected);
      }
    }
  }

  @Test
  void readsWhatDataBindingReads() throws Exception {
    for (String json : READABLE) {
      BatchResult expected = MAPPER.readValue(json, BatchResult.class);
      for (BatchAnswer answer : readAllWays(json)) {
        assertThat(answer.result()).as(json).isEqualTo(expected);
      }
    }
  }

  @Test
  void failsWhereDataBindingFails() {
    for (String json : UNREADABLE) {
      Throwable bound = catchThrowable(() -> MAPPER.readValue(json, BatchResult.class));
      Throwable streamed = catchThrowable(() -> MAPPER.readValue(json, BatchAnswer.class));
      assertThat(bound).as("data-binding of %s", json).isNotNull();
      assertThat(streamed).as("streaming of %s", json).isNotNull();
      assertEveryWayFails(json);
    }
  }

  @Test
  void knownValuesAreTheConstants() throws Exception {
    BatchAnswer answer =
        MAPPER.readValue(
            "{\"results\":[{\"clientReference\":\"r\",\"id\":\"m\",\"status\":\"rejected\","
                + "\"rejection\":{\"reason\":\"opted_out\"},\"replayed\":true}]}",
            BatchAnswer.class);
    assertThat(answer.result().results()).hasSize(1);
    var r = answer.result().results().get(0);
    assertThat(r.status()).isSameAs(MessageStatus.REJECTED);
    assertThat(r.rejection().reason()).isSameAs(RejectionReason.OPTED_OUT);
    assertThat(r.replayed()).isTrue();
    assertThat(r.isRejected()).isTrue();
  }

  @Test
  void aRootNullIsNoAnswerAsWithDataBinding() throws Exception {
    assertThat(MAPPER.readValue("null", BatchResult.class)).isNull();
    assertThat(MAPPER.readValue("null", BatchAnswer.class)).isNull();
  }
}
