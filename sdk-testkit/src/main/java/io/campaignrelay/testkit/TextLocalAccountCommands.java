package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.testkit.implementation.Json;
import io.campaignrelay.testkit.implementation.Seeds;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Account, inbound, survey, short-link and reseller commands: {@code get_templates}, {@code
 * balance}, {@code get_sender_names}, {@code check_keyword}, {@code get_inboxes}, {@code
 * get_messages}, {@code get_surveys}, {@code get_survey_details}, {@code get_survey_results},
 * {@code create_shorturl}, {@code get_users}, {@code transfer_credits}.
 */
final class TextLocalAccountCommands {
  private static final String SHORT_HOST = "https://tx.gl/r/";
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private TextLocalAccountCommands() {}

  static void register(Map<String, Function<TextLocalRequest, ObjectNode>> commands) {
    commands.put("get_templates", TextLocalAccountCommands::getTemplates);
    commands.put("balance", TextLocalAccountCommands::balance);
    commands.put("get_sender_names", TextLocalAccountCommands::senderNames);
    commands.put("check_keyword", TextLocalAccountCommands::checkKeyword);
    commands.put("get_inboxes", TextLocalAccountCommands::getInboxes);
    commands.put("get_messages", TextLocalAccountCommands::getMessages);
    commands.put("get_surveys", TextLocalAccountCommands::getSurveys);
    commands.put("get_survey_details", TextLocalAccountCommands::surveyDetails);
    commands.put("get_survey_results", TextLocalAccountCommands::surveyResults);
    commands.put("create_shorturl", TextLocalAccountCommands::createShortUrl);
    commands.put("get_users", TextLocalAccountCommands::getUsers);
    commands.put("transfer_credits", TextLocalAccountCommands::transferCredits);
  }

  static ObjectNode getTemplates(TextLocalRequest r) {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("templates");
    for (TextLocalState.Template t : r.s.templates.values()) {
      arr.addObject()
          .put("id", t.id())
          .put("title", t.title())
          .put("body", t.body())
          .put("senderName", r.s.defaultSender == null ? "" : r.s.defaultSender);
    }
    return out;
  }

  static ObjectNode balance(TextLocalRequest r) {
    ObjectNode out = Json.object();
    out.putObject("balance").put("sms", r.s.balance).put("mms", 0);
    return out;
  }

  static ObjectNode senderNames(TextLocalRequest r) {
    ObjectNode out = Json.object();
    out.put("default_sender_name", r.s.defaultSender == null ? "" : r.s.defaultSender);
    ArrayNode arr = out.putArray("sender_names");
    r.s.senderNames.forEach(arr::add);
    return out;
  }

  /**
   * INFERRED shape {@code {keyword, available}}: a keyword is taken when an inbox of the fake uses
   * it; a missing keyword answers 80 "No keyword specified." (no code is published).
   */
  static ObjectNode checkKeyword(TextLocalRequest r) {
    String keyword = r.text("keyword").map(String::trim).orElse("");
    if (keyword.isEmpty()) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "No keyword specified.");
    }
    ObjectNode out = Json.object();
    out.put("keyword", keyword.toUpperCase(Locale.ROOT));
    out.put("available", r.s.inboxWithKeyword(keyword) == null);
    return out;
  }

  /**
   * The documented shape: {@code num_inboxes, inboxes[{id, number, keyword, num_messages, ...}]}.
   */
  static ObjectNode getInboxes(TextLocalRequest r) {
    ObjectNode out = Json.object();
    out.put("num_inboxes", r.s.inboxes.size());
    ArrayNode arr = out.putArray("inboxes");
    for (TextLocalState.Inbox i : r.s.inboxes.values()) {
      ObjectNode o = arr.addObject();
      o.put("id", i.id()).put("number", Long.parseLong(i.number()));
      if (i.keyword() == null) {
        o.putNull("keyword");
      } else {
        o.put("keyword", i.keyword());
      }
      long contacts = i.messages().stream().map(TextLocalState.Inbound::number).distinct().count();
      o.put("num_messages", i.messages().size())
          .put("num_contacts", contacts)
          .put("newMsgs", i.messages().size());
    }
    return out;
  }

  /**
   * {@code inbox_id} (unknown: 80), window {@code min_time}/{@code max_time}, {@code sort_order}
   * (default asc), {@code sort_field} {@code date|number}, {@code start}, {@code limit}; rows
   * {@code id, number, message, date, isNew, status} (INFERRED beyond {@code id, number}).
   */
  static ObjectNode getMessages(TextLocalRequest r) {
    long id = r.id("inbox_id", FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid inbox ID.");
    TextLocalState.Inbox inbox = r.s.inboxes.get(id);
    if (inbox == null) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid inbox ID.");
    }
    Instant now = r.s.clock.instant();
    long min = r.longOr("min_time", now.minus(Duration.ofDays(183)).getEpochSecond());
    long max = r.longOr("max_time", now.getEpochSecond());
    boolean asc = !r.param("sort_order").orElse("asc").trim().equalsIgnoreCase("desc");
    boolean byNumber = r.param("sort_field").orElse("date").trim().equalsIgnoreCase("number");
    long start = Math.max(0, r.longOr("start", 0));
    long limit = Math.max(0, r.longOr("limit", 1000));
    List<TextLocalState.Inbound> rows = new ArrayList<>();
    for (TextLocalState.Inbound m : inbox.messages()) {
      long at = m.at().getEpochSecond();
      if (at >= min && at <= max) {
        rows.add(m);
      }
    }
    Comparator<TextLocalState.Inbound> order =
        byNumber
            ? Comparator.comparing(TextLocalState.Inbound::number)
            : Comparator.comparing(TextLocalState.Inbound::at);
    rows.sort(order.thenComparingLong(TextLocalState.Inbound::id));
    if (!asc) {
      Collections.reverse(rows);
    }
    ObjectNode out = Json.object();
    out.put("inbox_id", inbox.id()).put("num_messages", rows.size());
    out.put("start", start).put("limit", limit);
    ArrayNode arr = out.putArray("messages");
    for (long i = start; i < Math.min(rows.size(), start + limit); i++) {
      TextLocalState.Inbound m = rows.get((int) i);
      arr.addObject()
          .put("id", Long.toString(m.id()))
          .put("number", Long.parseLong(m.number()))
          .put("message", m.message())
          .put("date", TextLocalState.DATE_TIME.format(m.at()))
          .put("isNew", true)
          .put("status", "?");
    }
    return out;
  }

  /** INFERRED shape {@code {num_surveys, surveys[{id, title, created}]}}. */
  static ObjectNode getSurveys(TextLocalRequest r) {
    ObjectNode out = Json.object();
    out.put("num_surveys", r.s.surveys.size());
    ArrayNode arr = out.putArray("surveys");
    for (TextLocalState.Survey sv : r.s.surveys.values()) {
      arr.addObject()
          .put("id", sv.id())
          .put("title", sv.title())
          .put("created", TextLocalState.DATE_TIME.format(sv.created()));
    }
    return out;
  }

  private static TextLocalState.Survey survey(TextLocalRequest r) {
    long id = r.id("survey_id", FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid survey ID.");
    TextLocalState.Survey sv = r.s.surveys.get(id);
    if (sv == null) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid survey ID.");
    }
    return sv;
  }

  static ObjectNode surveyDetails(TextLocalRequest r) {
    TextLocalState.Survey sv = survey(r);
    ObjectNode out = Json.object();
    out.putObject("survey")
        .put("id", sv.id())
        .put("title", sv.title())
        .put("created", TextLocalState.DATE_TIME.format(sv.created()));
    out.putArray("questions");
    return out;
  }

  /** INFERRED shape {@code {survey_id, start_date, end_date, num_results, results[]}}. */
  static ObjectNode surveyResults(TextLocalRequest r) {
    TextLocalState.Survey sv = survey(r);
    ObjectNode out = Json.object();
    out.put("survey_id", sv.id());
    out.put("start_date", r.param("start_date").orElse(""));
    out.put("end_date", r.param("end_date").orElse(""));
    out.put("num_results", 0);
    out.putArray("results");
    return out;
  }

  /** {@code url} → {@code shorturl}; 185 no URL, 186 not an absolute http(s) URL. */
  static ObjectNode createShortUrl(TextLocalRequest r) {
    String url = r.text("url").map(String::trim).orElse("");
    if (url.isEmpty()) {
      throw new TextLocalRefusal(185, "No URL Specified");
    }
    try {
      URI u = URI.create(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw new IllegalArgumentException(url);
      }
    } catch (IllegalArgumentException e) {
      throw new TextLocalRefusal(186, "Invalid URL Specified");
    }
    String shortUrl = r.s.shortUrls.get(url);
    if (shortUrl == null) {
      long bits = Seeds.mix(r.s.seed, r.s.shortUrls.size(), 61);
      StringBuilder code = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        code.append(
            ALPHABET.charAt((int) Math.floorMod(bits >>> (i * 9), (long) ALPHABET.length())));
      }
      shortUrl = SHORT_HOST + code;
      r.s.shortUrls.put(url, shortUrl);
    }
    ObjectNode out = Json.object();
    out.put("shorturl", shortUrl);
    return out;
  }

  /** Reseller sub-accounts: INFERRED shape {@code {num_users, users[{id, email, credits}]}}. */
  static ObjectNode getUsers(TextLocalRequest r) {
    ObjectNode out = Json.object();
    out.put("num_users", r.s.users.size());
    ArrayNode arr = out.putArray("users");
    for (TextLocalState.User u : r.s.users.values()) {
      arr.addObject().put("id", u.id()).put("email", u.email()).put("credits", u.credits()[0]);
    }
    return out;
  }

  /**
   * {@code user_id} or {@code user_email} and {@code credits}: moves credits to the sub-account (7
   * when the balance is short; 80 for an unknown user or a non-positive amount, INFERRED).
   */
  static ObjectNode transferCredits(TextLocalRequest r) {
    Optional<TextLocalState.User> user =
        r.nonBlank("user_id")
            .map(v -> r.s.users.get(TextLocalRequest.parseId(v, 80, "Invalid user.")))
            .or(
                () ->
                    r.nonBlank("user_email")
                        .flatMap(
                            e ->
                                r.s.users.values().stream()
                                    .filter(u -> u.email().equalsIgnoreCase(e.trim()))
                                    .findFirst()));
    if (user.isEmpty()) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid user.");
    }
    long credits = r.id("credits", FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid credits.");
    if (credits <= 0) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid credits.");
    }
    if (credits > r.s.balance) {
      throw new TextLocalRefusal(7, "Insufficient credits.");
    }
    r.s.balance -= credits;
    user.get().credits()[0] += credits;
    ObjectNode out = Json.object();
    out.put("user_id", user.get().id()).put("credits", credits).put("balance", r.s.balance);
    return out;
  }
}
