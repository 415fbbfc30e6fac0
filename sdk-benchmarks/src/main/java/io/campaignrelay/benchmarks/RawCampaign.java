package io.campaignrelay.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The baseline: the same campaign as the SDK run, written by hand with raw OkHttp and Jackson
 * streaming and no SDK. It makes the same HTTP requests (Optimove pages of 10,000 with the same
 * query, TextLocal {@code bulk_json} of 500 with the same form fields and JSON document, Delivyr
 * {@code messages/batch} of 1,000 with the same JSON and the same SHA-256 idempotency keys) and
 * does only what it must in between: read each row's id, phone and attributes, fill the template by
 * concatenation, check the answers' status. No validation, journal, opt-out list or length check:
 * that is the SDK's added value, and its cost is what the SDK/raw ratio shows.
 */
final class RawCampaign {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int PAGE = 10_000;
  private static final String CUSTOM = "optimove-campaign-" + Workload.CAMPAIGN_ID;

  private final LoopbackVendorServer server;
  private final OkHttpClient http;
  private final String[] literals;
  private final String[] tags;
  private final ThreadLocal<MessageDigest> sha = ThreadLocal.withInitial(RawCampaign::sha256);
  private final HexFormat hex = HexFormat.of();

  RawCampaign(LoopbackVendorServer server) {
    this.server = server;
    this.http = httpClient();
    List<String> lit = new ArrayList<>();
    List<String> tag = new ArrayList<>();
    String body = Workload.BODY;
    int pos = 0;
    while (true) {
      int open = body.indexOf("[%", pos);
      if (open < 0) {
        lit.add(body.substring(pos));
        break;
      }
      int close = body.indexOf("%]", open);
      lit.add(body.substring(pos, open));
      tag.add(body.substring(open + 2, close));
      pos = close + 2;
    }
    this.literals = lit.toArray(new String[0]);
    this.tags = tag.toArray(new String[0]);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The OkHttp client of both sides: TCP_NODELAY sockets and a connection pool that keeps up to 32
   * idle connections (OkHttp's default of 5 would close and reopen connections between bursts of 8
   * requests in flight). The SDK side gets its own instance of the same.
   *
   * @return a new client
   */
  static OkHttpClient httpClient() {
    return new OkHttpClient.Builder()
        .socketFactory(NoDelaySocketFactory.INSTANCE)
        .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
        .build();
  }

  /** One recipient as the raw loop holds it. */
  private record Row(String customerId, String phone, String text) {}

  /** Where a batch goes. */
  private interface Sender {
    int send(List<Row> batch) throws IOException;

    int batchSize();
  }

  /**
   * Runs the campaign through TextLocal {@code bulk_json}, one request at a time.
   *
   * @return messages accepted
   * @throws IOException on a transport failure
   */
  long runTextLocal() throws IOException {
    return runTextLocal(0);
  }

  /**
   * Runs the campaign through TextLocal {@code bulk_json}.
   *
   * @param inFlight 0 for the sequential loop (one thread: read a page, send each batch, wait for
   *     its answer, go on); N for up to N {@code bulk_json} requests in flight at once
   * @return messages accepted
   * @throws IOException on a transport failure
   */
  long runTextLocal(int inFlight) throws IOException {
    Sender sender =
        new Sender() {
          @Override
          public int send(List<Row> batch) throws IOException {
            return sendTextLocal(batch);
          }

          @Override
          public int batchSize() {
            return 500;
          }
        };
    return inFlight <= 0 ? run(sender) : runConcurrently(sender, inFlight);
  }

  /**
   * Runs the campaign through Delivyr {@code messages/batch}, one request at a time.
   *
   * @return messages accepted
   * @throws IOException on a transport failure
   */
  long runDelivyr() throws IOException {
    return runDelivyr(0);
  }

  /**
   * Runs the campaign through Delivyr {@code messages/batch}.
   *
   * @param inFlight 0 for the sequential loop; N for up to N requests in flight at once
   * @return messages accepted
   * @throws IOException on a transport failure
   */
  long runDelivyr(int inFlight) throws IOException {
    Sender sender =
        new Sender() {
          @Override
          public int send(List<Row> batch) throws IOException {
            return sendDelivyr(batch);
          }

          @Override
          public int batchSize() {
            return 1000;
          }
        };
    return inFlight <= 0 ? run(sender) : runConcurrently(sender, inFlight);
  }

  /** The sequential loop: every batch is sent, and answered, before the next row is read. */
  private long run(Sender sender) throws IOException {
    long[] accepted = {0};
    List<Row> batch = new ArrayList<>(sender.batchSize());
    readPages(
        row -> {
          batch.add(row);
          if (batch.size() == sender.batchSize()) {
            accepted[0] += sender.send(batch);
            batch.clear();
          }
        });
    if (!batch.isEmpty()) {
      accepted[0] += sender.send(batch);
    }
    return accepted[0];
  }

  /**
   * Up to {@code inFlight} sends at once: this thread reads the pages and fills batches; each full
   * batch goes to one of {@code inFlight} sender threads, which writes its body and makes the same
   * request as {@link #run(Sender)} (the same code). When all {@code inFlight} are busy, this
   * thread waits for one to finish before handing over the next batch, so at most {@code inFlight}
   * batches are held besides the one being filled. The page reads overlap only with the sends
   * already in flight: no new send starts while this thread reads a page (there is no page prefetch
   * here), so at a high latency the senders idle for part of each page read.
   */
  private long runConcurrently(Sender sender, int inFlight) throws IOException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            inFlight,
            r -> {
              Thread t = new Thread(r, "raw-sender");
              t.setDaemon(true);
              return t;
            });
    Semaphore slots = new Semaphore(inFlight);
    LongAdder accepted = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<List<Row>> current = new ArrayList<>(1);
    current.add(new ArrayList<>(sender.batchSize()));
    IoConsumer<List<Row>> submit =
        full -> {
          try {
            slots.acquire();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
          rethrow(failure.get());
          pool.execute(
              () -> {
                try {
                  accepted.add(sender.send(full));
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                } finally {
                  slots.release();
                }
              });
        };
    try {
      readPages(
          row -> {
            List<Row> batch = current.get(0);
            batch.add(row);
            if (batch.size() == sender.batchSize()) {
              submit.accept(batch);
              current.set(0, new ArrayList<>(sender.batchSize()));
            }
          });
      if (!current.get(0).isEmpty()) {
        submit.accept(current.get(0));
      }
      try {
        slots.acquire(inFlight); // every send answered
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      rethrow(failure.get());
      return accepted.sum();
    } finally {
      pool.shutdownNow();
    }
  }

  private static void rethrow(Throwable t) throws IOException {
    if (t == null) {
      return;
    }
    if (t instanceof IOException e) {
      throw new IOException("a send failed: " + e.getMessage(), e);
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IOException(t);
  }

  /** A consumer that may fail with an {@link IOException}. */
  private interface IoConsumer<T> {
    void accept(T value) throws IOException;
  }

  /**
   * Reads every Optimove page in turn and hands each row, with its text filled, to {@code rows}.
   */
  private void readPages(IoConsumer<Row> rows) throws IOException {
    if (!WHOLE_PAGES) {
      readPages(rows, null);
      return;
    }
    // An experiment (-Dcampaignrelay.bench.rawWholePages=true): each page is read whole before any
    // of its rows is used, as the SDK's target source hands a page over only once all of it has
    // been read and checked.
    List<Row> page = new ArrayList<>(PAGE);
    readPages(rows, page);
  }

  /** Whether the raw loop reads each page whole before using its rows (an experiment). */
  private static final boolean WHOLE_PAGES =
      Boolean.getBoolean("campaignrelay.bench.rawWholePages");

  private void readPages(IoConsumer<Row> rows, List<Row> page) throws IOException {
    long skip = 0;
    String[] values = new String[tags.length];
    while (true) {
      HttpUrl url =
          HttpUrl.get(server.optimoveUrl())
              .newBuilder()
              .addPathSegments("current/customers/GetCustomerExecutionDetailsByCampaign")
              .addQueryParameter("CampaignID", Long.toString(Workload.CAMPAIGN_ID))
              .addQueryParameter("ChannelID", Integer.toString(Workload.CHANNEL_ID))
              .addQueryParameter("CustomerAttributes", String.join(";", Workload.ATTRIBUTES))
              .addQueryParameter("CustomerAttributesDelimiter", ",")
              .addEncodedQueryParameter("$top", Integer.toString(PAGE))
              .addEncodedQueryParameter("$skip", Long.toString(skip))
              .build();
      Request request =
          new Request.Builder()
              .url(url)
              .header("X-API-KEY", LoopbackVendorServer.OPTIMOVE_KEY)
              .header("Accept", "application/json")
              .build();
      int count = 0;
      try (Response response = http.newCall(request).execute();
          JsonParser p = FACTORY.createParser(response.body().byteStream())) {
        if (response.code() != 200) {
          throw new IOException("Optimove answered " + response.code());
        }
        if (p.nextToken() != JsonToken.START_ARRAY) {
          throw new IOException("Optimove page is not an array");
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String customerId = null;
          String promo = null;
          String phone = null;
          String first = null;
          String tier = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
              case "CustomerID" -> customerId = p.getText();
              case "PromoCode" -> promo = p.getText();
              case "CustomerAttributes" -> {
                if (v != JsonToken.START_ARRAY) {
                  throw new IOException("attributes are not an array");
                }
                p.nextToken();
                phone = p.getText();
                p.nextToken();
                first = p.getText();
                p.nextToken();
                tier = p.getText();
                p.nextToken(); // END_ARRAY
              }
              default -> p.skipChildren();
            }
          }
          count++;
          for (int t = 0; t < tags.length; t++) {
            values[t] =
                switch (tags[t]) {
                  case "FIRST_NAME" -> first;
                  case "TIER" -> tier;
                  case "PROMO_CODE" -> promo;
                  default -> throw new IOException("unknown tag " + tags[t]);
                };
          }
          StringBuilder text = new StringBuilder(Workload.BODY.length() + 16);
          for (int t = 0; t < tags.length; t++) {
            text.append(literals[t]).append(values[t]);
          }
          text.append(literals[tags.length]);
          Row row = new Row(customerId, phone, text.toString());
          if (page == null) {
            rows.accept(row);
          } else {
            page.add(row);
          }
        }
      }
      if (page != null) {
        for (Row row : page) {
          rows.accept(row);
        }
        page.clear();
      }
      if (count < PAGE) {
        break;
      }
      skip += count;
    }
  }

  private int sendTextLocal(List<Row> batch) throws IOException {
    StringWriter json = new StringWriter(batch.size() * 160 + 64);
    try (JsonGenerator g = FACTORY.createGenerator(json)) {
      g.writeStartObject();
      g.writeStringField("sender", "CampRelay");
      g.writeStringField("custom", CUSTOM);
      g.writeArrayFieldStart("messages");
      for (Row r : batch) {
        g.writeStartObject();
        g.writeStringField("number", r.phone().substring(1));
        g.writeStringField("text", r.text());
        g.writeStringField("unique_id", messageKey(r.customerId()));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    FormBody form =
        new FormBody.Builder()
            .add("apikey", LoopbackVendorServer.TEXTLOCAL_KEY)
            .add("data", json.toString())
            .build();
    Request request =
        new Request.Builder().url(server.textLocalUrl() + "bulk_json/").post(form).build();
    try (Response response = http.newCall(request).execute();
        JsonParser p = FACTORY.createParser(response.body().byteStream())) {
      int ids = 0;
      String status = null;
      int depth = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        } else if (t == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (name.equals("id")) {
            ids++;
          } else if (name.equals("status") && depth == 1) {
            p.nextToken();
            status = p.getText();
          }
        }
      }
      if (!"success".equals(status)) {
        throw new IOException("TextLocal answered status " + status);
      }
      return ids;
    }
  }

  private int sendDelivyr(List<Row> batch) throws IOException {
    StringWriter json = new StringWriter(batch.size() * 260 + 32);
    StringBuilder keys = new StringBuilder(batch.size() * 37);
    try (JsonGenerator g = FACTORY.createGenerator(json)) {
      g.writeStartObject();
      g.writeArrayFieldStart("messages");
      for (Row r : batch) {
        String key = messageKey(r.customerId());
        if (keys.length() > 0) {
          keys.append('\n');
        }
        keys.append(key);
        g.writeStartObject();
        g.writeStringField("to", r.phone());
        g.writeStringField("customerId", r.customerId());
        g.writeStringField("body", r.text());
        g.writeObjectFieldStart("variables"); // the SDK sends the (empty) variables map too
        g.writeEndObject();
        g.writeObjectFieldStart("campaign");
        g.writeStringField("optimoveCampaignId", Long.toString(Workload.CAMPAIGN_ID));
        g.writeNumberField("channelId", Workload.CHANNEL_ID);
        g.writeNumberField("optimoveTemplateId", Workload.TEMPLATE_ID);
        g.writeEndObject();
        g.writeBooleanField("testMode", false);
        g.writeStringField("clientReference", key);
        g.writeStringField("idempotencyKey", key); // each message's own key, as the SDK sends
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    String batchKey =
        "cr1-b-"
            + hex.formatHex(sha.get().digest(keys.toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 48);
    Request request =
        new Request.Builder()
            .url(server.delivyrUrl() + "messages/batch")
            .header("Authorization", "Bearer " + LoopbackVendorServer.DELIVYR_KEY)
            .header("Idempotency-Key", batchKey)
            .post(RequestBody.create(json.toString(), JSON))
            .build();
    try (Response response = http.newCall(request).execute();
        JsonParser p = FACTORY.createParser(response.body().byteStream())) {
      if (response.code() != 200) {
        throw new IOException("Delivyr answered " + response.code());
      }
      int accepted = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("status")) {
          p.nextToken();
          if (!"rejected".equals(p.getText())) {
            accepted++;
          }
        }
      }
      return accepted;
    }
  }

  private String messageKey(String customerId) {
    MessageDigest sha = this.sha.get();
    sha.reset();
    sha.update(Long.toString(Workload.CAMPAIGN_ID).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(customerId.getBytes(StandardCharsets.UTF_8));
    return "cr1-" + hex.formatHex(sha.digest(), 0, 16);
  }

  /**
   * A TextLocal {@code bulk_json} document of n messages of the workload (for the logging
   * benchmark).
   *
   * @param n how many messages
   * @return the JSON text
   */
  static String bulkJsonOfSize(int n) {
    StringWriter json = new StringWriter(n * 160 + 64);
    try (JsonGenerator g = FACTORY.createGenerator(json)) {
      g.writeStartObject();
      g.writeStringField("sender", "CampRelay");
      g.writeStringField("custom", CUSTOM);
      g.writeArrayFieldStart("messages");
      for (int i = 0; i < n; i++) {
        g.writeStartObject();
        g.writeStringField("number", Workload.phone(i).substring(1));
        g.writeStringField("text", Workload.expectedText(i));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return json.toString();
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
