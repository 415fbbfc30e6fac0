package io.campaignrelay.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;

/**
 * A minimal in-process HTTP server on 127.0.0.1 that answers the three calls of the end-to-end
 * benchmark the way the vendors (and the sdk-testkit fakes) do, in constant memory:
 *
 * <ul>
 *   <li>Optimove {@code GET .../GetCustomerExecutionDetailsByCampaign} with {@code $top}/{@code
 *       $skip}: pages of a synthetic campaign of N customers, each row with three attributes (phone
 *       number first), a promotion code and the template id, written straight to the socket;
 *   <li>TextLocal {@code POST bulk_json/} (form: {@code apikey}, {@code data}): one accepted entry
 *       per message with its id and recipient, as TextLocal answers; {@code POST send/}: a small
 *       single-send answer (used by the logging benchmark);
 *   <li>Delivyr {@code POST messages/batch} (Bearer key, {@code Idempotency-Key}): one {@code
 *       queued} result per message, echoing its {@code clientReference}.
 * </ul>
 *
 * <p>Unlike the testkit fakes it keeps nothing per message (the fakes keep every message for
 * assertions, which at a million messages would weigh more than the whole heap under test) and it
 * does not parse JSON: it scans the request bytes for the numbers and references it must echo. It
 * checks each vendor's credential and counts requests, messages and bytes so that the SDK run and
 * the raw baseline can be shown to make the same calls.
 *
 * <p><b>Latency.</b> {@link #latency(Duration)} adds a fixed delay to every answer, of every
 * vendor, errors included: the handler reads the whole request, then waits, then writes the answer,
 * as a remote server would look from the client across a network. The wait parks only the handler's
 * own thread, and handlers run on a pool that grows with the requests in flight, so N concurrent
 * requests all wait at the same time (the server never serializes them). The waits actually made
 * are counted per vendor ({@link Traffic#toString()} prints their mean).
 */
final class LoopbackVendorServer implements AutoCloseable {

  static final String OPTIMOVE_KEY = "bench-optimove-key";
  static final String TEXTLOCAL_KEY = "bench-textlocal-key";
  static final String DELIVYR_KEY = "bench-delivyr-key";
  static final String SCHEDULE_TIME = "2026-11-22 10:00:00";
  static final long ACTION_ID = 77;

  private static final byte[] NUMBER = "number".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REFERENCE =
      "\"clientReference\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] REFERENCE_FORM =
      "clientReference".getBytes(StandardCharsets.US_ASCII);

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile long customers;
  private volatile long latencyNanos;
  private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);
  private final AtomicLong nextId = new AtomicLong(1_000_000_000L);

  /** Counters of one vendor's traffic. */
  static final class Traffic {
    final LongAdder requests = new LongAdder();
    final LongAdder items = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder delayNanos = new LongAdder();

    /**
     * The sum of a CRC-32 of each request (body, and the request line's path and query, and the
     * {@code Idempotency-Key}): the same for two runs that made the same requests, in any order.
     */
    final LongAdder requestChecksum = new LongAdder();

    void reset() {
      requestChecksum.reset();
      requests.reset();
      items.reset();
      bytesIn.reset();
      bytesOut.reset();
      delayNanos.reset();
    }

    @Override
    public String toString() {
      return requests.sum()
          + " requests, "
          + items.sum()
          + " items, "
          + bytesIn.sum() / 1024
          + " KiB in, "
          + bytesOut.sum() / 1024
          + " KiB out"
          + (delayNanos.sum() == 0
              ? ""
              : String.format(
                  java.util.Locale.ROOT,
                  ", %.1f ms added per answer",
                  delayNanos.sum() / 1e6 / Math.max(1, requests.sum())));
    }
  }

  final Traffic optimove = new Traffic();
  final Traffic textLocal = new Traffic();
  final Traffic delivyr = new Traffic();

  private LoopbackVendorServer(long customers, int coreThreads) throws IOException {
    this.customers = customers;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // A thread per request in flight: with latency, a handler waits before it answers, and N
    // requests in flight must wait together. Threads beyond the core ones (and their buffers) go
    // after a minute idle.
    this.executor =
        new ThreadPoolExecutor(
            coreThreads,
            Integer.MAX_VALUE,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "loopback-vendor-server");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/optimove/", this::optimove);
    server.createContext("/textlocal/", this::textLocal);
    server.createContext("/delivyr/", this::delivyr);
    server.start();
  }

  /**
   * Starts a server for a campaign.
   *
   * @param customers how many customers the campaign targets
   * @return the running server
   * @throws IOException if the loopback port cannot be bound
   */
  static LoopbackVendorServer start(long customers) throws IOException {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: about 40 ms per request, which would hide everything the benchmark measures.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    // The JDK server closes a keep-alive connection idle for 30 s. The benchmark leaves one side's
    // pooled connections idle while the other side runs (often longer than that), and the SDK does
    // not retry a request on a connection the server closed (retryOnConnectionFailure is off, so
    // that a send is never repeated blindly): its next page read met 4 dead connections in a row
    // and failed the run. Keep them for an hour; see BENCHMARKS.md, issue #17.
    System.setProperty("sun.net.httpserver.idleInterval", "3600");
    return new LoopbackVendorServer(customers, 2);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  String optimoveUrl() {
    return baseUrl() + "optimove/";
  }

  String textLocalUrl() {
    return baseUrl() + "textlocal/";
  }

  String delivyrUrl() {
    return baseUrl() + "delivyr/";
  }

  long customers() {
    return customers;
  }

  /**
   * Sets the delay added to every answer from now on.
   *
   * @param latency the delay between reading a request and writing its answer; zero for none
   */
  void latency(Duration latency) {
    this.latencyNanos = latency.toNanos();
  }

  /**
   * The delay added to every answer.
   *
   * @return the latency
   */
  Duration latency() {
    return Duration.ofNanos(latencyNanos);
  }

  void customers(long customers) {
    this.customers = customers;
  }

  void resetCounters() {
    optimove.reset();
    textLocal.reset();
    delivyr.reset();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------------------------ Optimove

  private void optimove(HttpExchange ex) throws IOException {
    try {
      handleOptimove(ex);
    } finally {
      ex.close();
    }
  }

  private void handleOptimove(HttpExchange ex) throws IOException {
    optimove.requests.increment();
    drain(ex, optimove);
    optimove.requestChecksum.add(checksum(ex, null, 0));
    pause(optimove);
    if (!OPTIMOVE_KEY.equals(ex.getRequestHeaders().getFirst("X-API-KEY"))) {
      respond(ex, optimove, 401, "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String path = ex.getRequestURI().getPath();
    if (!path.endsWith("/GetCustomerExecutionDetailsByCampaign")) {
      respond(
          ex, optimove, 404, "{\"message\":\"no such function\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    long top = 10_000;
    long skip = 0;
    String query = ex.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = pair.substring(eq + 1);
        if (name.equals("$top")) {
          top = Long.parseLong(value);
        } else if (name.equals("$skip")) {
          skip = Long.parseLong(value);
        }
      }
    }
    long end = Math.min(customers, skip + top);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(200, 0); // chunked: the page is streamed, never held
    Buffers b = buffers.get();
    Ascii out = b.out;
    out.reset(ex.getResponseBody());
    out.put('[');
    for (long i = skip; i < end; i++) {
      if (i > skip) {
        out.put(',');
      }
      out.put("{\"CustomerID\":\"C").padded(i + 1, 7);
      out.put("\",\"ActionID\":").number(ACTION_ID);
      out.put(",\"TemplateID\":").number(Workload.TEMPLATE_ID);
      out.put(",\"PromoCode\":\"").put(Workload.PROMO_CODE);
      out.put("\",\"ScheduleTime\":\"").put(SCHEDULE_TIME);
      out.put("\",\"CustomerAttributes\":[\"+4477").padded(i + 1, 8);
      out.put("\",\"").put(Workload.firstName(i));
      out.put("\",\"").put(Workload.tier(i)).put("\"]}");
    }
    out.put(']');
    optimove.bytesOut.add(out.finish());
    optimove.items.add(Math.max(0, end - skip));
  }

  // ----------------------------------------------------------------------------------- TextLocal

  private void textLocal(HttpExchange ex) throws IOException {
    try {
      handleTextLocal(ex);
    } finally {
      ex.close();
    }
  }

  private void handleTextLocal(HttpExchange ex) throws IOException {
    textLocal.requests.increment();
    Buffers b = buffers.get();
    int n = readBody(ex, b, textLocal);
    textLocal.requestChecksum.add(checksum(ex, b.in, n));
    pause(textLocal);
    byte[] body = b.in;
    String prefix = "apikey=" + TEXTLOCAL_KEY + "&";
    if (!startsWith(body, n, prefix)) {
      respond(
          ex,
          textLocal,
          200,
          "{\"errors\":[{\"code\":3,\"message\":\"Invalid login details\"}],\"status\":\"failure\"}"
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    String path = ex.getRequestURI().getPath();
    if (path.endsWith("/send/")) {
      textLocal.items.increment();
      long id = nextId.incrementAndGet();
      respond(
          ex,
          textLocal,
          200,
          ("{\"balance\":9999,\"batch_id\":"
                  + id
                  + ",\"cost\":1,\"num_messages\":1,\"message\":{\"num_parts\":1,\"sender\":"
                  + "\"CampRelay\",\"content\":\"Hi\"},\"receipt_url\":\"\",\"custom\":\"\","
                  + "\"messages\":[{\"id\":\""
                  + (id + 1)
                  + "\",\"recipient\":447700000001}],\"status\":\"success\"}")
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!path.endsWith("/bulk_json/")) {
      respond(ex, textLocal, 404, "{\"status\":\"failure\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    long[] numbers = b.numbers;
    int count = 0;
    int from = prefix.length();
    while (true) {
      int at = indexOf(body, n, NUMBER, from);
      if (at < 0) {
        break;
      }
      int p = at + NUMBER.length;
      // skip the closing quote and the colon, raw or form-encoded, and an opening quote
      while (p < n && !isDigit(body[p])) {
        if (body[p] == '%') {
          p += 3;
        } else if (body[p] == '"' || body[p] == ':' || body[p] == ' ' || body[p] == '+') {
          p++;
        } else {
          break;
        }
      }
      long v = 0;
      int digits = 0;
      while (p < n && isDigit(body[p])) {
        v = v * 10 + (body[p] - '0');
        p++;
        digits++;
      }
      if (digits > 0) {
        if (count == numbers.length) {
          numbers = b.numbers = Arrays.copyOf(numbers, count * 2);
        }
        numbers[count++] = v;
      }
      from = p;
    }
    if (count == 0) {
      respond(
          ex,
          textLocal,
          200,
          "{\"errors\":[{\"code\":4,\"message\":\"No recipients specified.\"}],\"status\":\"failure\"}"
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    long batch = nextId.incrementAndGet();
    long first = nextId.getAndAdd(count) + 1;
    Ascii out = b.out;
    out.reset(null);
    out.put("{\"test_mode\":false,\"batch_id\":").number(batch);
    out.put(",\"total_cost\":").number(count);
    out.put(",\"balance_post_send\":1000000,\"messages\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.put(',');
      }
      out.put("{\"batch_id\":").number(batch);
      out.put(",\"num_parts\":1,\"cost\":1,\"messages\":[{\"id\":\"").number(first + i);
      out.put("\",\"recipient\":").number(numbers[i]).put("}]}");
    }
    out.put("],\"messages_not_sent\":[],\"status\":\"success\"}");
    textLocal.items.add(count);
    respondBuffered(ex, textLocal, out);
  }

  // ------------------------------------------------------------------------------------- Delivyr

  private void delivyr(HttpExchange ex) throws IOException {
    try {
      handleDelivyr(ex);
    } finally {
      ex.close();
    }
  }

  private void handleDelivyr(HttpExchange ex) throws IOException {
    delivyr.requests.increment();
    Buffers b = buffers.get();
    int n = readBody(ex, b, delivyr);
    delivyr.requestChecksum.add(checksum(ex, b.in, n));
    pause(delivyr);
    if (!("Bearer " + DELIVYR_KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      respond(
          ex,
          delivyr,
          401,
          "{\"error\":{\"code\":\"unauthorized\",\"message\":\"bad key\"}}"
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!ex.getRequestURI().getPath().endsWith("/messages/batch")
        || ex.getRequestHeaders().getFirst("Idempotency-Key") == null) {
      respond(
          ex,
          delivyr,
          400,
          "{\"error\":{\"code\":\"invalid_request\",\"message\":\"POST messages/batch with an"
              .concat(" Idempotency-Key\"}}")
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] body = b.in;
    Ascii out = b.out;
    out.reset(null);
    out.put("{\"results\":[");
    int count = 0;
    int from = 0;
    while (true) {
      int at = indexOf(body, n, REFERENCE, from);
      if (at < 0) {
        break;
      }
      int start = at + REFERENCE.length;
      int end = start;
      while (end < n && body[end] != '"') {
        end++;
      }
      if (count > 0) {
        out.put(',');
      }
      out.put("{\"clientReference\":\"").bytes(body, start, end - start);
      out.put("\",\"id\":\"msg_").number(nextId.incrementAndGet());
      out.put("\",\"status\":\"queued\",\"rejection\":null}");
      count++;
      from = end;
    }
    out.put("]}");
    if (count == 0 && indexOf(body, n, REFERENCE_FORM, 0) >= 0) {
      throw new IOException("clientReference written in an unexpected form");
    }
    delivyr.items.add(count);
    respondBuffered(ex, delivyr, out);
  }

  // ------------------------------------------------------------------------------------- helpers

  private static long checksum(HttpExchange ex, byte[] body, int n) {
    CRC32 crc = new CRC32();
    crc.update(ex.getRequestURI().toString().getBytes(StandardCharsets.UTF_8));
    String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
    if (key != null) {
      crc.update(key.getBytes(StandardCharsets.UTF_8));
    }
    if (body != null) {
      crc.update(body, 0, n);
    }
    return crc.getValue();
  }

  /**
   * Waits the configured latency on this handler's thread, after the request was read and before
   * any of the answer is written. Parks until the deadline (a single sleep may wake early).
   */
  private void pause(Traffic t) throws IOException {
    long delay = latencyNanos;
    if (delay <= 0) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + delay;
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while adding latency");
      }
    }
    t.delayNanos.add(System.nanoTime() - start);
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean startsWith(byte[] body, int n, String prefix) {
    if (n < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (body[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] body, int n, byte[] needle, int from) {
    byte first = needle[0];
    int last = n - needle.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (body[i] != first) {
        continue;
      }
      for (int k = 1; k < needle.length; k++) {
        if (body[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void drain(HttpExchange ex, Traffic t) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] skip = new byte[512];
      int r;
      while ((r = in.read(skip)) > 0) {
        t.bytesIn.add(r);
      }
    }
  }

  private static int readBody(HttpExchange ex, Buffers b, Traffic t) throws IOException {
    int n = 0;
    try (InputStream in = ex.getRequestBody()) {
      while (true) {
        if (n == b.in.length) {
          b.in = Arrays.copyOf(b.in, b.in.length * 2);
        }
        int r = in.read(b.in, n, b.in.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    }
    t.bytesIn.add(n);
    return n;
  }

  private static void respond(HttpExchange ex, Traffic t, int status, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
    t.bytesOut.add(body.length);
  }

  private static void respondBuffered(HttpExchange ex, Traffic t, Ascii out) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(200, out.pos);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out.buf, 0, out.pos);
    }
    t.bytesOut.add(out.pos);
  }

  /** Per-thread buffers, reused across requests. */
  private static final class Buffers {
    byte[] in = new byte[256 * 1024];
    long[] numbers = new long[1024];
    final Ascii out = new Ascii();
  }

  /**
   * Writes ASCII into a reusable buffer; with a sink it flushes whenever the buffer fills, without
   * one it grows.
   */
  private static final class Ascii {
    byte[] buf = new byte[128 * 1024];
    int pos;
    long flushed;
    OutputStream sink;

    void reset(OutputStream sink) {
      this.sink = sink;
      this.pos = 0;
      this.flushed = 0;
    }

    private void ensure(int more) throws IOException {
      if (pos + more <= buf.length) {
        return;
      }
      if (sink != null) {
        sink.write(buf, 0, pos);
        flushed += pos;
        pos = 0;
        if (more <= buf.length) {
          return;
        }
      }
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }

    Ascii put(char c) throws IOException {
      ensure(1);
      buf[pos++] = (byte) c;
      return this;
    }

    Ascii put(String s) throws IOException {
      int len = s.length();
      ensure(len);
      for (int i = 0; i < len; i++) {
        buf[pos++] = (byte) s.charAt(i);
      }
      return this;
    }

    Ascii bytes(byte[] src, int off, int len) throws IOException {
      ensure(len);
      System.arraycopy(src, off, buf, pos, len);
      pos += len;
      return this;
    }

    Ascii number(long v) throws IOException {
      ensure(20);
      if (v == 0) {
        buf[pos++] = '0';
        return this;
      }
      int start = pos;
      long x = v;
      while (x > 0) {
        buf[pos++] = (byte) ('0' + (x % 10));
        x /= 10;
      }
      reverse(start, pos - 1);
      return this;
    }

    Ascii padded(long v, int width) throws IOException {
      ensure(Math.max(width, 20));
      int start = pos;
      long x = v;
      int digits = 0;
      do {
        buf[pos++] = (byte) ('0' + (x % 10));
        x /= 10;
        digits++;
      } while (x > 0);
      while (digits < width) {
        buf[pos++] = '0';
        digits++;
      }
      reverse(start, pos - 1);
      return this;
    }

    private void reverse(int i, int j) {
      while (i < j) {
        byte t = buf[i];
        buf[i++] = buf[j];
        buf[j--] = t;
      }
    }

    /** Flushes what is left to the sink and closes it; returns the bytes written. */
    long finish() throws IOException {
      long total = flushed + pos;
      if (sink != null) {
        sink.write(buf, 0, pos);
        sink.close();
        pos = 0;
      }
      return total;
    }
  }
}
