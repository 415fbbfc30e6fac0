package io.campaignrelay.reliability;

/**
 * What a vendor server does wrong on the faulted send call (the {@code atCall}-th {@code bulk_json}
 * or {@code messages/batch} request of the first run). "Before" faults leave the batch unprocessed;
 * "after" faults process it (every message counted as accepted) and then break the answer.
 */
enum Fault {
  /** No fault: the baseline. */
  NONE(false, "no fault"),
  /** 200 with the JSON cut in half (Content-Length matches the cut body). */
  TRUNCATED_JSON(true, "200, JSON cut in half"),
  /** 200 with an empty body. */
  EMPTY_BODY(true, "200, empty body"),
  /** 200 with an HTML page (a proxy's). */
  HTML_BODY(true, "200, HTML page instead of JSON"),
  /** 200 with JSON that does not parse. */
  MALFORMED_JSON(true, "200, malformed JSON"),
  /** 200, chunked, the connection closed inside the chunked body. */
  CHUNKED_CUT(true, "200, chunked body cut"),
  /** 200, Content-Length of the whole body, closed (FIN) half-way through it. */
  CLOSED_MID_BODY(true, "200, connection closed mid-body"),
  /** 200, Content-Length of the whole body, reset half-way through it. */
  RESET_MID_BODY(true, "200, connection reset mid-body"),
  /** An intact answer that mentions two of the batch's (accepted) messages nowhere. */
  LEAVES_OUT(true, "answer leaves 2 accepted messages out"),
  /** An intact answer that mentions two messages nowhere, which the vendor did not send. */
  LEAVES_OUT_UNSENT(true, "answer leaves 2 unsent messages out"),
  /** Delivyr: the batch is processed, the answer never comes; retries meet 409 key-in-flight. */
  KEY_IN_FLIGHT(true, "answer lost, retries get 409 idempotency_key_in_flight"),
  /** 429 with Retry-After before processing. */
  RATE_LIMITED(false, "429 + Retry-After, not processed"),
  /** 503 before processing. */
  UNAVAILABLE_BEFORE(false, "503 before processing"),
  /** 500 after processing. */
  ERROR_AFTER(true, "500 after processing"),
  /** The request read, then a TCP reset, not processed. */
  RESET_BEFORE(false, "reset before processing"),
  /** Processed, then a TCP reset instead of the answer. */
  RESET_AFTER(true, "reset after processing"),
  /** Not processed, never answered (client read timeout). */
  TIMEOUT_BEFORE(false, "timeout before processing"),
  /** Processed, never answered (client read timeout). */
  TIMEOUT_AFTER(true, "timeout after processing"),
  /** A refusal whose error body echoes the credential. */
  ECHOES_CREDENTIAL(false, "401 echoing the credential"),
  /** A documented whole-batch refusal (TextLocal code 7, Delivyr 402/400), not processed. */
  REFUSED(false, "whole batch refused (documented error)"),
  /** Every call: the vendor refuses two numbers per message and accepts the rest. */
  REFUSES_SOME(false, "per-message refusals");

  final boolean processes;
  final String description;

  Fault(boolean processes, String description) {
    this.processes = processes;
    this.description = description;
  }
}
