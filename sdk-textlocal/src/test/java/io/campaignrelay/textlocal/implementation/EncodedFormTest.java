package io.campaignrelay.textlocal.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The form encoded once writes the bytes, type and length OkHttp's FormBody would. */
class EncodedFormTest {

  private static String written(RequestBody body) throws Exception {
    Buffer b = new Buffer();
    body.writeTo(b);
    assertThat(body.contentLength()).isEqualTo(b.size());
    return b.readUtf8();
  }

  private static String okhttp(String name, String value) throws Exception {
    return written(new FormBody.Builder().add(name, value).build());
  }

  private static String ours(String name, String value) throws Exception {
    return written(EncodedForm.encoder(1).field(name).value(value).toBody());
  }

  @Test
  void everyCharacterIsEncodedAsFormBodyEncodesIt() throws Exception {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c <= 0xffff; c++) {
      String s = "a" + (char) c + "b";
      assertThat(ours("data", s)).as("U+%04X", c).isEqualTo(okhttp("data", s));
      all.append((char) c);
    }
    assertThat(ours("data", all.toString())).isEqualTo(okhttp("data", all.toString()));
  }

  @Test
  void surrogatesPairedLoneAndAtTheEndAreEncodedAsFormBodyEncodesThem() throws Exception {
    for (String s :
        new String[] {
          "\ud83d\ude00",
          "x\ud83d\ude00y",
          "\ud800",
          "a\ud800",
          "\udc00",
          "\ud800\ud800\udc00",
          "\udc00\ud800",
          "\ud800x",
          "\ud800 ",
          "\udbff\udfff",
          ""
        }) {
      assertThat(ours("data", s)).as(s).isEqualTo(okhttp("data", s));
    }
  }

  @Test
  void aPairSplitBetweenTwoWritesIsStillOnePair() throws Exception {
    EncodedForm.Encoder e = EncodedForm.encoder(1).field("data");
    e.write(new char[] {'a', '\ud83d'}, 0, 2);
    e.write("\ude00b", 0, 2);
    assertThat(written(e.toBody())).isEqualTo(okhttp("data", "a\ud83d\ude00b"));
  }

  @Test
  void aLoneHighSurrogateEndsWithItsField() throws Exception {
    String form =
        written(EncodedForm.encoder(1).field("a").value("x\ud800").field("b").value("y").toBody());
    assertThat(form)
        .isEqualTo(written(new FormBody.Builder().add("a", "x\ud800").add("b", "y").build()));
  }

  @Test
  void severalFieldsAndTheContentTypeAreFormBodys() throws Exception {
    FormBody expected =
        new FormBody.Builder().add("data", "{\"a\": 1}").add("send er", "Camp+Relay%").build();
    EncodedForm actual =
        EncodedForm.encoder(4)
            .field("data")
            .value("{\"a\": 1}")
            .field("send er")
            .value("Camp+Relay%")
            .toBody();
    assertThat(written(actual)).isEqualTo(written(expected));
    assertThat(actual.contentType()).isEqualTo(expected.contentType());
    assertThat(written(actual)).as("written twice").isEqualTo(written(expected));
    assertThat(actual.toString()).doesNotContain("Relay");
  }

  @Test
  void theBulkFormIsTheFormOfTheBulkDocument() throws Exception {
    List<BulkMessage> messages = new ArrayList<>();
    String[] texts = {
      "Hi Zoë, 50% off & more: https://x.example/?a=1+2 😀",
      "Line\nbreak\ttab \"quoted\" \\ back",
      "Лена, ваш заказ готов",
      "lone \ud800 high"
    };
    for (int i = 0; i < 500; i++) {
      messages.add(
          new BulkMessage(
              PhoneNumber.ofE164("+4477009" + String.format("%05d", i)),
              texts[i % texts.length] + " #" + i,
              i % 3 == 0 ? null : "key-" + i));
    }
    BulkSendOptions options =
        new BulkSendOptions(
            "CampRelay", Instant.ofEpochSecond(1_900_000_000L), "tag:1", "https://r/", true);
    for (boolean unicode : new boolean[] {false, true}) {
      assertThat(written(JsonBodies.bulkForm(messages, options, unicode)))
          .isEqualTo(okhttp("data", JsonBodies.bulk(messages, options, unicode)));
    }
  }
}
