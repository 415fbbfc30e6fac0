package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Json;
import java.time.Instant;
import java.util.Optional;

/**
 * One command's parameters with the reading rules every command shares: the second URL-decoding of
 * free text (what TextLocal's samples rely on), JSON parameters sent raw or URL-encoded, ids,
 * groups, senders, numbers and schedule times with their documented error codes.
 */
final class TextLocalRequest {
  final Form form;
  final TextLocalState s;

  TextLocalRequest(Form form, TextLocalState s) {
    this.form = form;
    this.s = s;
  }

  Optional<String> param(String name) {
    return form.first(name);
  }

  Optional<String> nonBlank(String name) {
    return form.first(name).filter(v -> !v.isBlank());
  }

  boolean flag(String name) {
    return form.flag(name);
  }

  /**
   * Free text ({@code message}, {@code sender}): the samples URL-encode it before posting, and the
   * documented answers show it decoded, so it is URL-decoded once more unless the fake is built
   * with {@code secondUrlDecoding(false)}.
   */
  Optional<String> text(String name) {
    Optional<String> v = form.first(name);
    return s.secondUrlDecoding ? v.map(Form::decode) : v;
  }

  /** A JSON parameter, raw or URL-encoded (the official PHP class URL-encodes it). */
  Optional<JsonNode> json(String name) {
    Optional<String> raw = form.first(name).filter(v -> !v.isBlank());
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Optional<JsonNode> direct = Json.parse(raw.get().trim());
    return direct.isPresent() ? direct : Json.parse(Form.decode(raw.get()).trim());
  }

  /** A text value inside a JSON parameter, percent-decoded as the bulk samples encode it. */
  String jsonText(String value) {
    return s.secondUrlDecoding ? Form.rawDecodeIfEncoded(value) : value;
  }

  static long parseId(String raw, int code, String message) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new TextLocalRefusal(code, message);
    }
  }

  long id(String name, int code, String message) {
    return parseId(form.first(name).orElse(""), code, message);
  }

  long longOr(String name, long otherwise) {
    return nonBlank(name).map(v -> parseId(v, 10, "Invalid " + name + ".")).orElse(otherwise);
  }

  static boolean validNumber(String n) {
    return n.length() >= 10
        && n.length() <= 15
        && n.charAt(0) != '0'
        && n.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  TextLocalState.Group group(String rawId) {
    TextLocalState.Group g = s.groups.get(parseId(rawId, 10, "Invalid group ID."));
    if (g == null) {
      throw new TextLocalRefusal(10, "Invalid group ID.");
    }
    return g;
  }

  TextLocalState.Group groupParam(boolean defaultContacts) {
    Optional<String> raw = nonBlank("group_id");
    if (raw.isEmpty()) {
      if (defaultContacts) {
        return s.groups.get(FakeTextLocal.CONTACTS_GROUP_ID);
      }
      throw new TextLocalRefusal(25, "No group ID specified.");
    }
    return group(raw.get());
  }

  /** The sender after the UK rules: 3..11 alphanumerics (spaces allowed) or up to 13 digits. */
  String sender(Optional<String> given) {
    if (given.isEmpty() || given.get().isEmpty()) {
      if (s.defaultSender == null) {
        throw new TextLocalRefusal(44, "No sender name specified.");
      }
      return s.defaultSender;
    }
    String v = given.get();
    boolean numeric = v.chars().allMatch(Character::isDigit);
    boolean ok =
        numeric
            ? v.length() <= 13
            : v.length() >= 3
                && v.length() <= 11
                && v.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == ' '));
    if (!ok) {
      throw new TextLocalRefusal(43, "Invalid sender name.");
    }
    return v;
  }

  Instant scheduleTime(Optional<String> raw) {
    if (raw.isEmpty() || raw.get().isBlank()) {
      return null;
    }
    long epoch;
    try {
      epoch = Long.parseLong(raw.get().trim());
    } catch (NumberFormatException e) {
      throw new TextLocalRefusal(8, "Invalid schedule date.");
    }
    Instant at = Instant.ofEpochSecond(epoch);
    if (at.isBefore(s.clock.instant())) {
      throw new TextLocalRefusal(9, "Schedule date is in the past.");
    }
    return at;
  }
}
