package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.http.ApiErrorDetails;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.InvalidRequestException;
import io.campaignrelay.core.http.NotFoundException;
import io.campaignrelay.core.http.RateLimitException;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.http.ServerException;
import io.campaignrelay.core.http.spi.ApiErrorParser.ParsedError;
import io.campaignrelay.core.http.spi.ApiErrorParser.Refusal;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.POST;

/** The default refusal rule, and a vendor parser's own verdict where it knows better. */
class RefusalVerdictTest {

  interface Api {
    @POST("send")
    Call<Map<String, Object>> send(@Body Map<String, Object> body);
  }

  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static ApiErrorDetails details(int status, String code, String message) {
    return new ApiErrorDetails("acme", "POST send", status, code, message, null, false, "");
  }

  ApiServiceException answer(ApiErrorParser parser, int status, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(status)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
    VendorProfile profile = VendorProfile.builder("acme").errorParser(parser).build();
    HttpPipeline p =
        HttpPipeline.create(
            ClientOptions.builder()
                .endpoint(server.url("/").toString())
                .retryOptions(RetryOptions.none())
                .build(),
            profile);
    return catchThrowableOfType(
        ApiServiceException.class,
        () -> p.execute(p.create(Api.class).send(Map.of()), "POST send"));
  }

  @Test
  void theThreeArgumentParsedErrorKeepsTheDefaultRule() {
    ParsedError e = new ParsedError("c", "m", "r");
    assertThat(e.refusal()).isEqualTo(Refusal.DEFAULT);
    assertThat(new ParsedError("c", "m", "r", null).refusal()).isEqualTo(Refusal.DEFAULT);
    assertThat(ParsedError.EMPTY.refusal()).isEqualTo(Refusal.DEFAULT);
    assertThat(e.requestRefused(details(400, "c", null))).isTrue();
    assertThat(e.requestRefused(details(500, "c", "m"))).isFalse();
    assertThat(e.withRefusal(true).refusal()).isEqualTo(Refusal.REFUSED);
    assertThat(e.withRefusal(true).requestRefused(details(500, null, null))).isTrue();
    assertThat(e.withRefusal(false).requestRefused(details(401, null, null))).isFalse();
    assertThat(e.withRefusal(false)).isEqualTo(new ParsedError("c", "m", "r", Refusal.NOT_REFUSED));
  }

  @Test
  void theDefaultRuleDecidesWhenTheParserGivesNoVerdict() {
    assertThat(answer(ApiErrorParser.jsonDefault(), 400, "{\"message\":\"bad phone\"}"))
        .isInstanceOf(InvalidRequestException.class)
        .extracting(ApiServiceException::requestRefused)
        .isEqualTo(true);
    assertThat(answer(ApiErrorParser.jsonDefault(), 400, "<html>proxy</html>").requestRefused())
        .isFalse();
    assertThat(
            answer(ApiErrorParser.jsonDefault(), 409, "{\"message\":\"in flight\"}")
                .requestRefused())
        .isFalse();
    assertThat(answer(ApiErrorParser.jsonDefault(), 503, "{\"message\":\"busy\"}").requestRefused())
        .isFalse();
  }

  @Test
  void aVendorParserCanDeclareARefusalTheDefaultRuleWouldMiss() {
    ApiErrorParser documented =
        (status, headers, body) ->
            ApiErrorParser.jsonDefault().parse(status, headers, body).withRefusal(true);
    ApiServiceException e = answer(documented, 503, "{\"code\":\"maintenance\"}");
    assertThat(e).isInstanceOf(ServerException.class);
    assertThat(e.requestRefused()).isTrue();
    assertThat(e.vendorCode()).contains("maintenance");
  }

  @Test
  void aVendorParserCanDenyARefusalTheDefaultRuleWouldGrant() {
    ApiErrorParser partial =
        (status, headers, body) ->
            ApiErrorParser.jsonDefault().parse(status, headers, body).withRefusal(false);
    ApiServiceException e = answer(partial, 422, "{\"message\":\"some messages invalid\"}");
    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(e.requestRefused()).isFalse();
    assertThat(e.vendorMessage()).contains("some messages invalid");
  }

  @Test
  void aParserThatReturnsNullReadsAsNothingParsed() {
    ApiServiceException e = answer((status, headers, body) -> null, 400, "{\"message\":\"x\"}");
    assertThat(e.vendorMessage()).isEmpty();
    assertThat(e.requestRefused()).isFalse();
  }

  @Test
  void everySubclassCarriesTheVerdictAndFromStatusPassesItThrough() {
    int[] statuses = {400, 401, 403, 404, 409, 410, 413, 415, 422, 429, 500, 502, 599, 418, 302};
    for (int status : statuses) {
      for (boolean verdict : new boolean[] {true, false}) {
        ApiServiceException e =
            ApiErrors.fromStatus(details(status, null, null), Duration.ofSeconds(3), verdict);
        assertThat(e.requestRefused())
            .as("status %d verdict %s", status, verdict)
            .isEqualTo(verdict);
        assertThat(e.statusCode()).isEqualTo(status);
      }
    }
    assertThat(ApiErrors.fromStatus(details(401, null, null), null, false))
        .isExactlyInstanceOf(AuthenticationException.class);
    assertThat(ApiErrors.fromStatus(details(403, null, null), null, false))
        .isExactlyInstanceOf(AuthenticationException.class);
    assertThat(ApiErrors.fromStatus(details(404, null, null), null, true))
        .isExactlyInstanceOf(NotFoundException.class);
    RateLimitException rl =
        (RateLimitException)
            ApiErrors.fromStatus(details(429, null, null), Duration.ofSeconds(3), false);
    assertThat(rl.retryAfter()).contains(Duration.ofSeconds(3));
    for (int s : new int[] {400, 409, 410, 413, 415, 422}) {
      assertThat(ApiErrors.fromStatus(details(s, null, null), null, true))
          .isExactlyInstanceOf(InvalidRequestException.class);
    }
    for (int s : new int[] {500, 599}) {
      assertThat(ApiErrors.fromStatus(details(s, null, null), null, true))
          .isExactlyInstanceOf(ServerException.class);
    }
    for (int s : new int[] {418, 499, 600, 302}) {
      assertThat(ApiErrors.fromStatus(details(s, null, null), null, true))
          .isExactlyInstanceOf(ApiServiceException.class);
    }
    assertThat(new AuthenticationException(details(401, null, null), false).requestRefused())
        .isFalse();
    assertThat(new InvalidRequestException(details(400, null, null), true).requestRefused())
        .isTrue();
    assertThat(new NotFoundException(details(404, null, null), true).requestRefused()).isTrue();
    assertThat(new ServerException(details(500, null, null), true).requestRefused()).isTrue();
    assertThat(new RateLimitException(details(429, null, null), null, false).requestRefused())
        .isFalse();
  }

  @Test
  void theTwoArgumentFromStatusAppliesTheDefaultRule() {
    assertThat(ApiErrors.fromStatus(details(401, null, null), null).requestRefused()).isTrue();
    assertThat(ApiErrors.fromStatus(details(429, null, null), null).requestRefused()).isTrue();
    assertThat(ApiErrors.fromStatus(details(400, null, "bad"), null).requestRefused()).isTrue();
    assertThat(ApiErrors.fromStatus(details(400, "c", null), null).requestRefused()).isTrue();
    assertThat(ApiErrors.fromStatus(details(400, null, null), null).requestRefused()).isFalse();
    assertThat(ApiErrors.fromStatus(details(408, null, "slow"), null).requestRefused()).isFalse();
    assertThat(ApiErrors.fromStatus(details(409, "c", "m"), null).requestRefused()).isFalse();
    assertThat(ApiErrors.fromStatus(details(500, "c", "m"), null).requestRefused()).isFalse();
    assertThat(ApiErrors.fromStatus(details(399, "c", "m"), null).requestRefused()).isFalse();
    assertThat(ApiErrors.fromStatus(details(499, "c", "m"), null).requestRefused()).isTrue();
    assertThat(new ApiServiceException(details(200, "3", "Invalid login")).requestRefused())
        .isFalse();
    assertThat(ApiErrors.isRetryableStatus(429)).isTrue();
    assertThat(ApiErrors.isRetryableStatus(501)).isFalse();
    Headers none = Headers.of();
    assertThat(none.size()).isZero();
  }
}
