package io.campaignrelay.testkit.implementation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Request parameters from a query string and/or an {@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data} body, in order, with exact and case-insensitive lookup.
 */
public final class Form {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private Form() {}

  /**
   * Parses and merges encoded parameter strings (later ones add to earlier ones).
   *
   * @param encoded strings like {@code a=1&b=2}; null entries are skipped
   * @return the parameters
   */
  public static Form parse(String... encoded) {
    Form f = new Form();
    for (String s : encoded) {
      if (s == null || s.isEmpty()) {
        continue;
      }
      for (String pair : s.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        f.values.computeIfAbsent(decode(k), x -> new ArrayList<>()).add(decode(v));
      }
    }
    return f;
  }

  /**
   * URL-decodes with form rules ({@code +} is a space) the way PHP's {@code urldecode} does: a
   * {@code %} not followed by two hex digits is kept literally, and bytes are read as UTF-8.
   *
   * @param s the text
   * @return the decoded text
   */
  public static String decode(String s) {
    return percentDecode(s, true);
  }

  /**
   * Percent-decodes like PHP's {@code rawurldecode} ({@code +} stays a plus); a {@code %} not
   * followed by two hex digits is kept literally.
   *
   * @param s the text
   * @return the decoded text
   */
  public static String rawDecode(String s) {
    return percentDecode(s, false);
  }

  private static String percentDecode(String s, boolean plusIsSpace) {
    if (s == null || s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
      return s;
    }
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '+' && plusIsSpace) {
        out.write(' ');
      } else if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  /**
   * Percent-decodes text that contains at least one valid {@code %XX} escape (PHP {@code
   * rawurldecode}: {@code +} stays a plus); other text is returned unchanged.
   *
   * @param s the text
   * @return the decoded text
   */
  public static String rawDecodeIfEncoded(String s) {
    if (s == null || !s.matches("(?s).*%[0-9A-Fa-f]{2}.*")) {
      return s;
    }
    return rawDecode(s);
  }

  /**
   * Parses the parameters of a request: the query string, then the body when it is {@code
   * application/x-www-form-urlencoded} (or has no {@code Content-Type}) or {@code
   * multipart/form-data} (each part's name and raw value, as PHP's cURL sends an array).
   *
   * @param encodedQuery the encoded query string, or null
   * @param contentType the body's {@code Content-Type}, or null
   * @param body the body bytes, or null
   * @return the parameters
   */
  public static Form parseRequest(String encodedQuery, String contentType, byte[] body) {
    String ct = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
    if (ct.startsWith("multipart/form-data")) {
      Form f = parse(encodedQuery);
      for (Map.Entry<String, String> part : Multipart.parse(contentType, body)) {
        f.values.computeIfAbsent(part.getKey(), x -> new ArrayList<>()).add(part.getValue());
      }
      return f;
    }
    boolean formBody = ct.isEmpty() || ct.startsWith("application/x-www-form-urlencoded");
    String text =
        formBody && body != null && body.length > 0
            ? new String(body, StandardCharsets.UTF_8)
            : null;
    return parse(encodedQuery, text);
  }

  /**
   * The first value of a parameter (exact name).
   *
   * @param name the name
   * @return the value, or empty
   */
  public Optional<String> first(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * The first value of a parameter, ignoring the case of the name.
   *
   * @param name the name
   * @return the value, or empty
   */
  public Optional<String> firstIgnoreCase(String name) {
    Optional<String> exact = first(name);
    if (exact.isPresent()) {
      return exact;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(lower) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a parameter is present (exact name).
   *
   * @param name the name
   * @return true if present
   */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * A parameter read as a boolean the way PHP-style APIs do: {@code true}, {@code 1}, {@code yes}
   * and {@code on} are true.
   *
   * @param name the name
   * @return the value, false when absent
   */
  public boolean flag(String name) {
    return first(name)
        .map(v -> v.trim().toLowerCase(Locale.ROOT))
        .map(v -> v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("on"))
        .orElse(false);
  }

  /**
   * The names present, in order.
   *
   * @return the names
   */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }
}
