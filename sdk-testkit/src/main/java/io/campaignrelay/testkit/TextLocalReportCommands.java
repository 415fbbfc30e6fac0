package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.testkit.implementation.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code status_message}, {@code status_batch}, {@code get_scheduled}, {@code cancel_scheduled} and
 * the history commands {@code get_history_single}, {@code get_history_group}, {@code
 * get_history_api}, {@code get_history_email}, {@code get_mms_history_api}.
 */
final class TextLocalReportCommands {
  /** Most rows of one history page (INFERRED from the official samples' 1000). */
  static final int MAX_HISTORY_LIMIT = 1_000;

  private TextLocalReportCommands() {}

  static void register(Map<String, Function<TextLocalRequest, ObjectNode>> commands) {
    commands.put("status_message", TextLocalReportCommands::statusMessage);
    commands.put("status_batch", TextLocalReportCommands::statusBatch);
    commands.put("get_scheduled", TextLocalReportCommands::getScheduled);
    commands.put("cancel_scheduled", TextLocalReportCommands::cancelScheduled);
    commands.put("get_history_single", r -> messageHistory(r, b -> b.groupId == 0 && !isBulk(b)));
    commands.put("get_history_api", r -> messageHistory(r, b -> true));
    commands.put("get_history_group", TextLocalReportCommands::groupHistory);
    // the fake has no e-mail-to-SMS gateway and no MMS: both histories are always empty
    commands.put("get_history_email", r -> emptyHistory(r));
    commands.put("get_mms_history_api", r -> emptyHistory(r));
  }

  private static boolean isBulk(TextLocalState.Batch b) {
    return b.message.equals("(bulk)");
  }

  static ObjectNode statusMessage(TextLocalRequest r) {
    long id = r.id("message_id", FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid message ID.");
    TextLocalState.Msg m = r.s.message(id);
    if (m == null) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid message ID.");
    }
    TextLocalState.Status st = r.s.status(m, r.s.clock.instant());
    ObjectNode out = Json.object();
    out.putObject("message")
        .put("id", m.id())
        .put("recipient", Long.parseLong(m.number()))
        .put("type", "sms")
        .put("status", st.letter())
        .put("date", TextLocalState.DATE_TIME.format(st.since()));
    return out;
  }

  static ObjectNode statusBatch(TextLocalRequest r) {
    long id = r.id("batch_id", FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid batch ID.");
    TextLocalState.Batch b = r.s.batches.get(id);
    if (b == null || b.cancelled) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid batch ID.");
    }
    Instant now = r.s.clock.instant();
    Map<String, Integer> counts = new TreeMap<>();
    ArrayNode arr = Json.array();
    for (int i = b.firstIndex; i < b.firstIndex + b.count; i++) {
      TextLocalState.Msg m = r.s.messages.get(i);
      String letter = r.s.status(m, now).letter();
      counts.merge(letter, 1, Integer::sum);
      arr.addObject().put("recipient", Long.parseLong(m.number())).put("status", letter);
    }
    ObjectNode out = Json.object();
    out.put("batch_id", b.id).put("num_messages", b.count);
    out.put("num_delivered", counts.getOrDefault("D", 0));
    out.put("num_undelivered", counts.getOrDefault("U", 0));
    out.put("num_expired", counts.getOrDefault("E", 0));
    out.put("num_unknown", counts.getOrDefault("?", 0));
    out.put("num_invalid", counts.getOrDefault("I", 0));
    out.set("messages", arr);
    return out;
  }

  static ObjectNode getScheduled(TextLocalRequest r) {
    Instant now = r.s.clock.instant();
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("scheduled");
    for (TextLocalState.Batch b : r.s.batches.values()) {
      if (b.scheduled && !b.cancelled && b.sendAt.isAfter(now)) {
        arr.addObject()
            .put("id", Long.toString(b.id))
            .put("scheduledFor", TextLocalState.SCHEDULED_FOR.format(b.sendAt))
            .put("howmany", Integer.toString(b.count))
            .put("message", b.message)
            .put("origin", b.sender)
            .put("groupName", b.groupName)
            .put("groupid", b.groupId == 0 ? "" : Long.toString(b.groupId));
      }
    }
    return out;
  }

  static ObjectNode cancelScheduled(TextLocalRequest r) {
    long id = r.id("sent_id", FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid sent ID.");
    TextLocalState.Batch b = r.s.batches.get(id);
    if (b == null || !b.scheduled || b.cancelled || !b.sendAt.isAfter(r.s.clock.instant())) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid sent ID.");
    }
    b.cancelled = true;
    r.s.balance += b.cost;
    return Json.object();
  }

  /** The documented history window: {@code min_time} (default 6 months ago) to {@code max_time}. */
  private record Window(Instant min, Instant max, boolean asc, long start, long limit) {}

  private static Window window(TextLocalRequest r) {
    Instant now = r.s.clock.instant();
    long min = r.longOr("min_time", now.minus(Duration.ofDays(183)).getEpochSecond());
    long max = r.longOr("max_time", now.getEpochSecond());
    String order = r.param("sort_order").orElse("desc").trim().toLowerCase(Locale.ROOT);
    long start = Math.max(0, r.longOr("start", 0));
    long limit = Math.min(MAX_HISTORY_LIMIT, Math.max(0, r.longOr("limit", MAX_HISTORY_LIMIT)));
    return new Window(
        Instant.ofEpochSecond(min), Instant.ofEpochSecond(max), order.equals("asc"), start, limit);
  }

  private static boolean inWindow(Window w, Instant at) {
    return !at.isBefore(w.min) && !at.isAfter(w.max);
  }

  private static ObjectNode page(Window w, List<ObjectNode> rows) {
    if (!w.asc) {
      Collections.reverse(rows);
    }
    ObjectNode out = Json.object();
    out.put("start", w.start).put("limit", w.limit).put("total", rows.size());
    ArrayNode arr = out.putArray("messages");
    for (long i = w.start; i < Math.min(rows.size(), w.start + w.limit); i++) {
      arr.add(rows.get((int) i));
    }
    return out;
  }

  /**
   * Per-message rows ({@code id, number, content, datetime, status, sender, batch_id, customID,
   * num_parts}) of the sent, not cancelled, already due messages whose batch passes {@code which}.
   * Field names beyond {@code id, datetime, number, sender} are INFERRED.
   */
  static ObjectNode messageHistory(TextLocalRequest r, Predicate<TextLocalState.Batch> which) {
    Window w = window(r);
    Instant now = r.s.clock.instant();
    List<ObjectNode> rows = new ArrayList<>();
    for (TextLocalState.Msg m : r.s.messages) {
      TextLocalState.Batch b = r.s.batches.get(m.batchId());
      if (b.cancelled || m.sendAt().isAfter(now) || !inWindow(w, m.sendAt()) || !which.test(b)) {
        continue;
      }
      ObjectNode o = Json.object();
      o.put("id", Long.toString(m.id()))
          .put("number", Long.parseLong(m.number()))
          .put("content", m.text())
          .put("datetime", TextLocalState.DATE_TIME.format(m.sendAt()))
          .put("status", r.s.status(m, now).letter())
          .put("sender", m.sender())
          .put("batch_id", m.batchId())
          .put("customID", m.custom())
          .put("num_parts", m.parts());
      rows.add(o);
    }
    return page(w, rows);
  }

  /**
   * Per-batch rows of group sends: {@code batch_id, group_id, group_name, message, datetime,
   * num_credits}.
   */
  static ObjectNode groupHistory(TextLocalRequest r) {
    Window w = window(r);
    Instant now = r.s.clock.instant();
    List<ObjectNode> rows = new ArrayList<>();
    for (TextLocalState.Batch b : r.s.batches.values()) {
      if (b.groupId == 0 || b.cancelled || b.sendAt.isAfter(now) || !inWindow(w, b.sendAt)) {
        continue;
      }
      ObjectNode o = Json.object();
      o.put("batch_id", b.id)
          .put("group_id", b.groupId)
          .put("group_name", b.groupName)
          .put("message", b.message)
          .put("datetime", TextLocalState.DATE_TIME.format(b.sendAt))
          .put("num_credits", b.cost);
      rows.add(o);
    }
    return page(w, rows);
  }

  static ObjectNode emptyHistory(TextLocalRequest r) {
    return page(window(r), new ArrayList<>());
  }
}
