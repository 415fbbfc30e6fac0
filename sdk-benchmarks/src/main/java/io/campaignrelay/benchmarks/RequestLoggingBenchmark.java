package io.campaignrelay.benchmarks;

import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.core.http.spi.VendorProfile;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import retrofit2.Call;
import retrofit2.http.Field;
import retrofit2.http.FormUrlEncoded;
import retrofit2.http.POST;

/**
 * The cost of the SDK's redacted request logging per request, with the vendor logger OFF, at DEBUG
 * (one line per attempt: method, redacted URL, status, time) and at TRACE (plus redacted headers
 * and bodies). Two shapes of TextLocal-style form request: a single send ({@code single}, about 200
 * bytes) and a {@code bulk_json} of 500 messages ({@code bulk500}, about 75 KB up, 45 KB down).
 *
 * <ul>
 *   <li>{@link #interceptorOnly()}: the pipeline's own logging interceptor, taken from {@link
 *       HttpPipeline#okHttpClient()}, run on a stub chain that answers at once: the logging cost
 *       alone, without I/O;
 *   <li>{@link #loopbackCall()}: a whole {@link HttpPipeline#execute} (User-Agent, retry loop,
 *       logging, Retrofit, OkHttp) against the in-process loopback server.
 * </ul>
 *
 * <p>Logging goes to the benchmark jar's SLF4J backend, which formats every message and discards it
 * ({@link BenchLogging}), so the figures are the SDK's cost without a log appender's I/O. Score:
 * <b>microseconds per request</b>.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestLoggingBenchmark {

  /** The vendor name of the benchmark's profile: logger {@code io.campaignrelay.bench.http}. */
  static final String VENDOR = "bench";

  /** The logger level: OFF, DEBUG or TRACE. */
  @Param({"OFF", "DEBUG", "TRACE"})
  public String level;

  /** The request shape: single or bulk500. */
  @Param({"single", "bulk500"})
  public String body;

  private LoopbackVendorServer server;
  private HttpPipeline pipeline;
  private BenchApi api;
  private Interceptor logging;
  private Request request;
  private String data;
  private byte[] cannedResponse;

  /** Creates the state. */
  public RequestLoggingBenchmark() {}

  /** The TextLocal-style calls of the benchmark. */
  public interface BenchApi {
    /**
     * A single send.
     *
     * @param numbers the number
     * @param message the text
     * @param sender the sender name
     * @return the call
     */
    @FormUrlEncoded
    @POST("send/")
    Call<ResponseBody> send(
        @Field("numbers") String numbers,
        @Field("message") String message,
        @Field("sender") String sender);

    /**
     * A bulk send.
     *
     * @param data the JSON document
     * @return the call
     */
    @FormUrlEncoded
    @POST("bulk_json/")
    Call<ResponseBody> bulk(@Field("data") String data);
  }

  /**
   * Starts the loopback server, builds the pipeline and sets the logger level.
   *
   * @throws IOException if the server cannot start
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    org.slf4j.event.Level l = "OFF".equals(level) ? null : org.slf4j.event.Level.valueOf(level);
    BenchLogging.setLevel("io.campaignrelay." + VENDOR + ".http", l);
    server = LoopbackVendorServer.start(0);
    VendorProfile profile =
        VendorProfile.builder(VENDOR)
            .secretNames("apikey", "hash", "password")
            .loggableParameters("sender", "test")
            .build();
    ClientOptions options =
        ClientOptions.builder()
            .endpoint(server.textLocalUrl())
            .rateLimit(RateLimit.of(1_000_000, Duration.ofSeconds(1)))
            .httpClient(
                new okhttp3.OkHttpClient.Builder()
                    .socketFactory(NoDelaySocketFactory.INSTANCE)
                    .addInterceptor(
                        chain -> {
                          Request r = chain.request();
                          FormBody form = (FormBody) r.body();
                          FormBody.Builder b =
                              new FormBody.Builder()
                                  .add("apikey", LoopbackVendorServer.TEXTLOCAL_KEY);
                          for (int i = 0; i < form.size(); i++) {
                            b.addEncoded(form.encodedName(i), form.encodedValue(i));
                          }
                          return chain.proceed(r.newBuilder().post(b.build()).build());
                        })
                    .build())
            .build();
    pipeline = HttpPipeline.create(options, profile);
    api = pipeline.create(BenchApi.class);
    for (Interceptor i : pipeline.okHttpClient().interceptors()) {
      if (i.getClass().getSimpleName().equals("LoggingInterceptor")) {
        logging = i;
      }
    }
    if (logging == null) {
      throw new IllegalStateException(
          "the pipeline has no LoggingInterceptor among " + pipeline.okHttpClient().interceptors());
    }
    data = RawCampaign.bulkJsonOfSize(500);
    FormBody form =
        "single".equals(body)
            ? new FormBody.Builder()
                .add("apikey", LoopbackVendorServer.TEXTLOCAL_KEY)
                .add("numbers", "447700000001")
                .add("message", Workload.expectedText(0))
                .add("sender", "CampRelay")
                .build()
            : new FormBody.Builder()
                .add("apikey", LoopbackVendorServer.TEXTLOCAL_KEY)
                .add("data", data)
                .build();
    request =
        new Request.Builder()
            .url(server.textLocalUrl() + ("single".equals(body) ? "send/" : "bulk_json/"))
            .post(form)
            .build();
    // the canned answer of the stub chain is the loopback server's real answer to this request
    try (Response r = pipeline.okHttpClient().newCall(request).execute()) {
      cannedResponse = r.body().bytes();
    }
    if (cannedResponse.length == 0) {
      throw new IllegalStateException("the loopback server answered with an empty body");
    }
  }

  /** Stops the server and resets the logger level. */
  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
    BenchLogging.setLevel("io.campaignrelay." + VENDOR + ".http", org.slf4j.event.Level.INFO);
  }

  /**
   * The logging interceptor alone, on a stub chain.
   *
   * @return the response, consumed by JMH
   * @throws IOException never (the stub does no I/O)
   */
  @Benchmark
  public Response interceptorOnly() throws IOException {
    Response response =
        logging.intercept(
            new StubChain(
                request,
                r ->
                    new Response.Builder()
                        .request(r)
                        .protocol(Protocol.HTTP_1_1)
                        .code(200)
                        .message("OK")
                        .body(
                            ResponseBody.create(
                                cannedResponse, MediaType.get("application/json; charset=utf-8")))
                        .build()));
    response.close();
    return response;
  }

  /**
   * A whole call through the pipeline to the loopback server.
   *
   * @return the response body's length, consumed by JMH
   * @throws IOException if the body cannot be read
   */
  @Benchmark
  public long loopbackCall() throws IOException {
    Call<ResponseBody> call =
        "single".equals(body)
            ? api.send("447700000001", Workload.expectedText(0), "CampRelay")
            : api.bulk(data);
    try (ResponseBody b = pipeline.execute(call, "POST bench/")) {
      return b.contentLength() >= 0 ? b.contentLength() : b.bytes().length;
    }
  }
}
