package io.campaignrelay.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.campaignrelay.reliability.RawHttpServer.Reply;
import io.campaignrelay.reliability.RawHttpServer.Request;
import io.campaignrelay.reliability.RawHttpServer.Wire;
import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * What both vendor servers share: the ledger, the fault and when it fires, whether the vendor's
 * records (its reconciliation commands) answer, and a hook called after every accepted message (the
 * halt tests kill the client JVM there).
 */
abstract class VendorServer implements Closeable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Numbers the vendor refuses per message when the fault is {@link Fault#REFUSES_SOME}. */
  static final Set<String> REFUSED_DIGITS = Set.of("447700900003", "447700900006");

  volatile Ledger ledger;
  final String apiKey;
  private final RawHttpServer http;
  volatile Fault fault = Fault.NONE;
  volatile int faultAtCall = 2;
  volatile boolean armed = true;
  volatile boolean recordsDown;
  volatile boolean persistent;
  volatile IntConsumer onAccepted = n -> {};
  final AtomicInteger acceptedMessages = new AtomicInteger();

  VendorServer(Ledger ledger, String apiKey) throws IOException {
    this.ledger = ledger;
    this.apiKey = apiKey;
    this.http = new RawHttpServer(this::handle);
  }

  /** Starts over from a vendor state (the torn-journal test reuses one server per vendor). */
  void restore(Ledger state) {
    this.ledger = state;
    acceptedMessages.set(0);
  }

  String url() {
    return http.url();
  }

  abstract Reply handle(Request request);

  /** Whether the fault fires on this send call. */
  boolean fires(int call) {
    return armed
        && fault != Fault.NONE
        && fault != Fault.REFUSES_SOME
        && (persistent ? call >= faultAtCall : call == faultAtCall);
  }

  void accepted(Ledger.Sent s) {
    ledger.accept(s);
    onAccepted.accept(acceptedMessages.incrementAndGet());
  }

  static boolean isLeftOut(Fault f) {
    return f == Fault.LEAVES_OUT || f == Fault.LEAVES_OUT_UNSENT;
  }

  /** The fault's treatment of an answer whose messages were processed. */
  static Reply breakAnswer(Fault f, String json) {
    int half = Math.max(1, json.length() / 2);
    return switch (f) {
      case TRUNCATED_JSON -> Reply.json(200, json.substring(0, half));
      case EMPTY_BODY -> Reply.json(200, "");
      case HTML_BODY ->
          Reply.of(
              200,
              "text/html",
              "<html><body><h1>Thanks!</h1><p>Request received.</p></body></html>");
      case MALFORMED_JSON -> Reply.json(200, "{\"status\":\"success\" \"messages\": [oops}");
      case CHUNKED_CUT -> Reply.json(200, json).wire(Wire.CHUNKED_CUT, half);
      case CLOSED_MID_BODY -> Reply.json(200, json).wire(Wire.CUT_THEN_CLOSE, half);
      case RESET_MID_BODY -> Reply.json(200, json).wire(Wire.CUT_THEN_RESET, half);
      case ERROR_AFTER ->
          Reply.json(500, "{\"error\":{\"code\":\"internal\",\"message\":\"something broke\"}}");
      case RESET_AFTER -> Reply.reset();
      case TIMEOUT_AFTER, KEY_IN_FLIGHT -> Reply.hang();
      default -> throw new IllegalStateException(f.name());
    };
  }

  static String digits(String phone) {
    StringBuilder sb = new StringBuilder();
    for (char c : phone.toCharArray()) {
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    http.close();
  }
}
