package io.campaignrelay.jdbc;

import io.campaignrelay.core.Secret;
import java.util.regex.Pattern;

/** Prints JDBC URLs and driver messages without passwords. */
final class JdbcUrls {
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)(password|passwd|pwd|sslpassword)=[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");

  private JdbcUrls() {}

  /**
   * The URL with every password parameter and user-info password replaced by {@value
   * Secret#REDACTED}.
   */
  static String redact(String url) {
    if (url == null) {
      return "<unknown URL>";
    }
    String out = PASSWORD_PARAM.matcher(url).replaceAll("$1=" + Secret.REDACTED);
    return USER_INFO.matcher(out).replaceAll("//$1:" + Secret.REDACTED + "@");
  }

  /** A driver's message with the password (if any) and URL passwords removed. */
  static String scrub(String message, Secret password) {
    if (message == null) {
      return "";
    }
    String out = message;
    if (password != null && !password.reveal().isEmpty()) {
      out = out.replace(password.reveal(), Secret.REDACTED);
    }
    return redact(out);
  }
}
