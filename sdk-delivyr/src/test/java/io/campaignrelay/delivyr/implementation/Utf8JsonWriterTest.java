package io.campaignrelay.delivyr.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.campaignrelay.core.http.spi.HttpPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * The batch body's writer must write every text exactly as Jackson's generator (with the client
 * mapper's settings) does: one byte of difference is another request.
 */
class Utf8JsonWriterTest {

  private static final JsonFactory DEFAULT = HttpPipeline.defaultObjectMapper().getFactory();

  /** The text written by the factory's generator, as a value. */
  private static byte[] generated(JsonFactory factory, String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeString(text);
    }
    return out.toByteArray();
  }

  /** The text written by the writer. */
  private static byte[] written(String text) {
    Buffer sink = new Buffer();
    Utf8JsonWriter w = new Utf8JsonWriter(sink);
    w.string(text);
    w.flush();
    return sink.readByteArray();
  }

  @Test
  void everyCharacterAloneIsWrittenAsTheGeneratorWritesIt() throws IOException {
    for (int c = 0; c <= 0xffff; c++) {
      String text = String.valueOf((char) c);
      assertThat(written(text)).as("U+%04X", c).isEqualTo(generated(DEFAULT, text));
      // the same character after a plain ASCII prefix (the fast loop hands over mid-text)
      String prefixed = "ab" + (char) c + "cd";
      assertThat(written(prefixed)).as("ab U+%04X cd", c).isEqualTo(generated(DEFAULT, prefixed));
    }
  }

  @Test
  void surrogatesPairedLoneAndReversedAreWrittenAsTheGeneratorWritesThem() throws IOException {
    String[] texts = {
      "\uD83D\uDE00", // a pair
      "smile \uD83D\uDE00 done",
      "\uD83D", // a lone high surrogate
      "\uDE00", // a lone low surrogate
      "x\uDE00\uD83Dy", // reversed
      "\uDBFF\uDFFF\uD800\uDC00", // the last and the first supplementary characters
      "end with a high \uD83D",
      "Zoë \"Z\" <b>&</b> \\ / \u2028 \u0000 \u001f \u007f €"
    };
    for (String t : texts) {
      assertThat(written(t)).as(t).isEqualTo(generated(DEFAULT, t));
    }
  }

  @Test
  void randomLongTextsOfEveryKindAreWrittenAsTheGeneratorWritesThem() throws IOException {
    Random random = new Random(17);
    char[] pool = {'a', 'Z', '0', ' ', '"', '\\', '\n', '\u0001', 'é', '€', '\uD83D', '\uDE00'};
    for (int round = 0; round < 300; round++) {
      int n = random.nextInt(round < 10 ? 20_000 : 400);
      StringBuilder b = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        b.append(
            random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : pool[random.nextInt(12)]);
      }
      String t = b.toString();
      assertThat(written(t)).isEqualTo(generated(DEFAULT, t));
    }
  }

  @Test
  void manyTextsInOneWriterGoToTheSinkInChunksWithoutLosingBytes() throws IOException {
    Buffer sink = new Buffer();
    Utf8JsonWriter w = new Utf8JsonWriter(sink);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < 2000; i++) {
      String t = i % 3 == 0 ? "\u0001\uD83D\uDE00é" + i : "plain " + i;
      w.raw(',');
      w.string(t);
      expected.write(',');
      expected.write(generated(DEFAULT, t));
    }
    w.string(null);
    expected.write("null".getBytes(StandardCharsets.US_ASCII));
    // a text longer than a chunk, with and without escapes
    String longPlain = "x".repeat(20_000);
    String longOdd = "\u0001\uD83D".repeat(5_000);
    w.string(longPlain);
    w.string(longOdd);
    expected.write(generated(DEFAULT, longPlain));
    expected.write(generated(DEFAULT, longOdd));
    w.flush();
    assertThat(sink.readByteArray()).isEqualTo(expected.toByteArray());
  }

  @Test
  void theClientMappersFactoryWritesLikeTheWriter() {
    assertThat(Utf8JsonWriter.writesLike(DEFAULT)).isTrue();
    assertThat(Utf8JsonWriter.writesLike(new JsonFactory())).isTrue();
  }

  @Test
  void factoriesThatWriteTextsOtherwiseAreToldApart() {
    for (JsonWriteFeature f :
        new JsonWriteFeature[] {
          JsonWriteFeature.ESCAPE_NON_ASCII,
          JsonWriteFeature.ESCAPE_FORWARD_SLASHES,
          JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8
        }) {
      assertThat(Utf8JsonWriter.writesLike(JsonFactory.builder().enable(f).build()))
          .as(f.name())
          .isFalse();
    }
    assertThat(
            Utf8JsonWriter.writesLike(
                JsonFactory.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build()))
        .isFalse();
    assertThat(
            Utf8JsonWriter.writesLike(
                JsonFactory.builder().disable(JsonWriteFeature.QUOTE_FIELD_NAMES).build()))
        .isFalse();
  }
}
