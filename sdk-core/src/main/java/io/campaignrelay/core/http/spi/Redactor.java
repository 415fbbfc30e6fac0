package io.campaignrelay.core.http.spi;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.HttpLogOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okio.Buffer;

/**
 * Decides what may be printed. A name is secret when the vendor profile says so or when it looks
 * like a credential; a value prints only when its name is allow-listed and not secret.
 *
 * <p>On top of the names, the known secret values are removed wherever they appear (a vendor that
 * echoes the credential in an error body, {@code "bad token Bearer <key>"}): the values the client
 * was built with, plus the values of secret-named headers, query parameters and form fields of the
 * request at hand; each also in its URL-encoded and Base64 forms. Values shorter than {@value
 * #MIN_VALUE_LENGTH} characters are not searched for (they would mask ordinary text).
 */
final class Redactor {

  private static final String[] SECRET_FRAGMENTS = {
    "authorization",
    "apikey",
    "api_key",
    "api-key",
    "password",
    "passwd",
    "secret",
    "token",
    "signature",
    "credential",
    "cookie"
  };
  private static final Set<String> EXACT_SECRETS = Set.of("hash", "key", "pass", "x-api-key");

  /**
   * JSON fields holding personal data (phone numbers, e-mail addresses): redacted in bodies unless
   * allow-listed with {@link HttpLogOptions.Builder#addAllowedParameter(String)}.
   */
  private static final Set<String> PERSONAL_FIELDS =
      Set.of(
          "to",
          "from",
          "phone",
          "phonenumber",
          "phone_number",
          "number",
          "numbers",
          "msisdn",
          "mobile",
          "mobilenumber",
          "mobile_number",
          "email",
          "recipient",
          "recipients");

  private static final Pattern JSON_STRING_FIELD =
      Pattern.compile("\"([A-Za-z0-9_\\-]+)\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]\\s]+)");
  private static final Pattern FORM_PAIR = Pattern.compile("([^&=]+)=([^&]*)");

  /** A whole body in form syntax: {@code a=1&b=2}, no white space. */
  private static final Pattern FORM_BODY =
      Pattern.compile("[^=&\\s]+=[^&\\s]*(?:&[^=&\\s]+=[^&\\s]*)*");

  /** A {@code name=value} pair inside free text, e.g. {@code "invalid apikey=abc"}. */
  private static final Pattern TEXT_PAIR =
      Pattern.compile("(?<![A-Za-z0-9_.\\-])([A-Za-z0-9_.\\-]+)=([^&\\s;,\"'<>]*)");

  private static final Pattern AUTH_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\s+(\\S+)");

  static final int MIN_VALUE_LENGTH = 4;

  private static final Comparator<String> LONGEST_FIRST =
      Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder());

  private final Set<String> secretNames;
  private final Set<String> allowedHeaders;
  private final Set<String> allowedParameters;
  private final List<String> knownValues;

  Redactor(VendorProfile profile, HttpLogOptions options) {
    this(profile, options, List.of());
  }

  Redactor(VendorProfile profile, HttpLogOptions options, Collection<String> secretValues) {
    this.knownValues = sortedForms(secretValues);
    this.secretNames = profile.secretNames();
    this.allowedHeaders = options.allowedHeaders();
    Set<String> params = new HashSet<>(options.allowedParameters());
    params.addAll(profile.loggableParameters());
    this.allowedParameters = Set.copyOf(params);
  }

  boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (secretNames.contains(n) || EXACT_SECRETS.contains(n)) {
      return true;
    }
    for (String f : SECRET_FRAGMENTS) {
      if (n.contains(f)) {
        return true;
      }
    }
    return false;
  }

  private boolean isPersonal(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return PERSONAL_FIELDS.contains(n) && !allowedParameters.contains(n);
  }

  private boolean headerPrints(String name) {
    return !isSecret(name) && allowedHeaders.contains(name.toLowerCase(Locale.ROOT));
  }

  private boolean parameterPrints(String name) {
    return !isSecret(name) && allowedParameters.contains(name.toLowerCase(Locale.ROOT));
  }

  String url(HttpUrl url) {
    return url(url, Set.of());
  }

  String url(HttpUrl url, Set<String> extra) {
    if (url.querySize() == 0) {
      return values(url.toString(), extra);
    }
    HttpUrl.Builder b = url.newBuilder().query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      b.addQueryParameter(name, value == null || parameterPrints(name) ? value : Secret.REDACTED);
    }
    return values(b.build().toString(), extra);
  }

  String headers(Headers headers) {
    return headers(headers, Set.of());
  }

  String headers(Headers headers, Set<String> extra) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      sb.append("\n  ")
          .append(name)
          .append(": ")
          .append(headerPrints(name) ? values(headers.value(i), extra) : Secret.REDACTED);
    }
    return sb.toString();
  }

  String form(FormBody form) {
    return form(form, Set.of());
  }

  String form(FormBody form, Set<String> extra) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < form.size(); i++) {
      if (i > 0) {
        sb.append('&');
      }
      String name = form.name(i);
      sb.append(name)
          .append('=')
          .append(parameterPrints(name) ? values(form.value(i), extra) : Secret.REDACTED);
    }
    return sb.toString();
  }

  /**
   * Redacts a body whose structure is unknown: JSON fields and form pairs whose names are secret
   * lose their values. Form pairs that are not allow-listed are redacted too. In any other text, a
   * {@code name=value} pair loses its value when the name is secret (so {@code charset=UTF-8}
   * stays). Known secret values are removed everywhere.
   */
  String body(String text, boolean formEncoded) {
    return body(text, formEncoded, Set.of());
  }

  String body(String text, boolean formEncoded, Set<String> extra) {
    return values(fields(text, formEncoded), extra);
  }

  /** Whether a body of unknown type is a whole form ({@code a=1&b=2}). */
  static boolean looksLikeForm(String text) {
    String t = text.trim();
    return !t.startsWith("{") && !t.startsWith("[") && FORM_BODY.matcher(t).matches();
  }

  /** Free text (an error message, a first line): secret-named pairs and known values removed. */
  String text(String text, Set<String> extra) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return values(textPairs(text), extra);
  }

  private String fields(String text, boolean formEncoded) {
    if (formEncoded) {
      Matcher m = FORM_PAIR.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String name = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        String replacement =
            m.group(1) + "=" + (parameterPrints(name) ? m.group(2) : Secret.REDACTED);
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    Matcher m = JSON_STRING_FIELD.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement =
          isSecret(m.group(1)) || isPersonal(m.group(1))
              ? "\"" + m.group(1) + "\":\"" + Secret.REDACTED + "\""
              : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return textPairs(sb.toString());
  }

  private String textPairs(String text) {
    if (text.indexOf('=') < 0) {
      return text;
    }
    Matcher m = TEXT_PAIR.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement = isSecret(m.group(1)) ? m.group(1) + "=" + Secret.REDACTED : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Removes the known secret values and the extra ones (already expanded) from a text. */
  String values(String text, Set<String> extra) {
    if (text == null || text.isEmpty() || (knownValues.isEmpty() && extra.isEmpty())) {
      return text;
    }
    String out = text;
    for (String v : knownValues) {
      out = out.replace(v, Secret.REDACTED);
    }
    if (!extra.isEmpty()) {
      List<String> more = new ArrayList<>(extra);
      more.sort(LONGEST_FIRST);
      for (String v : more) {
        out = out.replace(v, Secret.REDACTED);
      }
    }
    return out;
  }

  /**
   * The secret values a request carries: those of secret-named headers (and the credential after an
   * authentication scheme such as {@code Bearer}, and the parts of a Basic credential), query
   * parameters and form fields. Expanded with {@link #forms(String)}.
   */
  Set<String> harvest(Request request) {
    if (request == null) {
      return Set.of();
    }
    Set<String> found = new HashSet<>();
    Headers headers = request.headers();
    for (int i = 0; i < headers.size(); i++) {
      if (isSecret(headers.name(i))) {
        addHeaderValue(headers.value(i), found);
      }
    }
    HttpUrl url = request.url();
    for (int i = 0; i < url.querySize(); i++) {
      String value = url.queryParameterValue(i);
      if (value != null && isSecret(url.queryParameterName(i))) {
        found.add(value);
      }
    }
    if (request.body() instanceof FormBody form) {
      for (int i = 0; i < form.size(); i++) {
        if (isSecret(form.name(i))) {
          found.add(form.value(i));
        }
      }
    }
    Set<String> expanded = new HashSet<>();
    for (String v : found) {
      expanded.addAll(forms(v));
    }
    expanded.removeAll(knownValues);
    return expanded;
  }

  private static void addHeaderValue(String value, Set<String> found) {
    found.add(value);
    Matcher m = AUTH_SCHEME.matcher(value.trim());
    if (m.matches()) {
      String credential = m.group(2);
      found.add(credential);
      if ("basic".equalsIgnoreCase(m.group(1))) {
        try {
          String decoded =
              new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
          found.add(decoded);
          int colon = decoded.indexOf(':');
          if (colon >= 0) {
            found.add(decoded.substring(colon + 1));
          }
        } catch (IllegalArgumentException notBase64) {
          // not a Basic credential after all: the raw value is covered
        }
      }
    }
  }

  /**
   * A value in the forms it may be echoed in: as is, URL-encoded ({@code +} and {@code %20} for a
   * space), JSON-escaped, and Base64 (standard with and without padding, URL-safe). Empty when the
   * value is too short to search for.
   */
  static Set<String> forms(String value) {
    if (value == null || value.length() < MIN_VALUE_LENGTH) {
      return Set.of();
    }
    Set<String> forms = new HashSet<>();
    forms.add(value);
    String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
    forms.add(encoded);
    forms.add(encoded.replace("+", "%20"));
    forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    forms.add(Base64.getEncoder().encodeToString(bytes));
    forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    return forms;
  }

  /** Every form of every value, longest first (so that a longer form is removed whole). */
  private static List<String> sortedForms(Collection<String> values) {
    Set<String> all = new HashSet<>();
    for (String v : values) {
      all.addAll(forms(v));
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(LONGEST_FIRST);
    return List.copyOf(sorted);
  }

  static String readUtf8(okhttp3.RequestBody body, long limit) throws java.io.IOException {
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    long size = Math.min(buffer.size(), limit);
    return buffer.readUtf8(size);
  }
}
