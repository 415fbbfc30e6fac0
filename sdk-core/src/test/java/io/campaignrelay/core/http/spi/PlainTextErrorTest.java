package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.InvalidRequestException;
import io.campaignrelay.core.http.RetryOptions;
import java.io.IOException;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;

/** A plain-text (or HTML) explanation of a 4xx reaches the exception message, redacted, bounded. */
class PlainTextErrorTest {

  interface Api {
    @GET("things")
    Call<Map<String, Object>> get();
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

  ApiServiceException answer(int status, String contentType, String body) {
    MockResponse.Builder b = new MockResponse.Builder().code(status).body(body);
    if (contentType != null) {
      b.addHeader("Content-Type", contentType);
    }
    server.enqueue(b.build());
    HttpPipeline p =
        HttpPipeline.create(
            ClientOptions.builder()
                .endpoint(server.url("/").toString())
                .retryOptions(RetryOptions.none())
                .build(),
            VendorProfile.builder("acme").build());
    return catchThrowableOfType(
        ApiServiceException.class, () -> p.execute(p.create(Api.class).get(), "GET things"));
  }

  @Test
  void theFirstLineOfAPlainText4xxBecomesTheVendorMessage() {
    ApiServiceException e =
        answer(
            415,
            "text/plain; charset=UTF-8",
            "\n  Unsupported media type: use application/json; charset=UTF-8  \nsecond line");

    assertThat(e.vendorMessage())
        .contains("Unsupported media type: use application/json; charset=UTF-8");
    assertThat(e.getMessage())
        .isEqualTo(
            "acme GET things failed: HTTP 415, Unsupported media type: use application/json;"
                + " charset=UTF-8");
    assertThat(e.bodyExcerpt()).contains("charset=UTF-8", "second line").doesNotContain("****");
  }

  @Test
  void aTextExplanationIsNotARefusalByItself() {
    ApiServiceException e = answer(400, "text/plain", "Bad Request");
    assertThat(e.vendorMessage()).contains("Bad Request");
    assertThat(e.requestRefused()).isFalse();
  }

  @Test
  void secretPairsInTheLineAreMaskedAndTheLineIsBounded() {
    String longLine = "invalid apikey=abc123def password=hunter22 " + "x".repeat(400);
    ApiServiceException e = answer(400, "text/plain", longLine);
    String m = e.vendorMessage().orElseThrow();
    assertThat(m).startsWith("invalid apikey=**** password=**** xxx").endsWith("...");
    assertThat(m).hasSize(HttpPipeline.EXPLANATION_LIMIT + 3);
    assertThat(e.bodyExcerpt()).doesNotContain("abc123def", "hunter22");
  }

  @Test
  void aLineOfExactlyTheLimitIsKeptWhole() {
    String line = "y".repeat(HttpPipeline.EXPLANATION_LIMIT);
    assertThat(answer(400, "text/plain", line).vendorMessage()).contains(line);
  }

  @Test
  void anHtmlPageGivesItsTitleOrNothing() {
    ApiServiceException titled =
        answer(
            403,
            "text/html",
            "<!DOCTYPE html><html><head><TITLE>  403\n Forbidden </TITLE></head><body>x</body>");
    assertThat(titled.vendorMessage()).contains("403 Forbidden");
    ApiServiceException untitled = answer(404, "text/html", "<html><body>gone</body></html>");
    assertThat(untitled.vendorMessage()).isEmpty();
    ApiServiceException guessed = answer(404, null, "<html><title>Gone</title></html>");
    assertThat(guessed.vendorMessage()).contains("Gone");
    ApiServiceException emptyTitle = answer(404, null, "<html><title> </title></html>");
    assertThat(emptyTitle.vendorMessage()).isEmpty();
  }

  @Test
  void jsonAndEmptyBodiesAreLeftToTheParser() {
    assertThat(answer(400, "application/json", "{\"x\":1}").vendorMessage()).isEmpty();
    assertThat(answer(400, "application/json", "[1]").vendorMessage()).isEmpty();
    assertThat(answer(400, "application/json", "\"bad phone\"").vendorMessage())
        .contains("bad phone");
    assertThat(answer(400, "text/plain", "  \n ").vendorMessage()).isEmpty();
    assertThat(answer(400, "text/plain", "").vendorMessage()).isEmpty();
  }

  @Test
  void aFormBodyIsStillRedactedAsAForm() {
    ApiServiceException byType =
        answer(400, "application/x-www-form-urlencoded", "error=bad&to=447700900123");
    assertThat(byType.bodyExcerpt()).isEqualTo("error=****&to=****");
    ApiServiceException guessed = answer(400, null, "error=bad&to=447700900123");
    assertThat(guessed.bodyExcerpt()).isEqualTo("error=****&to=****");
    ApiServiceException text = answer(400, "text/plain", "error=bad&to=447700900123");
    assertThat(text.bodyExcerpt()).isEqualTo("error=bad&to=447700900123");
  }

  @Test
  void aPublicToExceptionCallReadsTheSameWay() {
    HttpPipeline p =
        HttpPipeline.create(
            ClientOptions.builder().endpoint("http://localhost/").build(),
            VendorProfile.builder("acme").build());
    ApiServiceException e =
        p.toException(
            "POST x", 422, Headers.of("Content-Type", "text/plain", "Retry-After", "4"), "Nope");
    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(e.vendorMessage()).contains("Nope");
    assertThat(p.toException("POST x", 400, Headers.of(), null).bodyExcerpt()).isEmpty();
    assertThat(p.excerpt(null)).isEmpty();
    assertThat(p.excerpt("z".repeat(600))).hasSize(515).endsWith("...");
    assertThat(p.excerpt("z".repeat(512))).hasSize(512);
  }
}
