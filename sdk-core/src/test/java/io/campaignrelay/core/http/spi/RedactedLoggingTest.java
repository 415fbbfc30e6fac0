package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.HttpLogOptions;
import io.campaignrelay.core.http.InvalidRequestException;
import io.campaignrelay.core.http.RetryOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Query;

/** Captures the real SLF4J output at TRACE and checks that no secret reaches it. */
class RedactedLoggingTest {

  interface Api {
    @GET("items")
    Call<Map<String, Object>> list(
        @Header("X-API-KEY") String apiKey,
        @Header("Authorization") String auth,
        @Query("apikey") String queryKey,
        @Query("page") int page);

    @FormUrlEncoded
    @POST("send/")
    Call<Map<String, Object>> send(
        @Field("apikey") String apiKey,
        @Field("username") String user,
        @Field("hash") String hash,
        @Field("password") String password,
        @Field("sender") String sender);

    @POST("saveEvent")
    Call<Map<String, Object>> save(
        @Header("x-optimove-signature-content") String signature, @Body Map<String, Object> body);
  }

  static final String KEY = "KEY-aaaa1111";
  static final String BEARER = "Bearer tok-bbbb2222";
  static final String HASH = "HASH-cccc3333";
  static final String PASSWORD = "PASS-dddd4444";
  static final String TENANT_TOKEN = "TENANT-eeee5555";
  static final String SIGNATURE = "SIG-ffff6666";

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

  Api api() {
    VendorProfile profile =
        VendorProfile.builder("acme").secretNames("username").loggableParameters("sender").build();
    ClientOptions options =
        ClientOptions.builder()
            .endpoint(server.url("/").toString())
            .logOptions(HttpLogOptions.builder().addAllowedParameter("page").build())
            .retryOptions(RetryOptions.none())
            .build();
    return HttpPipeline.create(options, profile).create(Api.class);
  }

  HttpPipeline pipeline() {
    VendorProfile profile = VendorProfile.builder("acme").secretNames("username").build();
    return HttpPipeline.create(
        ClientOptions.builder()
            .endpoint(server.url("/").toString())
            .retryOptions(RetryOptions.none())
            .build(),
        profile);
  }

  String log() {
    System.out.flush();
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void traceIsActuallyOnForTheSdkLoggers() {
    assertThat(LoggerFactory.getLogger("io.campaignrelay.acme.http").isTraceEnabled()).isTrue();
  }

  @Test
  void headersAndQueryParametersWithSecretsAreRedactedAtTrace() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body("{\"apiKey\":\"" + KEY + "\",\"items\":[]}")
            .build());

    api().list(KEY, BEARER, KEY, 2).execute();

    String log = log();
    assertThat(log).contains("GET", "/items", "page=2", "-> 200", "attempt 1", "apikey=****");
    assertThat(log).contains("X-API-KEY: ****", "Authorization: ****");
    assertThat(log).doesNotContain(KEY, "tok-bbbb2222");
    assertThat(server.takeRequest().getHeaders().get("X-API-KEY")).isEqualTo(KEY);
  }

  @Test
  void formCredentialsAreRedactedAndOnlyAllowListedFieldsPrint() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body("{\"status\":\"success\"}")
            .build());

    api().send(KEY, "ops-user", HASH, PASSWORD, "SHOP").execute();

    String log = log();
    assertThat(log).contains("sender=SHOP", "apikey=****", "hash=****", "password=****");
    assertThat(log).doesNotContain(KEY, HASH, PASSWORD, "ops-user");
  }

  @Test
  void jsonBodiesLoseTheirSecretFieldsAndSignatureHeadersAreRedacted() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/json")
            .body("{\"tenantToken\":\"" + TENANT_TOKEN + "\"}")
            .build());

    api()
        .save(
            SIGNATURE,
            Map.of(
                "tenantToken",
                TENANT_TOKEN,
                "password",
                PASSWORD,
                "event",
                "x",
                "to",
                "+447700900123"))
        .execute();

    String log = log();
    assertThat(log).contains("\"event\":\"x\"", "\"tenantToken\":\"****\"");
    assertThat(log).doesNotContain(TENANT_TOKEN, PASSWORD, SIGNATURE, "447700900123");
    assertThat(log).contains("\"to\":\"****\"");
  }

  @Test
  void errorMessagesAndBodyExcerptsCarryNoSecrets() {
    server.enqueue(
        new MockResponse.Builder()
            .code(400)
            .addHeader("Content-Type", "application/json")
            .body("{\"message\":\"bad\",\"apiKey\":\"" + KEY + "\"}")
            .build());
    HttpPipeline p = pipeline();

    Throwable t =
        catchThrowable(
            () -> p.execute(p.create(Api.class).send(KEY, "u", HASH, PASSWORD, "S"), "POST send/"));

    assertThat(t).isInstanceOf(InvalidRequestException.class);
    assertThat(t.getMessage()).doesNotContain(KEY, HASH, PASSWORD);
    assertThat(((ApiServiceException) t).bodyExcerpt()).contains("\"apiKey\":\"****\"");
    assertThat(((ApiServiceException) t).bodyExcerpt()).doesNotContain(KEY);
    assertThat(log()).doesNotContain(KEY, HASH, PASSWORD);
  }
}
