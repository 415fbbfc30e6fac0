package io.campaignrelay.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.reliability.RawHttpServer.Reply;
import io.campaignrelay.reliability.RawHttpServer.Request;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * TextLocal, written from {@code shared/spec/textlocal-api.md} for the fault matrix: {@code
 * bulk_json} (form field {@code data}; no idempotency: every valid message it reads is sent),
 * {@code get_history_api} / {@code get_history_single} (the vendor's records, each message with its
 * {@code customID}, number, batch id and text; {@code start}/{@code limit} paging, {@code
 * min_time}/{@code max_time} filters) and {@code status_batch}. Errors are {@code status: failure}
 * envelopes in a 200.
 */
final class TextLocalServer extends VendorServer {
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  TextLocalServer(Ledger ledger, String apiKey) throws IOException {
    super(ledger, apiKey);
  }

  @Override
  Reply handle(Request request) {
    Map<String, String> form = request.form();
    String command = request.path().replace("/", "");
    if (!apiKey.equals(form.get("apikey"))) {
      return failure(3, "Invalid login details");
    }
    try {
      return switch (command) {
        case "bulk_json" -> bulkJson(form);
        case "get_history_api", "get_history_single" -> history(form);
        case "status_batch" -> statusBatch(form);
        default -> failure(1, "Unknown command " + command);
      };
    } catch (IOException e) {
      return failure(15, "Invalid JSON string");
    }
  }

  private Reply bulkJson(Map<String, String> form) throws IOException {
    int call = ledger.nextSendCall();
    boolean fires = fires(call);
    if (fires) {
      switch (fault) {
        case RATE_LIMITED -> {
          return Reply.json(429, "{\"errors\":[{\"code\":429,\"message\":\"Too many requests\"}]}")
              .header("Retry-After", "2");
        }
        case UNAVAILABLE_BEFORE -> {
          return Reply.of(503, "text/html", "<html><body>Service Unavailable</body></html>");
        }
        case RESET_BEFORE -> {
          return Reply.reset();
        }
        case TIMEOUT_BEFORE -> {
          return Reply.hang();
        }
        case ECHOES_CREDENTIAL -> {
          return failure(3, "Invalid login details for apikey=" + apiKey);
        }
        case REFUSED -> {
          return failure(7, "Insufficient credits");
        }
        default -> {}
      }
    }
    JsonNode data = JSON.readTree(form.getOrDefault("data", ""));
    if (data == null || !data.has("messages")) {
      return failure(4, "No recipients specified.");
    }
    String custom = data.path("custom").asText(form.getOrDefault("custom", ""));
    String batchId = ledger.nextId();
    ObjectNode out = JSON.createObjectNode();
    ArrayNode sent = JSON.createArrayNode();
    ArrayNode notSent = JSON.createArrayNode();
    List<String> listed = new ArrayList<>();
    int index = 0;
    int leftOut = 0;
    for (JsonNode m : data.get("messages")) {
      String number = digits(m.path("number").asText());
      String text = m.path("text").asText();
      String unique = m.path("unique_id").asText("");
      if (fault == Fault.REFUSES_SOME && REFUSED_DIGITS.contains(number)) {
        ledger.refuse(number);
        ObjectNode ns = notSent.addObject();
        ns.put("unique_id", unique).put("number", number).put("message", text);
        ns.putObject("error").put("code", 32).put("message", "Invalid number format.");
        listed.add(number);
        continue;
      }
      boolean omit = fires && isLeftOut(fault) && leftOut < 2 && index % 2 == 1;
      if (omit && fault == Fault.LEAVES_OUT_UNSENT) {
        index++;
        leftOut++;
        continue;
      }
      String id = ledger.nextId();
      accepted(
          new Ledger.Sent(
              id,
              batchId,
              number,
              custom,
              null,
              unique,
              null,
              text,
              Instant.now().getEpochSecond(),
              "D"));
      index++;
      if (omit) {
        leftOut++;
        continue;
      }
      ObjectNode b = sent.addObject();
      b.put("batch_id", Long.parseLong(batchId)).put("num_messages", 1).put("cost", 1);
      b.put("custom", custom);
      if (!unique.isEmpty()) {
        b.put("unique_id", unique);
      }
      b.putArray("messages").addObject().put("id", id).put("recipient", Long.parseLong(number));
      listed.add(number);
    }
    out.put("test_mode", false);
    out.put("total_cost", sent.size());
    out.put("balance_post_send", 10_000);
    out.set("messages", sent);
    out.set("messages_not_sent", notSent);
    out.put("status", "success");
    String json = JSON.writeValueAsString(out);
    if (fires && !isLeftOut(fault)) {
      return breakAnswer(fault, json);
    }
    ledger.confirm(listed);
    return Reply.json(200, json);
  }

  private Reply history(Map<String, String> form) {
    if (recordsDown) {
      return Reply.of(503, "text/html", "<html><body>Reports are unavailable</body></html>");
    }
    long min = Long.parseLong(form.getOrDefault("min_time", "0"));
    long max = Long.parseLong(form.getOrDefault("max_time", Long.toString(Long.MAX_VALUE)));
    int start = Integer.parseInt(form.getOrDefault("start", "0"));
    int limit = Math.min(1000, Integer.parseInt(form.getOrDefault("limit", "1000")));
    boolean asc = "asc".equals(form.get("sort_order"));
    List<Ledger.Sent> all = new ArrayList<>();
    for (Ledger.Sent s : ledger.records()) {
      if (s.epochSecond() >= min - 1 && s.epochSecond() <= max + 1) {
        all.add(s);
      }
    }
    Comparator<Ledger.Sent> byId = Comparator.comparingLong(s -> Long.parseLong(s.id()));
    all.sort(asc ? byId : byId.reversed());
    ObjectNode out = JSON.createObjectNode();
    out.put("start", start).put("limit", limit).put("total", all.size());
    ArrayNode msgs = out.putArray("messages");
    for (int i = start; i < Math.min(all.size(), start + limit); i++) {
      Ledger.Sent s = all.get(i);
      msgs.addObject()
          .put("id", s.id())
          .put("batch_id", s.batchId())
          .put("number", s.digits())
          .put("sender", "CRELAY")
          .put("content", s.text())
          .put("status", s.answer())
          .put("customID", s.campaign())
          .put("datetime", DATETIME.format(Instant.ofEpochSecond(s.epochSecond())));
    }
    out.put("status", "success");
    return json(out);
  }

  private Reply statusBatch(Map<String, String> form) {
    if (recordsDown) {
      return Reply.of(503, "text/html", "<html><body>Reports are unavailable</body></html>");
    }
    String batchId = form.getOrDefault("batch_id", "");
    ObjectNode out = JSON.createObjectNode();
    ArrayNode msgs = JSON.createArrayNode();
    for (Ledger.Sent s : ledger.records()) {
      if (s.batchId().equals(batchId)) {
        msgs.addObject().put("recipient", Long.parseLong(s.digits())).put("status", s.answer());
      }
    }
    if (msgs.isEmpty()) {
      return failure(31, "Invalid batch ID");
    }
    out.put("batch_id", Long.parseLong(batchId));
    out.put("num_messages", msgs.size()).put("num_delivered", msgs.size());
    out.put("num_undelivered", 0).put("num_expired", 0).put("num_unknown", 0);
    out.put("num_invalid", 0);
    out.set("messages", msgs);
    out.put("status", "success");
    return json(out);
  }

  private static Reply json(ObjectNode node) {
    try {
      return Reply.json(200, JSON.writeValueAsString(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Reply failure(int code, String message) {
    ObjectNode out = JSON.createObjectNode();
    out.putArray("errors").addObject().put("code", code).put("message", message);
    out.put("status", "failure");
    return json(out);
  }
}
