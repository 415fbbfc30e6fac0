package io.campaignrelay.reliability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A vendor server's ground truth: per phone number (international digits) how many times the server
 * really accepted an SMS for it, which acceptances reached the client in an intact answer, which
 * numbers it refused, and its own records (what the reconciliation commands read). Shared by both
 * vendors' servers; synchronized, and copyable so a torn-journal run can start from the vendor
 * state of the moment of the crash.
 */
final class Ledger {

  /** One accepted SMS, as the vendor's records hold it. */
  record Sent(
      String id,
      String batchId,
      String digits,
      String campaign,
      String idempotencyKey,
      String clientReference,
      String customerId,
      String text,
      long epochSecond,
      String answer) {}

  private final Map<String, Integer> accepted = new LinkedHashMap<>();
  private final Set<String> confirmed = new HashSet<>();
  private final Set<String> refused = new HashSet<>();
  private final List<Sent> records = new ArrayList<>();
  private int sendCalls;
  private long nextId = 1000;

  synchronized int nextSendCall() {
    return ++sendCalls;
  }

  synchronized String nextId() {
    return Long.toString(++nextId);
  }

  synchronized void accept(Sent s) {
    accepted.merge(s.digits(), 1, Integer::sum);
    records.add(s);
  }

  synchronized void refuse(String digits) {
    refused.add(digits);
  }

  /** The client was told, in an intact answer, that these were accepted. */
  synchronized void confirm(List<String> digits) {
    confirmed.addAll(digits);
  }

  synchronized int acceptedCount(String digits) {
    return accepted.getOrDefault(digits, 0);
  }

  synchronized boolean isConfirmed(String digits) {
    return confirmed.contains(digits);
  }

  synchronized boolean isRefused(String digits) {
    return refused.contains(digits);
  }

  synchronized List<Sent> records() {
    return List.copyOf(records);
  }

  synchronized int totalAccepted() {
    int n = 0;
    for (int v : accepted.values()) {
      n += v;
    }
    return n;
  }

  synchronized Ledger copy() {
    Ledger c = new Ledger();
    c.accepted.putAll(accepted);
    c.confirmed.addAll(confirmed);
    c.refused.addAll(refused);
    c.records.addAll(records);
    c.sendCalls = sendCalls;
    c.nextId = nextId;
    return c;
  }
}
