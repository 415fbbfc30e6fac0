package io.campaignrelay.reliability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Optimove's GetCustomerExecutionDetailsByCampaign, written for the matrix on a MockWebServer
 * dispatcher: rows in the order the test sets for each run, paged by {@code $top}/{@code $skip}, or
 * misbehaving as a third-party mock does. After {@value #VALVE} requests it answers 500, so a
 * client that pages without end fails the fault instead of hanging the suite.
 */
final class OptimoveServer implements Closeable {
  static final int VALVE = 60;

  /** How the server pages. */
  enum Paging {
    /** {@code $top}/{@code $skip} honoured. */
    NORMAL,
    /** Every request answered with all rows (ignores {@code $top}/{@code $skip}). */
    IGNORED,
    /** The second page repeats the first once. */
    REPEATS_PAGE,
    /** Rows 2 and 5 carry the singular {@code CustomerAttribute} (no requested attributes). */
    SINGULAR_ATTRIBUTE
  }

  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile List<Integer> order = List.of();
  private volatile Paging paging = Paging.NORMAL;
  private volatile boolean repeated;

  OptimoveServer() throws IOException {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start();
  }

  String url() {
    return server.url("/").toString();
  }

  void rows(List<Integer> customers) {
    this.order = List.copyOf(customers);
  }

  void paging(Paging p) {
    this.paging = p;
  }

  boolean valveFired() {
    return requests.get() > VALVE;
  }

  private MockResponse answer(RecordedRequest r) {
    if (requests.incrementAndGet() > VALVE) {
      return new MockResponse.Builder().code(500).body("\"paging never ended\"").build();
    }
    String top = r.getUrl().queryParameter("$top");
    String skip = r.getUrl().queryParameter("$skip");
    int pageSize = top == null ? 10_000 : Integer.parseInt(top);
    int from = skip == null ? 0 : Integer.parseInt(skip);
    List<Integer> rows = order;
    int start = from;
    int end = Math.min(rows.size(), from + pageSize);
    if (paging == Paging.IGNORED) {
      start = 0;
      end = rows.size();
    } else if (paging == Paging.REPEATS_PAGE && from == pageSize && !repeated) {
      repeated = true;
      start = 0;
      end = Math.min(rows.size(), pageSize);
    }
    ArrayNode out = VendorServer.JSON.createArrayNode();
    for (int i = Math.max(0, start); i < end; i++) {
      int c = rows.get(i);
      ObjectNode row = out.addObject();
      row.put("CustomerID", Targets.customerId(c));
      row.put("ActionID", 5).put("TemplateID", Targets.TEMPLATE).put("PromoCode", "");
      row.put("ScheduleTime", "2026-12-01 09:00:00");
      String attr =
          paging == Paging.SINGULAR_ATTRIBUTE && (c == 2 || c == 5)
              ? "CustomerAttribute"
              : "CustomerAttributes";
      row.putArray(attr).add(Targets.phone(c)).add(Targets.firstName(c));
    }
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(out.toString())
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
