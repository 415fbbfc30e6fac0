package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.AuthenticationException;
import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.http.RetryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The target pages read one ahead of the engine: same rows in the same order, at most two pages
 * held, the reader stopped by closing, failures where they would have surfaced without prefetch.
 * The servers are written here; the reader's progress is observed through latches, never timed.
 */
@Timeout(20)
class TargetPrefetchTest extends OptimoveTestSupport {

  private static final String READER = OptimoveTargetSource.READER_THREAD_PREFIX + "1234";

  /**
   * Serves pages of {@code rows} rows (ids c0, c1, ...) of a campaign of {@code total} rows; a page
   * may be answered by {@code special} instead (null: the normal page).
   */
  static final class Pages extends Dispatcher {
    final int total;
    final IntFunction<MockResponse> special;
    final List<Integer> skips = Collections.synchronizedList(new ArrayList<>());

    Pages(int total, IntFunction<MockResponse> special) {
      this.total = total;
      this.special = special;
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      int top = Integer.parseInt(r.getUrl().queryParameter("$top"));
      int skip = Integer.parseInt(r.getUrl().queryParameter("$skip"));
      skips.add(skip);
      MockResponse instead = special.apply(skip);
      if (instead != null) {
        return instead;
      }
      return page(skip, Math.max(0, Math.min(top, total - skip)));
    }

    static MockResponse page(int first, int n) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = first; i < first + n; i++) {
        sb.append(i > first ? "," : "")
            .append("{\"CustomerID\":\"c")
            .append(i)
            .append("\",\"TemplateID\":7,\"CustomerAttributes\":[\"+4477009")
            .append(String.format("%05d", i))
            .append("\"]}");
      }
      return new MockResponse.Builder()
          .code(200)
          .addHeader("Content-Type", "application/json")
          .body(sb.append(']').toString())
          .build();
    }
  }

  OptimoveTargetSource.Builder source(int pageSize) {
    return OptimoveTargetSource.builder()
        .client(client)
        .function(OptimoveTargetSource.Function.SEND_DETAILS_BY_CHANNEL)
        .customerAttributes(List.of("MOBILE"))
        .pageSize(pageSize);
  }

  static Campaign campaign() {
    return TargetPagingTest.campaign(null);
  }

  static List<String> ids(Stream<Recipient> rows) {
    try (rows) {
      return rows.map(r -> r.customerId().value()).toList();
    }
  }

  static boolean readerAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(READER) && t.isAlive());
  }

  @Test
  void theRowsAndRequestsAreThoseOfSequentialPaging() {
    Pages pages = new Pages(25, skip -> null);
    server.setDispatcher(pages);

    List<String> sequential = ids(source(10).prefetch(false).build().recipients(campaign()));
    List<Integer> sequentialSkips = List.copyOf(pages.skips);
    pages.skips.clear();
    List<String> prefetched = ids(source(10).build().recipients(campaign()));

    assertThat(sequential).hasSize(25).startsWith("c0", "c1").endsWith("c24");
    assertThat(prefetched).containsExactlyElementsOf(sequential);
    assertThat(sequentialSkips).containsExactly(0, 10, 20);
    assertThat(pages.skips).containsExactlyElementsOf(sequentialSkips);
    assertThat(readerAlive()).isFalse();
  }

  @Test
  void aRepeatWithinAPageWindowIsStillYieldedOnceAcrossPages() {
    // c3 ends page 1 and starts page 2; c0 comes back far later (beyond the window): yielded
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            int skip = Integer.parseInt(r.getUrl().queryParameter("$skip"));
            return switch (skip) {
              case 0 -> Pages.page(0, 4);
              case 4 -> Pages.page(3, 4);
              case 8 -> Pages.page(7, 4);
              case 12 -> Pages.page(0, 2);
              default -> Pages.page(0, 0);
            };
          }
        });

    List<String> prefetched = ids(source(4).build().recipients(campaign()));
    List<String> sequential = ids(source(4).prefetch(false).build().recipients(campaign()));

    assertThat(sequential)
        .containsExactly(
            "c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c0", "c1");
    assertThat(prefetched).containsExactlyElementsOf(sequential);
  }

  @Test
  void theThirdPageIsNotRequestedUntilTheFirstIsConsumed() throws Exception {
    Pages pages = new Pages(100, skip -> null);
    server.setDispatcher(pages);
    Semaphore handedOver = new Semaphore(0);
    OptimoveTargetSource source = source(2).prefetchObserver(handedOver::release).build();

    try (Stream<Recipient> rows = source.recipients(campaign())) {
      Iterator<Recipient> it = rows.iterator();
      assertThat(it.next().customerId().value()).isEqualTo("c0");
      // page 1 was handed over and taken; page 2 is read and waits for the consumer
      assertThat(handedOver.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
      assertThat(pages.skips).containsExactly(0, 2);

      assertThat(it.next().customerId().value()).isEqualTo("c1");
      assertThat(pages.skips).containsExactly(0, 2);
      assertThat(handedOver.availablePermits()).isZero();

      assertThat(it.next().customerId().value()).isEqualTo("c2"); // page 1 done, page 2 taken
      assertThat(handedOver.tryAcquire(1, 10, TimeUnit.SECONDS)).isTrue();
      assertThat(pages.skips).containsExactly(0, 2, 4);
      assertThat(it.next().customerId().value()).isEqualTo("c3");
      assertThat(pages.skips).containsExactly(0, 2, 4);
      assertThat(readerAlive()).isTrue();
    }
    assertThat(readerAlive()).isFalse();
    assertThat(pages.skips).containsExactly(0, 2, 4);
  }

  @Test
  void closingWhileAPageIsInFlightCancelsItAndStopsTheReader() throws Exception {
    CountDownLatch secondAsked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Pages pages =
        new Pages(
            100,
            skip -> {
              if (skip == 2) {
                secondAsked.countDown();
                try {
                  release.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return null;
            });
    server.setDispatcher(pages);
    Stream<Recipient> rows = source(2).build().recipients(campaign());
    Iterator<Recipient> it = rows.iterator();
    assertThat(it.next().customerId().value()).isEqualTo("c0");
    assertThat(secondAsked.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(readerAlive()).isTrue();

    rows.close(); // returns although the server never answers page 2: the call is cancelled

    assertThat(readerAlive()).isFalse();
    release.countDown();
    assertThat(pages.skips).containsExactly(0, 2);
    assertThat(it.hasNext()).isTrue(); // the row already taken from page 1 is still there
    assertThat(it.next().customerId().value()).isEqualTo("c1");
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void closingWhileTheReaderWaitsStopsItWithoutAnotherRequest() throws Exception {
    Pages pages = new Pages(100, skip -> null);
    server.setDispatcher(pages);
    Semaphore handedOver = new Semaphore(0);
    Stream<Recipient> rows =
        source(2).prefetchObserver(handedOver::release).build().recipients(campaign());
    Iterator<Recipient> it = rows.iterator();
    it.next();
    assertThat(handedOver.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

    rows.close();

    assertThat(readerAlive()).isFalse();
    assertThat(pages.skips).containsExactly(0, 2);
  }

  @Test
  void aConsumerThatFailsClosesTheStreamAndTheReaderStops() throws Exception {
    Pages pages = new Pages(100, skip -> null);
    server.setDispatcher(pages);
    Semaphore handedOver = new Semaphore(0);
    OptimoveTargetSource source = source(2).prefetchObserver(handedOver::release).build();

    Throwable thrown =
        catchThrowable(
            () -> {
              try (Stream<Recipient> rows = source.recipients(campaign())) {
                Iterator<Recipient> it = rows.iterator();
                it.next();
                assertThat(handedOver.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
                throw new IllegalStateException("the engine failed");
              }
            });

    assertThat(thrown).hasMessage("the engine failed");
    assertThat(readerAlive()).isFalse();
    assertThat(pages.skips).containsExactly(0, 2);
  }

  /** Runs the listing with and without prefetch and returns the rows read before the failure. */
  private List<Throwable> failOnPageThree(
      MockResponse failure, Class<? extends Throwable> type, List<String> rowsBefore) {
    Pages pages = new Pages(100, skip -> skip == 4 ? failure : null);
    server.setDispatcher(pages);
    List<Throwable> failures = new ArrayList<>();
    for (boolean prefetch : new boolean[] {false, true}) {
      pages.skips.clear();
      List<String> read = new ArrayList<>();
      try (Stream<Recipient> rows = source(2).prefetch(prefetch).build().recipients(campaign())) {
        Throwable t = catchThrowable(() -> rows.forEach(r -> read.add(r.customerId().value())));
        assertThat(t).as("prefetch %s", prefetch).isInstanceOf(type);
        failures.add(t);
      }
      assertThat(read).as("prefetch %s", prefetch).containsExactlyElementsOf(rowsBefore);
      assertThat(pages.skips).as("prefetch %s", prefetch).allMatch(s -> s == 0 || s == 2 || s == 4);
      assertThat(readerAlive()).isFalse();
    }
    assertThat(failures.get(1)).hasSameClassAs(failures.get(0));
    assertThat(failures.get(1).getMessage()).isEqualTo(failures.get(0).getMessage());
    return failures;
  }

  @Test
  void aRefusedThirdPageSurfacesAfterTheRowsOfTheFirstTwoUnchanged() {
    List<Throwable> f =
        failOnPageThree(
            new MockResponse.Builder().code(401).body("{\"Message\":\"bad key\"}").build(),
            AuthenticationException.class,
            List.of("c0", "c1", "c2", "c3"));
    assertThat(f.get(1)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void anErrorStringOnTheThirdPageSurfacesAsTheSameServiceException() {
    List<Throwable> f =
        failOnPageThree(
            new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body("\"Campaign is not ready\"")
                .build(),
            ApiServiceException.class,
            List.of("c0", "c1", "c2", "c3"));
    assertThat(f.get(1).getMessage()).contains("Campaign is not ready");
  }

  @Test
  void aConnectionLostOnTheThirdPageSurfacesAsAConnectionException() {
    client = clientBuilder().retryOptions(RetryOptions.none()).buildClient();
    failOnPageThree(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build(),
        ApiConnectionException.class,
        List.of("c0", "c1", "c2", "c3"));
  }

  @Test
  void aRepeatedThirdPageStopsTheListingAsBefore() {
    List<Throwable> f =
        failOnPageThree(
            Pages.page(2, 2), TargetListingException.class, List.of("c0", "c1", "c2", "c3"));
    assertThat(((TargetListingException) f.get(1)).problem())
        .isEqualTo(TargetListingException.Problem.PAGE_REPEATED);
    assertThat(((TargetListingException) f.get(1)).page()).isEqualTo(3);
  }

  @Test
  void aPageWithoutAttributesStopsTheListingAsBefore() {
    List<Throwable> f =
        failOnPageThree(
            new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body("[{\"CustomerID\":\"c4\"},{\"CustomerID\":\"c5\"}]")
                .build(),
            TargetListingException.class,
            List.of("c0", "c1", "c2", "c3"));
    assertThat(((TargetListingException) f.get(1)).problem())
        .isEqualTo(TargetListingException.Problem.ATTRIBUTES_MISSING);
  }

  @Test
  void pastTheTargetedCountNoPageIsReadAfterTheOffendingOne() {
    Pages pages = new Pages(100, skip -> null);
    server.setDispatcher(pages);
    List<String> read = new ArrayList<>();

    assertThatThrownBy(
            () -> {
              try (Stream<Recipient> rows =
                  source(2).targetedMargin(1).build().recipients(TargetPagingTest.campaign(3L))) {
                rows.forEach(r -> read.add(r.customerId().value()));
              }
            })
        .isInstanceOfSatisfying(
            TargetListingException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(TargetListingException.Problem.PAST_TARGETED_COUNT);
              assertThat(e.page()).isEqualTo(3);
            });

    assertThat(read).containsExactly("c0", "c1", "c2", "c3");
    assertThat(pages.skips).containsExactly(0, 2, 4);
    assertThat(readerAlive()).isFalse();
  }

  @Test
  void aHostExecutorRunsTheReaderAndGetsItsThreadBackClean() throws Exception {
    Pages pages = new Pages(7, skip -> null);
    server.setDispatcher(pages);
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      OptimoveTargetSource source =
          source(2)
              .prefetchExecutor(
                  task -> {
                    tasks.incrementAndGet();
                    pool.execute(task);
                  })
              .build();

      assertThat(ids(source.recipients(campaign())))
          .containsExactly("c0", "c1", "c2", "c3", "c4", "c5", "c6");
      assertThat(tasks).hasValue(1);
      // the pool's thread is free and not left interrupted
      assertThat(
              pool.submit(() -> Thread.currentThread().isInterrupted()).get(10, TimeUnit.SECONDS))
          .isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExecutorThatRefusesOrRunsInlineMeansSequentialReading() {
    Pages pages = new Pages(5, skip -> null);
    server.setDispatcher(pages);

    List<String> refused =
        ids(
            source(2)
                .prefetchExecutor(
                    task -> {
                      throw new java.util.concurrent.RejectedExecutionException("full");
                    })
                .build()
                .recipients(campaign()));
    List<String> inline =
        ids(source(2).prefetchExecutor(Runnable::run).build().recipients(campaign()));

    assertThat(refused).containsExactly("c0", "c1", "c2", "c3", "c4");
    assertThat(inline).containsExactlyElementsOf(refused);
  }

  @Test
  void theReaderGoesThroughTheClientsRateLimit() {
    Pages pages = new Pages(10, skip -> null);
    server.setDispatcher(pages);
    RateLimiterConcurrencyTest.SimulatedClock simulated =
        new RateLimiterConcurrencyTest.SimulatedClock();
    List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    client =
        OptimoveClient.builder()
            .endpoint(server.url("/").toString())
            .credential(Secret.of(API_KEY))
            .clock(simulated)
            .sleeper(
                d -> {
                  waits.add(d);
                  simulated.advance(d);
                })
            .rateLimit(RateLimit.of(2, Duration.ofSeconds(10)))
            .buildClient();

    assertThat(ids(source(2).build().recipients(campaign()))).hasSize(10);

    // six page reads (the last one empty) at two per 10 s: at least 20 s of waiting
    assertThat(pages.skips).containsExactly(0, 2, 4, 6, 8, 10);
    assertThat(waits.stream().mapToLong(Duration::toMillis).sum()).isGreaterThanOrEqualTo(20_000);
  }

  @Test
  void theReaderIsANamedDaemonThread() throws Exception {
    Pages pages = new Pages(100, skip -> null);
    server.setDispatcher(pages);
    Semaphore handedOver = new Semaphore(0);
    try (Stream<Recipient> rows =
        source(2).prefetchObserver(handedOver::release).build().recipients(campaign())) {
      rows.iterator().next();
      assertThat(handedOver.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(t -> t.getName().equals(READER))
          .singleElement()
          .satisfies(t -> assertThat(t.isDaemon()).isTrue());
    }
  }

  @Test
  void nothingIsReadBeforeTheStreamIsUsed() {
    Pages pages = new Pages(100, skip -> null);
    server.setDispatcher(pages);
    Stream<Recipient> rows = source(2).build().recipients(campaign());
    assertThat(readerAlive()).isFalse();
    rows.close();
    assertThat(pages.skips).isEmpty();
  }
}
