package io.campaignrelay.core.implementation;

import io.campaignrelay.core.ConfigurationProblem;

/** Text helpers shared by the value types' validation messages. Internal: not a public API. */
public final class Texts {
  private static final int EXCERPT = 64;

  private Texts() {}

  /**
   * Renders a value for an error message: control characters are shown as {@code \}{@code uXXXX} so
   * that a message never breaks a log line, and long values are cut.
   *
   * @param value the value, may be null
   * @return the printable value, {@value ConfigurationProblem#MISSING} for null
   */
  public static String printable(CharSequence value) {
    if (value == null) {
      return ConfigurationProblem.MISSING;
    }
    int end = Math.min(value.length(), EXCERPT);
    StringBuilder sb = new StringBuilder(end + 8);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (end < value.length()) {
      sb.append("...(").append(value.length()).append(" chars)");
    }
    return sb.toString();
  }

  /**
   * Whether the text has an ISO control character.
   *
   * @param value the text
   * @return true if one of its characters is a control character
   */
  public static boolean hasControl(CharSequence value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a text is a token: printable ASCII without spaces (as keys sent in headers must be).
   *
   * @param value the text
   * @return true if every character is between {@code '!'} and {@code '~'}
   */
  public static boolean isPrintableToken(CharSequence value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }
}
