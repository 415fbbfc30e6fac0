package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.testkit.implementation.Json;
import io.campaignrelay.testkit.implementation.Seeds;
import io.campaignrelay.testkit.implementation.SmsParts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@code send}, {@code bulk_json}, {@code send_mms}, {@code otp_send}, {@code otp_challenge}. */
final class TextLocalSendCommands {
  /** Longest OTP message text (the OTP page's limit). */
  static final int MAX_OTP_MESSAGE_LENGTH = 760;

  private TextLocalSendCommands() {}

  static void register(Map<String, Function<TextLocalRequest, ObjectNode>> commands) {
    commands.put("send", TextLocalSendCommands::send);
    commands.put("bulk_json", TextLocalSendCommands::bulkJson);
    commands.put("send_mms", TextLocalSendCommands::sendMms);
    commands.put("otp_send", TextLocalSendCommands::otpSend);
    commands.put("otp_challenge", TextLocalSendCommands::otpChallenge);
  }

  /** Recipients of a send: the group's numbers, or the valid ones of {@code numbers}. */
  private record Recipients(List<String> numbers, TextLocalState.Group group, List<String> bad) {}

  private static Recipients recipients(TextLocalRequest r) {
    Optional<String> numbersParam = r.nonBlank("numbers");
    Optional<String> groupParam = r.nonBlank("group_id");
    if (numbersParam.isPresent() && groupParam.isPresent()) {
      throw new TextLocalRefusal(34, "You have supplied both a group ID and a set of numbers.");
    }
    if (numbersParam.isEmpty() && groupParam.isEmpty()) {
      throw new TextLocalRefusal(4, "No recipients specified.");
    }
    if (groupParam.isPresent()) {
      TextLocalState.Group group = r.group(groupParam.get());
      List<String> numbers = group.allNumbers();
      if (numbers.isEmpty()) {
        throw new TextLocalRefusal(11, "Selected group is empty.");
      }
      return new Recipients(numbers, group, List.of());
    }
    String[] raw = numbersParam.get().split(",");
    if (raw.length > FakeTextLocal.MAX_NUMBERS_PER_SEND) {
      throw new TextLocalRefusal(33, "You have supplied too many numbers.");
    }
    List<String> numbers = new ArrayList<>(raw.length);
    List<String> bad = new ArrayList<>();
    for (String each : raw) {
      String n = each.trim();
      if (TextLocalRequest.validNumber(n)) {
        numbers.add(n);
      } else if (raw.length == 1) {
        throw new TextLocalRefusal(32, "Invalid number format.");
      } else {
        bad.add(n);
      }
    }
    if (numbers.isEmpty()) {
      throw new TextLocalRefusal(51, "No valid numbers specified.");
    }
    return new Recipients(numbers, null, bad);
  }

  private static void dropOptOuts(TextLocalRequest r, List<String> numbers) {
    if (!r.flag("optouts")) {
      return;
    }
    TextLocalState.Group optGroup = r.s.groups.get(FakeTextLocal.OPT_OUTS_GROUP_ID);
    numbers.removeIf(n -> r.s.optOuts.containsKey(n) || optGroup.find(n) != null);
    if (numbers.isEmpty()) {
      throw new TextLocalRefusal(51, "No valid numbers specified.");
    }
  }

  static ObjectNode send(TextLocalRequest r) {
    TextLocalState s = r.s;
    Recipients to = recipients(r);
    String message = r.text("message").orElse("");
    if (message.isEmpty()) {
      throw new TextLocalRefusal(5, "No message content.");
    }
    if (message.length() > FakeTextLocal.MAX_MESSAGE_LENGTH) {
      throw new TextLocalRefusal(6, "Message too long.");
    }
    String sender = r.flag("simple_reply") ? "SimpleReply" : r.sender(r.text("sender"));
    Instant scheduled = r.scheduleTime(r.param("schedule_time"));
    boolean test = r.flag("test");
    List<String> numbers = new ArrayList<>(to.numbers());
    dropOptOuts(r, numbers);
    int parts = SmsParts.parts(message, r.flag("unicode"));
    long cost = (long) parts * numbers.size();
    if (!test && cost > s.balance) {
      throw new TextLocalRefusal(7, "Insufficient credits.");
    }
    String custom = r.param("custom").orElse("");
    Instant sendAt = scheduled == null ? s.clock.instant() : scheduled;
    long batchId =
        test
            ? s.testBatchId()
            : s.openBatch(
                sendAt, scheduled != null, message, sender, to.group(), cost, numbers.size());
    ArrayNode msgs = Json.array();
    for (String n : numbers) {
      long id =
          test
              ? s.recordTestSend(n, message, sender, custom, sendAt)
              : s.store(batchId, n, message, sender, custom, sendAt, parts);
      msgs.addObject().put("id", Long.toString(id)).put("recipient", Long.parseLong(n));
    }
    ObjectNode out = Json.object();
    out.put("test_mode", test);
    out.put("balance", s.balance);
    out.put("batch_id", batchId);
    out.put("cost", cost);
    out.put("num_messages", numbers.size());
    out.putObject("message").put("num_parts", parts).put("sender", sender).put("content", message);
    out.put("receipt_url", r.param("receipt_url").orElse(""));
    out.put("custom", custom);
    out.set("messages", msgs);
    addWarnings(out, to.bad());
    return out;
  }

  private static void addWarnings(ObjectNode out, List<String> invalidNumbers) {
    if (invalidNumbers.isEmpty()) {
      return;
    }
    ArrayNode w = out.putArray("warnings");
    for (String n : invalidNumbers) {
      w.addObject().put("code", 3).put("message", "Invalid number.").put("number", n);
    }
  }

  static ObjectNode bulkJson(TextLocalRequest r) {
    TextLocalState s = r.s;
    JsonNode data =
        r.json("data")
            .filter(JsonNode::isObject)
            .orElseThrow(() -> new TextLocalRefusal(15, "Invalid JSON string"));
    JsonNode list = data.get("messages");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new TextLocalRefusal(4, "No recipients specified.");
    }
    if (list.size() > FakeTextLocal.MAX_BULK_JSON_MESSAGES) {
      throw new TextLocalRefusal(33, "You have supplied too many numbers.");
    }
    String sender = r.sender(Json.text(data, "sender").map(r::jsonText).or(() -> r.text("sender")));
    boolean test =
        Json.text(data, "test").map(v -> v.equals("true") || v.equals("1")).orElse(false)
            || r.flag("test");
    Instant scheduled =
        r.scheduleTime(
            Json.text(data, "schedule_time")
                .or(() -> Json.text(data, "scheduled"))
                .or(() -> r.param("schedule_time")));
    Instant sendAt = scheduled == null ? s.clock.instant() : scheduled;
    String custom = Json.text(data, "custom").orElse(r.param("custom").orElse(""));
    record Item(String number, String text, String uniqueId, int parts) {}
    List<Item> ok = new ArrayList<>();
    ArrayNode notSent = Json.array();
    long totalCost = 0;
    for (JsonNode item : list) {
      String number = Json.text(item, "number").orElse("").trim();
      String text = r.jsonText(Json.text(item, "text").orElse(""));
      String unique = Json.text(item, "unique_id").orElse("");
      TextLocalRefusal problem = null;
      if (!TextLocalRequest.validNumber(number)) {
        problem = new TextLocalRefusal(32, "Invalid number format.");
      } else if (text.isEmpty()) {
        problem = new TextLocalRefusal(5, "No message content.");
      } else if (text.length() > FakeTextLocal.MAX_MESSAGE_LENGTH) {
        problem = new TextLocalRefusal(6, "Message too long.");
      }
      if (problem != null) {
        ObjectNode ns = notSent.addObject();
        ns.put("unique_id", unique).put("number", number).put("message", text);
        ns.putObject("error").put("code", problem.code).put("message", problem.getMessage());
        continue;
      }
      int parts = SmsParts.parts(text, !SmsParts.isGsm(text));
      totalCost += parts;
      ok.add(new Item(number, text, unique, parts));
    }
    if (ok.isEmpty()) {
      throw new TextLocalRefusal(51, "No valid numbers specified.");
    }
    if (!test && totalCost > s.balance) {
      throw new TextLocalRefusal(7, "Insufficient credits.");
    }
    long batchId =
        test
            ? s.testBatchId()
            : s.openBatch(sendAt, scheduled != null, "(bulk)", sender, null, totalCost, ok.size());
    ArrayNode sent = Json.array();
    for (Item it : ok) {
      long id =
          test
              ? s.recordTestSend(it.number, it.text, sender, custom, sendAt)
              : s.store(batchId, it.number, it.text, sender, custom, sendAt, it.parts);
      ObjectNode e = sent.addObject();
      e.put("batch_id", batchId).put("num_parts", it.parts).put("cost", it.parts);
      if (!it.uniqueId.isEmpty()) {
        e.put("unique_id", it.uniqueId);
      }
      e.putArray("messages")
          .addObject()
          .put("id", Long.toString(id))
          .put("recipient", Long.parseLong(it.number));
    }
    ObjectNode out = Json.object();
    out.put("test_mode", test);
    out.put("batch_id", batchId);
    out.put("total_cost", totalCost);
    out.put("balance_post_send", s.balance);
    out.set("messages", sent);
    out.set("messages_not_sent", notSent);
    return out;
  }

  /**
   * MMS: validated like {@code send} (recipients, sender, schedule; {@code url} or {@code file} for
   * the image, else 5), then refused with 7 "Insufficient credits." since the fake account holds no
   * MMS credits ({@code balance} answers {@code mms: 0}), as a real SMS-only account is.
   */
  static ObjectNode sendMms(TextLocalRequest r) {
    Recipients to = recipients(r);
    boolean image = r.nonBlank("url").isPresent() || r.nonBlank("file").isPresent();
    if (!image && r.text("message").orElse("").isEmpty()) {
      throw new TextLocalRefusal(5, "No message content.");
    }
    r.sender(r.text("sender"));
    r.scheduleTime(r.param("schedule_time"));
    List<String> numbers = new ArrayList<>(to.numbers());
    dropOptOuts(r, numbers);
    throw new TextLocalRefusal(7, "Insufficient credits.");
  }

  /**
   * OTP (INFERRED shapes): {@code otp_send} sends {@code message} followed by a seeded six-digit
   * code to one number as a normal send; {@code otp_challenge} with {@code number} and {@code code}
   * answers success once for the latest code, else code 80 "Invalid code." (no code is published).
   */
  static ObjectNode otpSend(TextLocalRequest r) {
    TextLocalState s = r.s;
    String number = r.nonBlank("numbers").or(() -> r.nonBlank("number")).orElse("").trim();
    if (number.isEmpty()) {
      throw new TextLocalRefusal(4, "No recipients specified.");
    }
    if (!TextLocalRequest.validNumber(number)) {
      throw new TextLocalRefusal(32, "Invalid number format.");
    }
    String prefix = r.text("message").orElse("");
    if (prefix.isEmpty()) {
      throw new TextLocalRefusal(5, "No message content.");
    }
    if (prefix.length() > MAX_OTP_MESSAGE_LENGTH) {
      throw new TextLocalRefusal(6, "Message too long.");
    }
    String sender = r.sender(r.text("sender"));
    String code =
        String.format(
            java.util.Locale.ROOT,
            "%06d",
            Math.floorMod(Seeds.mix(s.seed, number.hashCode(), s.messages.size(), 51), 1_000_000L));
    String text = prefix + code;
    int parts = SmsParts.parts(text, !SmsParts.isGsm(text));
    if (parts > s.balance) {
      throw new TextLocalRefusal(7, "Insufficient credits.");
    }
    Instant now = s.clock.instant();
    long batchId = s.openBatch(now, false, text, sender, null, parts, 1);
    long id = s.store(batchId, number, text, sender, "", now, parts);
    s.otps.put(number, code);
    ObjectNode out = Json.object();
    out.put("balance", s.balance).put("batch_id", batchId).put("cost", parts);
    out.putArray("messages")
        .addObject()
        .put("id", Long.toString(id))
        .put("recipient", Long.parseLong(number));
    return out;
  }

  static ObjectNode otpChallenge(TextLocalRequest r) {
    String number = r.nonBlank("number").or(() -> r.nonBlank("numbers")).orElse("").trim();
    if (number.isEmpty()) {
      throw new TextLocalRefusal(4, "No recipients specified.");
    }
    String code = r.param("code").orElse("").trim();
    String expected = r.s.otps.get(number);
    if (expected == null || !expected.equals(code)) {
      throw new TextLocalRefusal(FakeTextLocal.UNKNOWN_ID_ERROR_CODE, "Invalid code.");
    }
    r.s.otps.remove(number);
    ObjectNode out = Json.object();
    out.put("number", Long.parseLong(number));
    return out;
  }
}
