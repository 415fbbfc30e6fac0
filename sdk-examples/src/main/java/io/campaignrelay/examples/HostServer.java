package io.campaignrelay.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.campaignrelay.core.runtime.InboundRequest;
import io.campaignrelay.core.runtime.InboundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The demo's stand-in for a host application's web endpoints: the URL registered as Optimove's
 * event listener and the URL Delivyr posts webhooks to. A JDK {@link HttpServer} on the loopback
 * interface; each route hands the raw body and one header to a {@link Route} that answers a status.
 */
final class HostServer implements AutoCloseable {

  /** Handles one POST. */
  @FunctionalInterface
  interface Route {
    /**
     * Handles a request.
     *
     * @param body the raw body, as received
     * @param header the value of the route's header, or null
     * @return the HTTP status to answer
     */
    int handle(String body, String header);
  }

  private final HttpServer server;
  private final ExecutorService executor;

  private HostServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts a server on a free loopback port.
   *
   * @return the server
   */
  static HostServer start() {
    // without TCP_NODELAY every answer waits for the client's delayed ACK (tens of ms per webhook)
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService executor = Executors.newSingleThreadExecutor(HostServer::daemon);
      server.setExecutor(executor);
      server.start();
      return new HostServer(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for the demo's listener", e);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "demo-host-server");
    t.setDaemon(true);
    return t;
  }

  /**
   * Adds a POST route.
   *
   * @param path e.g. {@code /delivyr/webhooks}
   * @param headerName the header passed to the route, or null
   * @param route the handler
   * @return the route's absolute URL
   */
  String route(String path, String headerName, Route route) {
    server.createContext(
        path,
        exchange -> {
          try (exchange) {
            int status;
            if (!"POST".equals(exchange.getRequestMethod())) {
              status = 405;
            } else {
              String body = read(exchange);
              String header =
                  headerName == null ? null : exchange.getRequestHeaders().getFirst(headerName);
              try {
                status = route.handle(body, header);
              } catch (RuntimeException e) {
                status = 500;
              }
            }
            byte[] answer = (status < 300 ? "ok" : "refused").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream o = exchange.getResponseBody()) {
              o.write(answer);
            }
          }
        });
    return baseUrl() + path;
  }

  /**
   * Mounts one of a runtime's framework-neutral handlers on a path: the raw request (method, path,
   * query parameters, headers, body) goes in as an {@link InboundRequest}, the handler's status and
   * JSON body go back. This is all the web glue a host needs for the runtimes.
   *
   * @param path e.g. {@code /optimove/events}
   * @param handler the runtime's handler
   * @return the route's absolute URL
   */
  String mount(String path, Function<InboundRequest, InboundResponse> handler) {
    server.createContext(
        path,
        exchange -> {
          try (exchange) {
            InboundRequest.Builder b =
                InboundRequest.builder(
                        exchange.getRequestMethod(), exchange.getRequestURI().getPath())
                    .body(exchange.getRequestBody().readAllBytes());
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
              int eq = pair.indexOf('=');
              if (eq > 0) {
                b.queryParameter(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
              }
            }
            exchange.getRequestHeaders().forEach((n, vs) -> vs.forEach(v -> b.header(n, v)));
            InboundResponse answer;
            try {
              answer = handler.apply(b.build());
            } catch (RuntimeException e) {
              exchange.sendResponseHeaders(500, -1);
              return;
            }
            byte[] json = answer.jsonBody();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), json.length == 0 ? -1 : json.length);
            if (json.length > 0) {
              try (OutputStream o = exchange.getResponseBody()) {
                o.write(json);
              }
            }
          }
        });
    return baseUrl() + path;
  }

  private static String read(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The server's base URL.
   *
   * @return e.g. {@code http://127.0.0.1:53211}
   */
  String baseUrl() {
    InetSocketAddress a = server.getAddress();
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  /**
   * Answers a raw POST to one of this server's routes, as a third party would (used to show that a
   * forged webhook is refused).
   *
   * @param url the route URL
   * @param body the body
   * @param headerName a header to send
   * @param headerValue its value
   * @return the status answered
   */
  static int post(String url, String body, String headerName, String headerValue) {
    try {
      java.net.HttpURLConnection c =
          (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty(headerName, headerValue);
      try (OutputStream o = c.getOutputStream()) {
        o.write(body.getBytes(StandardCharsets.UTF_8));
      }
      int status = c.getResponseCode();
      c.disconnect();
      return status;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the demo's own listener at " + url, e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
