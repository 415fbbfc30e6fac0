package io.campaignrelay.core.http.spi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A deliberately small HTTP/1.1 server on a raw socket, written for the fault tests: for the n-th
 * request (from 0) it writes exactly the bytes the test gives, however broken, and then closes the
 * connection. It records every request it read (head and body).
 */
final class RawHttpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final IntFunction<byte[]> script;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread thread;

  RawHttpServer(IntFunction<byte[]> script) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    this.thread = new Thread(this::serve, "raw-http-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** A server answering every request with the same bytes. */
  static RawHttpServer always(String raw) throws IOException {
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    return new RawHttpServer(n -> bytes);
  }

  /** A complete response head with the given status line, headers and declared content length. */
  static String head(int status, String contentType, long contentLength) {
    return "HTTP/1.1 "
        + status
        + " X\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + contentLength
        + "\r\nConnection: close\r\n\r\n";
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/";
  }

  /** Every request read so far: its head, a blank line, and its body. */
  List<String> requests() {
    return requests;
  }

  private void serve() {
    int n = 0;
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        String request = readRequest(s.getInputStream());
        if (request == null) {
          continue;
        }
        requests.add(request);
        OutputStream out = s.getOutputStream();
        out.write(script.apply(n++));
        out.flush();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return text + new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
