package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Plain OkHttp calls for the tests (deliberately not the SDK clients). */
final class Http {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final MediaType JSON = MediaType.get("application/json");
  static final OkHttpClient CLIENT =
      new OkHttpClient.Builder()
          .retryOnConnectionFailure(false)
          .readTimeout(Duration.ofSeconds(10))
          .build();

  record Reply(int code, String body, okhttp3.Headers headers) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(body, e);
      }
    }
  }

  private Http() {}

  static Reply form(String url, Map<String, String> params) {
    FormBody.Builder fb = new FormBody.Builder();
    params.forEach(fb::add);
    return call(new Request.Builder().url(url).post(fb.build()).build());
  }

  static Reply get(String url, Map<String, String> headers) {
    Request.Builder rb = new Request.Builder().url(url).get();
    headers.forEach(rb::header);
    return call(rb.build());
  }

  static Reply send(String method, String url, String json, Map<String, String> headers) {
    RequestBody body = json == null ? null : RequestBody.create(json, JSON);
    Request.Builder rb = new Request.Builder().url(url).method(method, body);
    headers.forEach(rb::header);
    return call(rb.build());
  }

  static Reply call(Request request) {
    return call(CLIENT, request);
  }

  static Reply call(OkHttpClient client, Request request) {
    try (Response r = client.newCall(request).execute()) {
      return new Reply(r.code(), r.body().string(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
