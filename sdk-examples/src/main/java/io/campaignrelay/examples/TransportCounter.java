package io.campaignrelay.examples;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Counts the HTTP requests a client really puts on the wire, by method and path (e.g. {@code POST
 * /messages/batch}). The demo gives every SDK client an {@link OkHttpClient} carrying one of these,
 * so that "TEST mode made no call to a send endpoint" is measured at the transport, not assumed.
 * Thread-safe.
 */
final class TransportCounter implements Interceptor {

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    counts
        .computeIfAbsent(r.method() + " " + r.url().encodedPath(), k -> new AtomicLong())
        .incrementAndGet();
    return chain.proceed(r);
  }

  /**
   * An OkHttp client that counts through this counter.
   *
   * @return a new client
   */
  OkHttpClient httpClient() {
    return new OkHttpClient.Builder().addNetworkInterceptor(this).build();
  }

  /**
   * Requests of a method whose path ends with one of the given suffixes, e.g. {@code "/send/"}.
   *
   * @param method e.g. {@code POST}
   * @param pathSuffixes the endpoints
   * @return how many requests reached them
   */
  long calls(String method, String... pathSuffixes) {
    long n = 0;
    for (Map.Entry<String, AtomicLong> e : counts.entrySet()) {
      if (!e.getKey().startsWith(method + " ")) {
        continue;
      }
      String path = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      for (String s : pathSuffixes) {
        if (path.endsWith(s)) {
          n += e.getValue().get();
          break;
        }
      }
    }
    return n;
  }

  /**
   * Every request counted so far.
   *
   * @return a sorted copy: "METHOD /path" to count
   */
  Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Forgets every count. */
  void reset() {
    counts.clear();
  }
}
