package io.campaignrelay.core.http;

import io.campaignrelay.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * Decides what may be printed. A name is secret when the vendor profile says so or when it looks
 * like a credential; a value prints only when its name is allow-listed and not secret.
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

  private final Set<String> secretNames;
  private final Set<String> allowedHeaders;
  private final Set<String> allowedParameters;

  Redactor(VendorProfile profile, HttpLogOptions options) {
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
    if (url.querySize() == 0) {
      return url.toString();
    }
    HttpUrl.Builder b = url.newBuilder().query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      b.addQueryParameter(name, value == null || parameterPrints(name) ? value : Secret.REDACTED);
    }
    return b.build().toString();
  }

  String headers(Headers headers) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      sb.append("\n  ")
          .append(name)
          .append(": ")
          .append(headerPrints(name) ? headers.value(i) : Secret.REDACTED);
    }
    return sb.toString();
  }

  String form(FormBody form) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < form.size(); i++) {
      if (i > 0) {
        sb.append('&');
      }
      String name = form.name(i);
      sb.append(name).append('=').append(parameterPrints(name) ? form.value(i) : Secret.REDACTED);
    }
    return sb.toString();
  }

  /**
   * Redacts a body whose structure is unknown: JSON fields and form pairs whose names are secret
   * lose their values. Form pairs that are not allow-listed are redacted too.
   */
  String body(String text, boolean formEncoded) {
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
    return sb.toString();
  }

  static String readUtf8(okhttp3.RequestBody body, long limit) throws java.io.IOException {
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    long size = Math.min(buffer.size(), limit);
    return buffer.readUtf8(size);
  }
}
