package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.http.HttpLogOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** What the redactor prints and what it learns from a request, case by case. */
class RedactorTest {

  final Redactor redactor =
      new Redactor(
          VendorProfile.builder("acme").secretNames("Pin").loggableParameters("sender").build(),
          HttpLogOptions.builder().addAllowedHeader("X-Trace").addAllowedParameter("page").build(),
          List.of("known-value-1"));

  @Test
  void secretNamesAreRecognisedExactlyOrByFragment() {
    for (String n : List.of("pin", "PIN", "hash", "key", "pass", "x-api-key", "X-Auth-Token")) {
      assertThat(redactor.isSecret(n)).as(n).isTrue();
    }
    for (String n : List.of("keys", "page", "charset", "hashtag-free", "sender")) {
      assertThat(redactor.isSecret(n)).as(n).isFalse();
    }
  }

  @Test
  void onlyAllowListedNonSecretHeadersPrintTheirValuesAndThoseLoseKnownValues() {
    Headers h =
        Headers.of(
            "X-Trace", "t-1 known-value-1",
            "Content-Type", "application/json",
            "X-Other", "o",
            "Authorization", "Bearer x");
    assertThat(redactor.headers(h, Set.of("t-1 ")))
        .isEqualTo(
            "\n  X-Trace: ****known-value-1".replace("known-value-1", "****")
                + "\n  Content-Type: application/json\n  X-Other: ****\n  Authorization: ****");
    assertThat(redactor.headers(Headers.of())).isEmpty();
    Redactor allowsAuth =
        new Redactor(
            VendorProfile.builder("acme").build(),
            HttpLogOptions.builder().addAllowedHeader("Authorization").build());
    assertThat(allowsAuth.headers(Headers.of("Authorization", "Bearer x")))
        .isEqualTo("\n  Authorization: ****");
  }

  @Test
  void urlsKeepAllowListedParametersAndLoseEverythingElse() {
    HttpUrl url = HttpUrl.get("https://api.test/v1/items?page=2&apikey=k&other=o&sender=SHOP&flag");
    assertThat(redactor.url(url))
        .isEqualTo("https://api.test/v1/items?page=2&apikey=****&other=****&sender=SHOP&flag");
    assertThat(redactor.url(HttpUrl.get("https://api.test/known-value-1/x")))
        .isEqualTo("https://api.test/****/x");
    assertThat(redactor.url(HttpUrl.get("https://api.test/p?page=known-value-1")))
        .isEqualTo("https://api.test/p?page=****");
    assertThat(
            redactor.url(HttpUrl.get("https://api.test/p?page=abc-secret"), Set.of("abc-secret")))
        .isEqualTo("https://api.test/p?page=****");
  }

  @Test
  void formsPrintOnlyAllowListedNonSecretValues() {
    FormBody form =
        new FormBody.Builder()
            .add("sender", "SHOP")
            .add("pin", "1234")
            .add("message", "hi")
            .add("page", "known-value-1")
            .build();
    assertThat(redactor.form(form)).isEqualTo("sender=SHOP&pin=****&message=****&page=****");
    assertThat(redactor.form(new FormBody.Builder().build())).isEmpty();
  }

  @Test
  void bodiesLoseSecretAndPersonalFieldsButKeepTheRest() {
    assertThat(
            redactor.body(
                "{\"pin\":\"1\",\"to\":\"+447700900123\",\"n\":5,\"ok\":true,\"apiKey\":42}",
                false))
        .isEqualTo("{\"pin\":\"****\",\"to\":\"****\",\"n\":5,\"ok\":true,\"apiKey\":\"****\"}");
    assertThat(redactor.body("sender=SHOP&numbers=4477&page=2", true))
        .isEqualTo("sender=SHOP&numbers=****&page=2");
    assertThat(redactor.body("a=b token=t1 x=pin=2", false)).isEqualTo("a=b token=**** x=pin=2");
    assertThat(redactor.text("no pairs here", Set.of())).isEqualTo("no pairs here");
    assertThat(redactor.text(null, Set.of())).isNull();
  }

  @Test
  void aRequestTeachesTheValuesOfItsSecretHeadersParametersAndFields() {
    String basic =
        Base64.getEncoder().encodeToString("user@x.test:pw-5678".getBytes(StandardCharsets.UTF_8));
    Request r =
        new Request.Builder()
            .url("https://api.test/x?token=tok-1234&page=2")
            .header("Authorization", "Bearer bear-1234")
            .header("X-Api-Key", "basic-key-1")
            .header("Proxy-Authorization", "Basic " + basic)
            .header("X-Other", "visible-1")
            .post(new FormBody.Builder().add("hash", "hash-1234").add("message", "m-12345").build())
            .build();
    Set<String> learned = redactor.harvest(r);
    assertThat(learned)
        .contains(
            "tok-1234",
            "bear-1234",
            "Bearer bear-1234",
            "basic-key-1",
            "user@x.test:pw-5678",
            "pw-5678",
            basic,
            "hash-1234")
        .doesNotContain("visible-1", "m-12345", "2", "known-value-1");
    assertThat(redactor.harvest(null)).isEmpty();
    Request notBasic =
        new Request.Builder()
            .url("https://api.test/")
            .header("Authorization", "Basic !!notbase64")
            .header("X-Auth", "Digest nocolon-here")
            .build();
    assertThat(redactor.harvest(notBasic)).contains("!!notbase64", "Basic !!notbase64");
    Request noColon =
        new Request.Builder()
            .url("https://api.test/")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("justatoken".getBytes(StandardCharsets.UTF_8)))
            .build();
    assertThat(redactor.harvest(noColon)).contains("justatoken");
    Request colonFirst =
        new Request.Builder()
            .url("https://api.test/")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(":pass-only".getBytes(StandardCharsets.UTF_8)))
            .build();
    assertThat(redactor.harvest(colonFirst)).contains("pass-only", ":pass-only");
  }

  @Test
  void formDetectionNeedsAWholeFormWithoutSpaces() {
    assertThat(Redactor.looksLikeForm("a=1&b=2")).isTrue();
    assertThat(Redactor.looksLikeForm(" a=1 ")).isTrue();
    assertThat(Redactor.looksLikeForm("a=1&b")).isFalse();
    assertThat(Redactor.looksLikeForm("use charset=UTF-8")).isFalse();
    assertThat(Redactor.looksLikeForm("{\"a\":\"b=c\"}")).isFalse();
    assertThat(Redactor.looksLikeForm("[a=b]")).isFalse();
  }
}
