package io.campaignrelay.core.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An inbound HTTP request as a runtime's handler sees it, independent of any web framework: method,
 * path, query parameters, headers (names case-insensitive) and the raw body bytes (a signature is
 * computed over them, so they are never re-encoded). Immutable.
 */
public final class InboundRequest {
  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private InboundRequest(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method").toUpperCase(Locale.ROOT);
    this.path = Objects.requireNonNull(b.path, "path");
    this.query = freeze(b.query, new TreeMap<>());
    this.headers = freeze(b.headers, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    this.body = b.body == null ? new byte[0] : b.body;
  }

  private static Map<String, List<String>> freeze(
      Map<String, List<String>> m, TreeMap<String, List<String>> copy) {
    m.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * A builder.
   *
   * @param method the HTTP method
   * @param path the request path, without the query
   * @return a new builder
   */
  public static Builder builder(String method, String path) {
    Builder b = new Builder();
    b.method = method;
    b.path = path;
    return b;
  }

  /**
   * The method, upper case.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * The path, without the query.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * The first value of a query parameter.
   *
   * @param name the parameter
   * @return the value, if present
   */
  public Optional<String> queryParameter(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * The first value of a header.
   *
   * @param name the header, any case
   * @return the value, if present
   */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * Every value of a header.
   *
   * @param name the header, any case
   * @return the values, possibly empty
   */
  public List<String> headers(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /**
   * The raw body.
   *
   * @return a copy of the bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body's length in bytes.
   *
   * @return the length
   */
  public int bodyLength() {
    return body.length;
  }

  /**
   * The body decoded as UTF-8.
   *
   * @return the text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** No header values or body: they may hold tokens and personal data. */
  @Override
  public String toString() {
    return "InboundRequest{" + method + " " + path + ", " + body.length + " bytes}";
  }

  /** Builds an {@link InboundRequest}. Not thread-safe. */
  public static final class Builder {
    private String method;
    private String path;
    private final Map<String, List<String>> query = new TreeMap<>();
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body;

    private Builder() {}

    /**
     * Adds a query parameter value.
     *
     * @param name the parameter
     * @param value the value
     * @return this builder
     */
    public Builder queryParameter(String name, String value) {
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /**
     * Adds a header value.
     *
     * @param name the header
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /**
     * Sets the raw body.
     *
     * @param body the bytes (copied)
     * @return this builder
     */
    public Builder body(byte[] body) {
      this.body = body == null ? null : Arrays.copyOf(body, body.length);
      return this;
    }

    /**
     * Sets the body as UTF-8 text.
     *
     * @param body the text
     * @return this builder
     */
    public Builder body(String body) {
      this.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public InboundRequest build() {
      return new InboundRequest(this);
    }
  }
}
