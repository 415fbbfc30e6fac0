package io.campaignrelay.testkit.implementation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Request parameters from a query string and/or an {@code application/x-www-form-urlencoded} body,
 * in order, with exact and case-insensitive lookup.
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
   * URL-decodes (form rules: {@code +} is a space); malformed escapes are kept literally.
   *
   * @param s the text
   * @return the decoded text
   */
  public static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
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
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
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
