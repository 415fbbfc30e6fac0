package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.HttpLogOptions;
import io.campaignrelay.core.http.InvalidRequestException;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.http.UnreadableResponseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Query;

/**
 * A vendor that echoes the credential back (in an error body, a plain-text line, a success body)
 * must not get it into exception messages, vendor messages, excerpts or TRACE lines. The server
 * here echoes what it was sent; the log is the real slf4j-simple output at TRACE.
 */
class ValueRedactionTest {

  static final String KEY = "live-KEY/9+x y=z";
  static final String TOKEN = "tok_ABCdef123456";

  interface Api {
    @POST("messages")
    Call<Map<String, Object>> send(
        @Header("Authorization") String auth, @Body Map<String, Object> b);

    @FormUrlEncoded
    @POST("send/")
    Call<Map<String, Object>> form(@Field("apikey") String key, @Field("message") String m);

    @GET("balance")
    Call<Map<String, Object>> balance(@Query("token") String token);

    @GET("plain")
    Call<Map<String, Object>> plain();
  }

  MockWebServer server;
  PrintStream originalOut;
  ByteArrayOutputStream captured;

  @BeforeEach
  void setUp() throws IOException {
    server = new MockWebServer();
    server.start();
    originalOut = System.out;
    captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    System.setOut(originalOut);
    server.close();
  }

  String log() {
    System.out.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }

  HttpPipeline pipeline(Secret... secrets) {
    return HttpPipeline.create(
        ClientOptions.builder()
            .endpoint(server.url("/").toString())
            .retryOptions(RetryOptions.none())
            .build(),
        VendorProfile.builder("echo").build(),
        secrets);
  }

  static String[] forms(String v) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    return new String[] {
      v,
      URLEncoder.encode(v, StandardCharsets.UTF_8),
      URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"),
      Base64.getEncoder().encodeToString(b),
      Base64.getUrlEncoder().withoutPadding().encodeToString(b),
      v.replace("/", "\\/")
    };
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void aBearerKeyEchoedInAnErrorBodyIsRemovedEverywhere() {
    server.enqueue(
        json(401, "{\"error\":\"bad token Bearer " + KEY + "\",\"code\":\"" + KEY + "\"}"));
    HttpPipeline p = pipeline(Secret.of(KEY));

    AuthenticationException e =
        catchThrowableOfType(
            AuthenticationException.class,
            () -> p.execute(p.create(Api.class).send("Bearer " + KEY, Map.of()), "POST messages"));

    assertThat(e.getMessage()).contains("bad token Bearer ****").doesNotContain(KEY);
    assertThat(e.vendorMessage()).contains("bad token Bearer ****");
    assertThat(e.vendorCode()).contains("****");
    assertThat(e.bodyExcerpt()).doesNotContain(KEY).contains("Bearer ****");
    assertThat(log()).contains("<-- 401").doesNotContain(KEY);
  }

  @Test
  void everyEncodedFormOfTheKeyIsRemovedFromExcerptsAndTraceLines() {
    StringBuilder echo = new StringBuilder("{\"detail\":\"");
    for (String f : forms(KEY)) {
      echo.append(f.replace("\"", "\\\"")).append(" | ");
    }
    echo.append("\"}");
    server.enqueue(json(400, echo.toString()));
    HttpPipeline p = pipeline(Secret.of(KEY));

    InvalidRequestException e =
        catchThrowableOfType(
            InvalidRequestException.class,
            () -> p.execute(p.create(Api.class).send("Bearer x", Map.of()), "POST messages"));

    String log = log();
    for (String f : forms(KEY)) {
      assertThat(e.bodyExcerpt()).as(f).doesNotContain(f);
      assertThat(log).as(f).doesNotContain(f);
    }
    assertThat(e.bodyExcerpt()).contains("****");
  }

  @Test
  void aCredentialTheClientWasNotToldAboutIsStillLearnedFromTheRequest() {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String auth = request.getHeaders().get("Authorization");
            String form = request.getBody() == null ? "" : request.getBody().utf8();
            String query = request.getUrl().queryParameter("token");
            return new MockResponse.Builder()
                .code(403)
                .addHeader("Content-Type", "text/plain; charset=UTF-8")
                .body(
                    "denied for "
                        + auth
                        + " "
                        + query
                        + " "
                        + form
                        + " "
                        + Base64.getEncoder()
                            .encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)))
                .build();
          }
        });
    HttpPipeline p = pipeline();
    Api api = p.create(Api.class);

    AuthenticationException bearer =
        catchThrowableOfType(
            AuthenticationException.class,
            () -> p.execute(api.send("Bearer " + TOKEN, Map.of()), "POST messages"));
    AuthenticationException query =
        catchThrowableOfType(
            AuthenticationException.class, () -> p.execute(api.balance(TOKEN), "GET balance"));
    AuthenticationException form =
        catchThrowableOfType(
            AuthenticationException.class, () -> p.execute(api.form(TOKEN, "hi"), "POST send/"));

    for (ApiServiceException e : new ApiServiceException[] {bearer, query, form}) {
      assertThat(e.getMessage()).contains("denied for").doesNotContain(TOKEN);
      assertThat(e.vendorMessage()).isPresent();
      assertThat(e.vendorMessage().get()).doesNotContain(TOKEN);
      assertThat(e.bodyExcerpt()).doesNotContain(TOKEN).startsWith("denied for").contains("****");
      assertThat(e.bodyExcerpt())
          .doesNotContain(
              Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(log()).contains("denied for").doesNotContain(TOKEN);
  }

  @Test
  void aBasicCredentialIsRemovedWholeAndByItsParts() {
    String basic =
        Base64.getEncoder()
            .encodeToString(("ops@shop.test:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    server.enqueue(
        json(401, "{\"message\":\"no user ops@shop.test:" + TOKEN + " / " + basic + "\"}"));
    HttpPipeline p = pipeline();

    AuthenticationException e =
        catchThrowableOfType(
            AuthenticationException.class,
            () -> p.execute(p.create(Api.class).send("Basic " + basic, Map.of()), "POST"));

    assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(basic);
    assertThat(log()).doesNotContain(TOKEN).doesNotContain(basic);
  }

  @Test
  void aKeyEchoedInASuccessfulBodyNeverReachesTheTraceLog() {
    server.enqueue(json(200, "{\"echo\":\"" + KEY + "\",\"note\":\"key " + TOKEN + "\"}"));
    HttpPipeline p = pipeline(Secret.of(KEY), null, Secret.of(TOKEN));

    p.execute(p.create(Api.class).send("Bearer " + KEY, Map.of("to", "x")), "POST messages");

    assertThat(log()).contains("<-- 200", "\"echo\":\"****\"").doesNotContain(KEY, TOKEN);
  }

  @Test
  void anUnreadableSuccessKeepsNoKeyInItsExcerptOrMessage() {
    server.enqueue(json(200, "Unrecognized " + KEY + " {"));
    HttpPipeline p = pipeline(Secret.of(KEY));

    UnreadableResponseException e =
        catchThrowableOfType(
            UnreadableResponseException.class,
            () -> p.execute(p.create(Api.class).send("Bearer " + KEY, Map.of()), "POST messages"));

    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("live-KEY");
    assertThat(e.bodyExcerpt()).doesNotContain(KEY).startsWith("Unrecognized ****");
  }

  @Test
  void theRedactMethodAndExcerptUseTheKnownValues() {
    HttpPipeline p = pipeline(Secret.of(KEY));
    assertThat(p.redact("key " + KEY + " apikey=abc charset=UTF-8"))
        .isEqualTo("key **** apikey=**** charset=UTF-8");
    assertThat(p.redact(null)).isNull();
    assertThat(p.redact("")).isEmpty();
    assertThat(p.excerpt("x " + KEY)).isEqualTo("x ****");
    assertThat(pipeline().redact("plain text")).isEqualTo("plain text");
  }

  @Test
  void veryShortValuesAreNotSearchedFor() {
    assertThat(Redactor.forms("abc")).isEmpty();
    assertThat(Redactor.forms(null)).isEmpty();
    assertThat(Redactor.forms("abcd")).contains("abcd", "YWJjZA==", "YWJjZA");
    Redactor r =
        new Redactor(VendorProfile.builder("x").build(), HttpLogOptions.defaults(), Set.of("abc"));
    assertThat(r.values("abc abc", Set.of())).isEqualTo("abc abc");
  }

  @Test
  void theLongestFormIsRemovedWhole() {
    Redactor r =
        new Redactor(
            VendorProfile.builder("x").build(),
            HttpLogOptions.defaults(),
            Set.of("abcd", "abcdefgh"));
    assertThat(r.values("[abcdefgh] [abcd]", Set.of())).isEqualTo("[****] [****]");
    assertThat(r.values("[wxyz1] [abcd]", Set.of("wxyz", "wxyz1"))).isEqualTo("[****] [****]");
    Headers h = Headers.of("X-Trace", "abcd");
    assertThat(r.headers(h, Set.of())).contains("X-Trace: ****");
  }
}
