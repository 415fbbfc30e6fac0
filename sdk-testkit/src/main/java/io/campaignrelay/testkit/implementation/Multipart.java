package io.campaignrelay.testkit.implementation;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lenient {@code multipart/form-data} reader (RFC 7578): the name and raw value of each part, in
 * order. Values are not URL-decoded (multipart carries them as they are); a part with a file name
 * yields its content as UTF-8 text. A body it cannot read yields no parts.
 */
final class Multipart {
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=(?:\"([^\"]*)\"|([^;\\s]+))");

  private Multipart() {}

  static List<Map.Entry<String, String>> parse(String contentType, byte[] body) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (!m.find() || body == null) {
      return out;
    }
    String boundary = m.group(1) != null ? m.group(1) : m.group(2);
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int at = indexOf(body, delimiter, 0);
    while (at >= 0) {
      int start = at + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // closing delimiter
      }
      start = skipLineEnd(body, start);
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break; // cut body: drop the unfinished part
      }
      int end = next;
      if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
        end -= 2;
      } else if (end >= 1 && body[end - 1] == '\n') {
        end -= 1;
      }
      addPart(body, start, Math.max(start, end), out);
      at = next;
    }
    return out;
  }

  private static void addPart(byte[] body, int from, int to, List<Map.Entry<String, String>> out) {
    int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), from);
    int contentStart;
    if (headersEnd >= 0 && headersEnd < to) {
      contentStart = headersEnd + 4;
    } else {
      headersEnd = indexOf(body, "\n\n".getBytes(StandardCharsets.ISO_8859_1), from);
      if (headersEnd < 0 || headersEnd >= to) {
        return;
      }
      contentStart = headersEnd + 2;
    }
    String headers = new String(body, from, headersEnd - from, StandardCharsets.UTF_8);
    String name = null;
    for (String line : headers.split("\r?\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        Matcher n = NAME.matcher(line);
        if (n.find()) {
          name = n.group(1) != null ? n.group(1) : n.group(2);
        }
      }
    }
    if (name == null) {
      return;
    }
    String value =
        new String(body, contentStart, Math.max(0, to - contentStart), StandardCharsets.UTF_8);
    out.add(new SimpleImmutableEntry<>(name, value));
  }

  private static int skipLineEnd(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    if (i < b.length && b[i] == '\r') {
      i++;
    }
    if (i < b.length && b[i] == '\n') {
      i++;
    }
    return i;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
