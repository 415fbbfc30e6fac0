package io.campaignrelay.testkit.implementation;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The fakes' own HTTP client for calls they make (listener notifications, webhooks). */
public final class Outbound implements AutoCloseable {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client =
      new OkHttpClient.Builder()
          .connectTimeout(Duration.ofSeconds(5))
          .readTimeout(Duration.ofSeconds(10))
          .retryOnConnectionFailure(false)
          .build();

  /**
   * POSTs JSON.
   *
   * @param url the target
   * @param body the exact bytes
   * @param headers extra headers
   * @return the status code, or -1 when the call failed at the connection level
   */
  public int postJson(String url, byte[] body, Map<String, String> headers) {
    Request.Builder rb = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    headers.forEach(rb::header);
    try (Response r = client.newCall(rb.build()).execute()) {
      return r.code();
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
