package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.testkit.implementation.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import okio.BufferedSink;

/**
 * Base of the fakes' dispatchers: names the operation of each request, applies the {@link
 * FaultScript} and turns unexpected fake errors into a 500 that says so. Thread-safe. In the
 * testkit's root package, package-private: it applies the public fault scripts, and an
 * implementation class that used them would make the two packages a cycle.
 */
abstract class VendorDispatcher extends Dispatcher {
  private static final String JSON_UTF8 = "application/json; charset=utf-8";
  private volatile FaultScript faults = FaultScript.none();
  private final ConcurrentHashMap<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final List<InjectedFault> injected = new ArrayList<>();
  private final AtomicLong requests = new AtomicLong();

  /**
   * Replaces the fault script; call counts continue.
   *
   * @param script the script
   */
  public void faults(FaultScript script) {
    this.faults = script == null ? FaultScript.none() : script;
  }

  /**
   * The faults injected so far, in order.
   *
   * @return a copy
   */
  public List<InjectedFault> injectedFaults() {
    synchronized (injected) {
      return List.copyOf(injected);
    }
  }

  /**
   * How many requests reached this dispatcher.
   *
   * @return the count
   */
  public long requestCount() {
    return requests.get();
  }

  /**
   * Names the operation of a request (for fault scripts), or null when unknown.
   *
   * @param request the request
   * @return the operation name or null
   */
  protected abstract String operation(RecordedRequest request);

  /**
   * Handles a request normally.
   *
   * @param request the request
   * @param operation the operation name (may be null)
   * @return the response
   */
  protected abstract MockResponse handle(RecordedRequest request, String operation);

  /**
   * The vendor's 429 answer.
   *
   * @param retryAfter the advertised wait
   * @return the response
   */
  protected abstract MockResponse rateLimited(Duration retryAfter);

  /**
   * The vendor's 5xx answer.
   *
   * @param status the status
   * @return the response
   */
  protected abstract MockResponse serverError(int status);

  @Override
  public final MockResponse dispatch(RecordedRequest request) {
    requests.incrementAndGet();
    String op = operation(request);
    Optional<Fault> fault = Optional.empty();
    if (op != null) {
      long n =
          calls
              .computeIfAbsent(op.toLowerCase(Locale.ROOT), k -> new AtomicLong())
              .incrementAndGet();
      fault = faults.faultFor(op, n);
      fault.ifPresent(
          f -> {
            synchronized (injected) {
              injected.add(new InjectedFault(op, n, f));
            }
          });
    }
    if (fault.isPresent() && !fault.get().processesRequest()) {
      Fault f = fault.get();
      if (f.kind() == Fault.Kind.RATE_LIMITED) {
        return rateLimited(f.duration())
            .newBuilder()
            .setHeader("Retry-After", retryAfterSeconds(f.duration()))
            .build();
      }
      return serverError(f.status());
    }
    MockResponse normal = safeHandle(request, op);
    if (fault.isEmpty()) {
      return normal;
    }
    Fault f = fault.get();
    switch (f.kind()) {
      case DELAY:
        return normal
            .newBuilder()
            .headersDelay(f.duration().toMillis(), TimeUnit.MILLISECONDS)
            .build();
      case DISCONNECT_AFTER_REQUEST:
        return new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
      case TRUNCATED_BODY:
        {
          byte[] all = bodyBytes(normal);
          byte[] half = java.util.Arrays.copyOf(all, Math.max(1, all.length / 2));
          return normal
              .newBuilder()
              .body(new TruncatedBody(half, Math.max(all.length, 2)))
              .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
              .build();
        }
      case MALFORMED_BODY:
        return response(
            200,
            "application/json",
            "<html><body><h1>502 Bad Gateway</h1></body></html>{\"status\":");
      default:
        return normal;
    }
  }

  private MockResponse safeHandle(RecordedRequest request, String op) {
    try {
      return handle(request, op);
    } catch (RuntimeException e) {
      return response(
          500,
          "text/plain",
          "testkit fake failed while handling " + request.getRequestLine() + ": " + e);
    }
  }

  /**
   * The request body as UTF-8 text ("" when absent).
   *
   * @param request the request
   * @return the text
   */
  public static String bodyText(RecordedRequest request) {
    var body = request.getBody();
    return body == null ? "" : body.string(StandardCharsets.UTF_8);
  }

  /**
   * The request body bytes (empty when absent).
   *
   * @param request the request
   * @return the bytes
   */
  public static byte[] bodyBytes(RecordedRequest request) {
    var body = request.getBody();
    return body == null ? new byte[0] : body.toByteArray();
  }

  /**
   * A response with a body of the given media type.
   *
   * @param status the status
   * @param contentType the {@code Content-Type} value
   * @param body the body text
   * @return the response
   */
  public static MockResponse response(int status, String contentType, String body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", contentType)
        .body(body)
        .build();
  }

  /**
   * A response without a body.
   *
   * @param status the status
   * @return the response
   */
  public static MockResponse empty(int status) {
    return new MockResponse.Builder().code(status).build();
  }

  /**
   * A JSON response.
   *
   * @param status the status
   * @param json the body text
   * @return the response
   */
  public static MockResponse json(int status, String json) {
    return response(status, JSON_UTF8, json);
  }

  /**
   * A JSON response from a tree.
   *
   * @param status the status
   * @param json the body
   * @return the response
   */
  public static MockResponse json(int status, JsonNode json) {
    return json(status, Json.write(json));
  }

  /**
   * A JSON response from bytes.
   *
   * @param status the status
   * @param json the body
   * @return the response
   */
  protected static MockResponse json(int status, Buffer json) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", JSON_UTF8)
        .body(json)
        .build();
  }

  /**
   * Whether the request's {@code Content-Type} starts with a media type (ignoring case).
   *
   * @param request the request
   * @param mediaType e.g. {@code application/json}
   * @param whenAbsent the answer when the request has no {@code Content-Type}
   * @return true if it does
   */
  public static boolean hasContentType(
      RecordedRequest request, String mediaType, boolean whenAbsent) {
    String ct = request.getHeaders().get("Content-Type");
    return ct == null ? whenAbsent : ct.toLowerCase(Locale.ROOT).startsWith(mediaType);
  }

  /**
   * The encoded path without leading and trailing slashes, e.g. {@code messages/batch}.
   *
   * @param request the request
   * @return the trimmed path ("" for the root)
   */
  public static String trimmedPath(RecordedRequest request) {
    String p = request.getUrl().encodedPath();
    int from = 0;
    int to = p.length();
    while (from < to && p.charAt(from) == '/') {
      from++;
    }
    while (to > from && p.charAt(to - 1) == '/') {
      to--;
    }
    return p.substring(from, to);
  }

  private static String retryAfterSeconds(Duration d) {
    long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return Long.toString(s);
  }

  private static byte[] bodyBytes(MockResponse response) {
    MockResponseBody body = response.getBody();
    if (body == null) {
      return new byte[0];
    }
    Buffer b = new Buffer();
    try {
      body.writeTo(b);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return b.readByteArray();
  }

  private static final class TruncatedBody implements MockResponseBody {
    private final byte[] prefix;
    private final long announced;

    TruncatedBody(byte[] prefix, long announced) {
      this.prefix = prefix;
      this.announced = announced;
    }

    @Override
    public long getContentLength() {
      return announced;
    }

    @Override
    public void writeTo(BufferedSink sink) throws java.io.IOException {
      sink.write(prefix);
      sink.flush();
    }
  }
}
