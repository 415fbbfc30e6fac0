package io.campaignrelay.core.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a template body into literal text and {@code [%TAG%]} placeholders. A tag name is letters,
 * digits and {@code _}; spaces just inside the brackets are tolerated ({@code [% NAME %]}). A
 * {@code [%} with no closing {@code %]}, or with anything else between the brackets, is malformed.
 */
final class TagScanner {

  static final String OPEN = "[%";
  static final String CLOSE = "%]";

  /** One piece of a body. */
  record Token(Type type, int start, int end, String text) {}

  enum Type {
    LITERAL,
    TAG,
    MALFORMED
  }

  private TagScanner() {}

  static boolean isValidName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static List<Token> scan(String body) {
    List<Token> tokens = new ArrayList<>();
    int pos = 0;
    int n = body.length();
    while (pos < n) {
      int open = body.indexOf(OPEN, pos);
      if (open < 0) {
        tokens.add(new Token(Type.LITERAL, pos, n, body.substring(pos)));
        break;
      }
      if (open > pos) {
        tokens.add(new Token(Type.LITERAL, pos, open, body.substring(pos, open)));
      }
      int close = body.indexOf(CLOSE, open + OPEN.length());
      int nextOpen = body.indexOf(OPEN, open + OPEN.length());
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        int end = nextOpen >= 0 ? nextOpen : n;
        tokens.add(new Token(Type.MALFORMED, open, end, body.substring(open, end)));
        pos = end;
        continue;
      }
      String name = body.substring(open + OPEN.length(), close).strip();
      int end = close + CLOSE.length();
      tokens.add(
          new Token(
              isValidName(name) ? Type.TAG : Type.MALFORMED,
              open,
              end,
              isValidName(name) ? name : body.substring(open, end)));
      pos = end;
    }
    return tokens;
  }

  static List<String> tags(String body) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> result = new ArrayList<>();
    for (Token t : scan(body)) {
      if (t.type() == Type.TAG && seen.add(t.text().toUpperCase(Locale.ROOT))) {
        result.add(t.text());
      }
    }
    return List.copyOf(result);
  }
}
