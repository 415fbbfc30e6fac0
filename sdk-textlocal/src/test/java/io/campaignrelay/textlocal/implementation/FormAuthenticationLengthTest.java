package io.campaignrelay.textlocal.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The credentialed form declares exactly the length it writes, counted without a copy. */
class FormAuthenticationLengthTest {

  private static RequestBody sent(FormBody form) throws Exception {
    Map<String, String> credential = new LinkedHashMap<>();
    credential.put("apikey", "k3y/with+odd=chars&");
    AtomicReference<RequestBody> seen = new AtomicReference<>();
    OkHttpClient client =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain ->
                    chain.proceed(new FormAuthentication(credential).authenticate(chain.request())))
            .addInterceptor(
                chain -> {
                  seen.set(chain.request().body());
                  return new Response.Builder()
                      .request(chain.request())
                      .protocol(Protocol.HTTP_1_1)
                      .code(200)
                      .message("OK")
                      .body(ResponseBody.create("", null))
                      .build();
                })
            .build();
    Request request = new Request.Builder().url("http://127.0.0.1:9/send/").post(form).build();
    try (Response r = client.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
    return seen.get();
  }

  @Test
  void theDeclaredLengthIsTheWrittenLength() throws Exception {
    FormBody form =
        new FormBody.Builder()
            .add(
                "data",
                "{\"messages\":[{\"number\":447700900123,\"text\":\"Zoë 😀 50% off & more\"}]}")
            .add("sender", "Camp Relay")
            .addEncoded("raw", "caf\u00e9\ud83d\ude00\ud800x")
            .build();

    RequestBody body = sent(form);
    Buffer written = new Buffer();
    body.writeTo(written);

    assertThat(body.contentLength()).isEqualTo(written.size());
    assertThat(written.readUtf8()).startsWith("apikey=").contains("&data=").contains("&sender=");
  }

  @Test
  void anEmptyFormCarriesTheCredentialOnly() throws Exception {
    RequestBody body = sent(new FormBody.Builder().build());
    Buffer written = new Buffer();
    body.writeTo(written);

    assertThat(body.contentLength()).isEqualTo(written.size());
    assertThat(written.readUtf8()).startsWith("apikey=").doesNotContain("&");
  }

  @Test
  void utf8LengthCountsAsOkioWrites() {
    for (String s :
        new String[] {"", "abc", "é", "€", "😀", "\ud800", "a\udc00b", "x\ud83d\ude00y"}) {
      Buffer b = new Buffer().writeUtf8(s);
      assertThat(FormAuthentication.utf8Length(s)).as(s).isEqualTo(b.size());
    }
  }
}
