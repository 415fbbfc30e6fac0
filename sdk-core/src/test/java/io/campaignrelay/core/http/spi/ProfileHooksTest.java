package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RetryOptions;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;

/** The vendor profile's hooks: authentication, and the error envelope inside a 2xx answer. */
class ProfileHooksTest {

  interface Api {
    @POST("send")
    Call<Map<String, Object>> send(@Body Map<String, Object> body);
  }

  /** A vendor whose 200 may say {@code {"ok":false,"code":"E1"}}; E1 is a documented refusal. */
  static final ErrorEnvelope OK_FALSE =
      (status, headers, body) ->
          body.contains("\"ok\":false")
              ? Optional.of(
                  new ErrorEnvelope.Found(
                      body.contains("\"auth\"") ? 401 : status,
                      new ApiErrorParser.ParsedError("E1", "refused: " + body, null)
                          .withRefusal(body.contains("E1"))))
              : Optional.empty();

  /** A vendor exception type, made by the parser's factory for envelope errors only. */
  static final class AcmeException extends ApiServiceException {
    private static final long serialVersionUID = 1L;

    AcmeException(ApiErrorDetails details, boolean refused) {
      super(details, refused);
    }
  }

  static final ApiErrorParser PARSER =
      new ApiErrorParser() {
        @Override
        public ParsedError parse(int statusCode, okhttp3.Headers headers, String body) {
          return ApiErrorParser.jsonDefault().parse(statusCode, headers, body);
        }

        @Override
        public ApiServiceException toException(Failure failure) {
          return failure.fromEnvelope() && failure.details().statusCode() == 200
              ? new AcmeException(failure.details(), failure.requestRefused())
              : ApiErrorParser.super.toException(failure);
        }
      };

  MockWebServer server;
  HttpPipeline pipeline;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    Secret key = Secret.of("key-123456");
    VendorProfile profile =
        VendorProfile.builder("acme")
            .errorParser(PARSER)
            .errorEnvelope(OK_FALSE)
            .build()
            .withAuthentication(Authentication.headers(Map.of("X-Key", key.reveal())));
    pipeline =
        HttpPipeline.create(
            ClientOptions.builder()
                .endpoint(server.url("/").toString())
                .retryOptions(RetryOptions.none())
                .build(),
            profile,
            key);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Map<String, Object> send(String answer) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(answer)
            .build());
    return pipeline.execute(pipeline.create(Api.class).send(Map.of("a", 1)), "POST send");
  }

  @Test
  void theAuthenticationHookPutsTheCredentialOnEveryRequest() throws Exception {
    send("{\"ok\":true}");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeaders().get("X-Key")).isEqualTo("key-123456");
  }

  @Test
  void aSuccessfulAnswerWithoutTheEnvelopeIsReturned() {
    assertThat(send("{\"ok\":true}")).containsEntry("ok", true);
  }

  @Test
  void anEnvelopeInA200BecomesTheVendorsExceptionWithItsVerdict() {
    AcmeException refused =
        catchThrowableOfType(AcmeException.class, () -> send("{\"ok\":false,\"code\":\"E1\"}"));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.vendorCode()).contains("E1");
    assertThat(refused.requestRefused()).isTrue();

    AcmeException unknown =
        catchThrowableOfType(AcmeException.class, () -> send("{\"ok\":false,\"code\":\"E9\"}"));
    assertThat(unknown.requestRefused()).isFalse();
  }

  @Test
  void anEnvelopeMayStandForAnotherStatusAndNeverShowsTheKey() {
    AuthenticationException e =
        catchThrowableOfType(
            AuthenticationException.class,
            () -> send("{\"ok\":false,\"auth\":\"key-123456 expired\"}"));
    assertThat(e.statusCode()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain("key-123456");
    assertThat(e.bodyExcerpt()).doesNotContain("key-123456");
  }

  @Test
  void theDetailsBuilderFillsTheRecord() {
    ApiErrorDetails d =
        ApiErrorDetails.builder().vendor("acme").operation("POST send").vendorMessage("no").build();
    assertThat(d.statusCode()).isEqualTo(200);
    assertThat(d.bodyExcerpt()).isEmpty();
    assertThat(d.toBuilder().statusCode(503).retryable(true).build())
        .extracting(ApiErrorDetails::statusCode, ApiErrorDetails::retryable)
        .containsExactly(503, true);
    assertThat(
            catchThrowableOfType(
                io.campaignrelay.core.ConfigurationException.class,
                () -> ApiErrorDetails.builder().build()))
        .extracting(e -> e.problems().size())
        .isEqualTo(2);
  }
}
