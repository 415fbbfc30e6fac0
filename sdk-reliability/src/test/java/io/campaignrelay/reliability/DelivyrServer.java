package io.campaignrelay.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.reliability.RawHttpServer.Reply;
import io.campaignrelay.reliability.RawHttpServer.Request;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivyr, written from {@code shared/spec/delivyr-api.md} for the fault matrix: {@code POST
 * messages/batch} deduplicates per message {@code idempotencyKey} for 24 h (a repeat is not sent
 * and its first result comes back with {@code replayed: true}) and answers a repeat of a whole
 * batch's {@code Idempotency-Key} with the first answer; a message without a key of its own is sent
 * every time it arrives. {@code GET messages?campaignId=&idempotencyKey=} lists the Message Log
 * (the reconciliation). Bearer auth; errors {@code {"error":{code,message}}}.
 */
final class DelivyrServer extends VendorServer {
  private final Map<String, ObjectNode> firstResultByKey = new HashMap<>();
  private final Map<String, String> answerByBatchKey = new HashMap<>();
  private final Map<String, List<String>> listedByBatchKey = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();

  DelivyrServer(Ledger ledger, String apiKey) throws IOException {
    super(ledger, apiKey);
  }

  /** Rebuilds the per-message dedupe memory from the records (a server restored from a ledger). */
  @Override
  synchronized void restore(Ledger state) {
    super.restore(state);
    firstResultByKey.clear();
    answerByBatchKey.clear();
    listedByBatchKey.clear();
    inFlight.clear();
    restoreFromRecords();
  }

  synchronized void restoreFromRecords() {
    Map<String, ArrayNode> batches = new java.util.LinkedHashMap<>();
    for (Ledger.Sent s : ledger.records()) {
      ObjectNode r = result(s.clientReference(), s.id(), "queued");
      if (s.idempotencyKey() != null) {
        firstResultByKey.put(s.idempotencyKey(), r.deepCopy());
      }
      if (s.batchId() != null) {
        batches.computeIfAbsent(s.batchId(), k -> JSON.createArrayNode()).add(r);
        listedByBatchKey.computeIfAbsent(s.batchId(), k -> new ArrayList<>()).add(s.digits());
      }
    }
    batches.forEach(
        (k, results) -> {
          ObjectNode out = JSON.createObjectNode();
          out.set("results", results);
          answerByBatchKey.put(k, out.toString());
        });
  }

  @Override
  Reply handle(Request request) {
    if (!("Bearer " + apiKey).equals(request.header("authorization"))) {
      return error(401, "unauthorized", "invalid API key");
    }
    try {
      if (request.method().equals("POST") && request.path().equals("/messages/batch")) {
        return batch(request);
      }
      if (request.method().equals("GET") && request.path().equals("/messages")) {
        return messages(request.query());
      }
      return error(404, "not_found", "no route " + request.method() + " " + request.path());
    } catch (IOException e) {
      return error(400, "invalid_json", "the body is not JSON");
    }
  }

  private synchronized Reply batch(Request request) throws IOException {
    int call = ledger.nextSendCall();
    String batchKey = request.header("idempotency-key");
    if (batchKey != null && inFlight.contains(batchKey)) {
      if (armed) {
        return error(409, "idempotency_key_in_flight", "a request with this key is in progress");
      }
      inFlight.remove(batchKey);
      answerByBatchKey.put(batchKey, answerByBatchKey.remove(batchKey + "#pending"));
    }
    boolean fires = fires(call);
    if (fires) {
      switch (fault) {
        case RATE_LIMITED -> {
          return error(429, "rate_limited", "slow down").header("Retry-After", "2");
        }
        case UNAVAILABLE_BEFORE -> {
          return error(503, "unavailable", "try again later");
        }
        case RESET_BEFORE -> {
          return Reply.reset();
        }
        case TIMEOUT_BEFORE -> {
          return Reply.hang();
        }
        case ECHOES_CREDENTIAL -> {
          return error(401, "unauthorized", "Bearer " + apiKey + " is not valid for this account");
        }
        case REFUSED -> {
          return error(403, "forbidden", "this key may not send messages");
        }
        default -> {}
      }
    }
    if (batchKey != null && answerByBatchKey.containsKey(batchKey)) {
      String stored = answerByBatchKey.get(batchKey);
      if (fires && fault.processes && !isLeftOut(fault)) {
        // a lasting fault breaks the replayed answer too
        return breakAnswer(fault, stored);
      }
      ledger.confirm(listedByBatchKey.getOrDefault(batchKey, List.of()));
      return Reply.json(200, stored);
    }
    JsonNode body = JSON.readTree(request.body());
    ArrayNode results = JSON.createArrayNode();
    List<String> listed = new ArrayList<>();
    int leftOut = 0;
    int index = 0;
    for (JsonNode m : body.path("messages")) {
      String digits = digits(m.path("to").asText());
      String key = m.hasNonNull("idempotencyKey") ? m.get("idempotencyKey").asText() : null;
      String reference = m.path("clientReference").asText(null);
      ObjectNode result;
      boolean omit = fires && isLeftOut(fault) && leftOut < 2 && index % 2 == 1;
      if (omit && fault == Fault.LEAVES_OUT_UNSENT) {
        index++;
        leftOut++;
        continue;
      }
      if (key != null && firstResultByKey.containsKey(key)) {
        result = firstResultByKey.get(key).deepCopy();
        result.put("replayed", true);
        result.put("clientReference", reference);
      } else if (fault == Fault.REFUSES_SOME && REFUSED_DIGITS.contains(digits)) {
        ledger.refuse(digits);
        result = result(reference, null, "rejected");
        result.putObject("rejection").put("reason", "invalid_phone_format").put("detail", "bad");
        if (key != null) {
          firstResultByKey.put(key, result.deepCopy());
        }
      } else {
        String id = "msg_" + ledger.nextId();
        accepted(
            new Ledger.Sent(
                id,
                batchKey,
                digits,
                m.path("campaign").path("optimoveCampaignId").asText(),
                key,
                reference,
                m.path("customerId").asText(null),
                m.path("body").asText(),
                Instant.now().getEpochSecond(),
                "queued"));
        result = result(reference, id, "queued");
        if (key != null) {
          firstResultByKey.put(key, result.deepCopy());
        }
      }
      index++;
      if (omit) {
        leftOut++;
        continue;
      }
      results.add(result);
      listed.add(digits);
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("results", results);
    String json = JSON.writeValueAsString(out);
    if (batchKey != null) {
      answerByBatchKey.put(batchKey, json);
      listedByBatchKey.put(batchKey, listed);
    }
    if (fires && fault == Fault.KEY_IN_FLIGHT && batchKey != null) {
      answerByBatchKey.remove(batchKey);
      inFlight.add(batchKey);
      answerByBatchKey.put(batchKey + "#pending", json);
    }
    if (fires && !isLeftOut(fault)) {
      return breakAnswer(fault, json);
    }
    ledger.confirm(listed);
    return Reply.json(200, json);
  }

  /** Ends the in-flight window of a key-in-flight fault: later repeats get the first answer. */
  synchronized void settle() {
    for (String k : inFlight) {
      String json = answerByBatchKey.remove(k + "#pending");
      if (json != null) {
        answerByBatchKey.put(k, json);
      }
    }
    inFlight.clear();
  }

  private Reply messages(Map<String, String> query) throws IOException {
    if (recordsDown) {
      return error(503, "unavailable", "the message log is unavailable");
    }
    String campaignId = query.get("campaignId");
    String key = query.get("idempotencyKey");
    String customerId = query.get("customerId");
    int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
    int from = Integer.parseInt(query.getOrDefault("cursor", "0"));
    List<Ledger.Sent> match = new ArrayList<>();
    for (Ledger.Sent s : ledger.records()) {
      if ((campaignId == null || campaignId.equals(s.campaign()))
          && (key == null || key.equals(s.idempotencyKey()))
          && (customerId == null || customerId.equals(s.customerId()))) {
        match.add(s);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode data = out.putArray("data");
    for (int i = from; i < Math.min(match.size(), from + limit); i++) {
      Ledger.Sent s = match.get(i);
      String at = Instant.ofEpochSecond(s.epochSecond()).toString();
      ObjectNode e = data.addObject();
      e.put("id", s.id()).put("to", "+" + s.digits()).put("customerId", s.customerId());
      e.put("body", s.text()).put("status", s.answer()).put("testMode", false);
      e.put("createdAt", at).put("updatedAt", at).put("clicks", 0);
      e.put("idempotencyKey", s.idempotencyKey()).put("clientReference", s.clientReference());
      e.putObject("campaign").put("optimoveCampaignId", s.campaign());
    }
    if (from + limit < match.size()) {
      out.put("nextCursor", Integer.toString(from + limit));
    } else {
      out.putNull("nextCursor");
    }
    return Reply.json(200, JSON.writeValueAsString(out));
  }

  private static ObjectNode result(String reference, String id, String status) {
    ObjectNode r = JSON.createObjectNode();
    r.put("clientReference", reference);
    if (id == null) {
      r.putNull("id");
    } else {
      r.put("id", id);
    }
    r.put("status", status);
    r.putNull("rejection");
    r.put("replayed", false);
    return r;
  }

  private static Reply error(int status, String code, String message) {
    ObjectNode out = JSON.createObjectNode();
    out.putObject("error").put("code", code).put("message", message);
    try {
      return Reply.json(status, JSON.writeValueAsString(out));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
