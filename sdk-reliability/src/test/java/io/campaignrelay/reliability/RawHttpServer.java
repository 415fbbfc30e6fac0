package io.campaignrelay.reliability;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP/1.1 server on a raw {@link ServerSocket}, written for the fault matrix: each answer
 * says not only what to send but how the bytes leave the socket (whole, cut after n bytes with a
 * FIN or a reset, chunked and cut, a reset instead of any answer, or never answered), which
 * MockWebServer cannot express for every fault. One request per connection ({@code Connection:
 * close}).
 */
final class RawHttpServer implements Closeable {

  /** Answers one request. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Request request);
  }

  /** A parsed request. */
  record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body) {

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as an {@code application/x-www-form-urlencoded} form. */
    Map<String, String> form() {
      return parseForm(bodyText());
    }
  }

  /** How the answer's bytes leave the socket. */
  enum Wire {
    /** Status, headers and the whole body, then close. */
    WHOLE,
    /** The whole body in chunked transfer encoding. */
    CHUNKED,
    /** Content-Length of the whole body, only the first {@code cut} bytes, then a FIN. */
    CUT_THEN_CLOSE,
    /** Content-Length of the whole body, only the first {@code cut} bytes, then a reset. */
    CUT_THEN_RESET,
    /** Chunked, the first {@code cut} bytes as one chunk, then a FIN (no last chunk). */
    CHUNKED_CUT,
    /** No answer at all: a TCP reset. */
    RESET,
    /** No answer: hold the connection until the client gives up (its read timeout). */
    HANG
  }

  /** One answer. */
  record Reply(
      int status,
      String contentType,
      byte[] body,
      Wire wire,
      int cut,
      Map<String, String> headers) {

    static Reply json(int status, String json) {
      return new Reply(
          status,
          "application/json",
          json.getBytes(StandardCharsets.UTF_8),
          Wire.WHOLE,
          0,
          Map.of());
    }

    static Reply of(int status, String contentType, String body) {
      return new Reply(
          status, contentType, body.getBytes(StandardCharsets.UTF_8), Wire.WHOLE, 0, Map.of());
    }

    static Reply reset() {
      return new Reply(0, null, new byte[0], Wire.RESET, 0, Map.of());
    }

    static Reply hang() {
      return new Reply(0, null, new byte[0], Wire.HANG, 0, Map.of());
    }

    Reply wire(Wire w, int cutAt) {
      return new Reply(status, contentType, body, w, cutAt, headers);
    }

    Reply header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, contentType, body, wire, cut, h);
    }
  }

  private final ServerSocket socket;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "raw-http");
            t.setDaemon(true);
            return t;
          });
  private final Handler handler;
  private volatile boolean closed;

  RawHttpServer(Handler handler) throws IOException {
    this.handler = handler;
    this.socket = new ServerSocket();
    this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    threads.execute(this::acceptLoop);
  }

  /** The base URL, ending with a slash. */
  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/";
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      Request request = read(in);
      if (request == null) {
        return;
      }
      Reply reply = handler.handle(request);
      write(s, reply);
    } catch (IOException | RuntimeException e) {
      // the client went away or sent garbage: nothing to answer
    }
  }

  private static Request read(InputStream in) throws IOException {
    String requestLine = line(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    String h;
    while ((h = line(in)) != null && !h.isEmpty()) {
      int colon = h.indexOf(':');
      headers.put(
          h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
        if (size == 0) {
          line(in);
          break;
        }
        out.write(in.readNBytes(size));
        line(in);
      }
      body = out.toByteArray();
    } else {
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      body = in.readNBytes(length);
    }
    String target = parts[1];
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    Map<String, String> query = q < 0 ? Map.of() : parseForm(target.substring(q + 1));
    return new Request(parts[0], path, query, headers, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      return null;
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  static Map<String, String> parseForm(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    if (s.isEmpty()) {
      return out;
    }
    for (String pair : s.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void write(Socket s, Reply r) throws IOException {
    OutputStream out = s.getOutputStream();
    switch (r.wire()) {
      case RESET -> {
        reset(s);
        return;
      }
      case HANG -> {
        try {
          while (s.getInputStream().read() != -1) {
            // wait for the client to close
          }
        } catch (SocketTimeoutException | SocketException e) {
          // gave up or reset by the client
        }
        return;
      }
      default -> {}
    }
    boolean chunked = r.wire() == Wire.CHUNKED || r.wire() == Wire.CHUNKED_CUT;
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ")
        .append(r.status())
        .append(' ')
        .append(reason(r.status()))
        .append("\r\n");
    if (r.contentType() != null) {
      head.append("Content-Type: ").append(r.contentType()).append("\r\n");
    }
    for (Map.Entry<String, String> e : r.headers().entrySet()) {
      head.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
    }
    if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n");
    } else {
      head.append("Content-Length: ").append(r.body().length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    byte[] body = r.body();
    switch (r.wire()) {
      case WHOLE -> out.write(body);
      case CHUNKED -> {
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < body.length; i += 64) {
          chunks.add(java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + 64)));
        }
        for (byte[] c : chunks) {
          writeChunk(out, c);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      case CHUNKED_CUT -> {
        writeChunk(out, java.util.Arrays.copyOfRange(body, 0, Math.min(r.cut(), body.length)));
        out.flush();
        // half of the next chunk's header and nothing more
        out.write("4".getBytes(StandardCharsets.ISO_8859_1));
      }
      case CUT_THEN_CLOSE, CUT_THEN_RESET -> out.write(body, 0, Math.min(r.cut(), body.length));
      default -> throw new IllegalStateException(r.wire().name());
    }
    out.flush();
    if (r.wire() == Wire.CUT_THEN_RESET) {
      reset(s);
    } else {
      s.shutdownOutput();
      // let the client read what was sent before the socket goes away
      try {
        while (s.getInputStream().read() != -1) {
          // drain until the client closes
        }
      } catch (IOException e) {
        // closed
      }
    }
  }

  private static void writeChunk(OutputStream out, byte[] c) throws IOException {
    out.write((Integer.toHexString(c.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(c);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 409 -> "Conflict";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
    threads.shutdownNow();
  }
}
