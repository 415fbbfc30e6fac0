package io.campaignrelay.spring;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionProgress;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.outbox.MetricsOutbox;
import io.campaignrelay.core.runtime.JobListener;
import io.campaignrelay.core.runtime.JobRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Campaign Relay's Micrometer meters, fed from the SDK's hooks:
 *
 * <ul>
 *   <li>{@code campaignrelay.messages} (counter; {@code vendor}, {@code outcome} = {@code
 *       dispatched} | {@code dropped} | {@code uncertain}) from an {@link ExecutionListener} per
 *       vendor ({@link #executionListener(String)});
 *   <li>{@code campaignrelay.http.requests} (timer; {@code vendor}, {@code method}, {@code status}:
 *       the final status or {@code IO_ERROR}) per client call, retries included, and {@code
 *       campaignrelay.http.retries} (counter; {@code vendor}) for each attempt after the first that
 *       reached a connection (a retry after a refused connection is not seen), and {@code
 *       campaignrelay.http.throttled} (counter; {@code vendor}) for each 429 answer, from OkHttp
 *       interceptors on each client ({@link CampaignRelayHttpCustomizer});
 *   <li>{@code campaignrelay.jobs} (counter; {@code type}, {@code outcome} = {@code succeeded} |
 *       {@code failed}) from the scheduler's {@link JobListener} (the runtimes' db-scheduler jobs
 *       through the starter's wrapper of their scheduler);
 *   <li>{@code campaignrelay.outbox.depth} (gauge; {@code vendor}) the entries of a runtime's
 *       metrics outbox not yet acknowledged by Optimove, read from the database at each scrape
 *       ({@link #onOutbox}).
 * </ul>
 *
 * No URL, path, query or header is ever a tag: TextLocal carries its key in the request. The
 * runtimes take no {@link ExecutionListener}, so {@code campaignrelay.messages} counts only the
 * campaign runs a host gives {@link #executionListener(String)} to.
 */
public final class CampaignRelayMetrics
    implements JobListener, CampaignRelayHttpCustomizer, CampaignRelayStateListener {
  private final MeterRegistry registry;
  private final Map<Call, AtomicInteger> attempts = new ConcurrentHashMap<>();

  /**
   * Creates the meters' source on a registry.
   *
   * @param registry the registry
   */
  public CampaignRelayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * An execution listener counting one vendor's messages; give it to the vendor's campaign runs.
   *
   * @param vendor {@code textlocal} or {@code delivyr}
   * @return the listener
   */
  public ExecutionListener executionListener(String vendor) {
    Counter dispatched = messages(vendor, "dispatched");
    Counter dropped = messages(vendor, "dropped");
    Counter uncertain = messages(vendor, "uncertain");
    Map<CampaignId, Long> seen = new ConcurrentHashMap<>();
    return new ExecutionListener() {
      @Override
      public void onProgress(ExecutionProgress progress) {
        // progress is cumulative per campaign run: count only what is new since the last report
        long[] delta = {0};
        seen.compute(
            progress.campaignId(),
            (id, old) -> {
              long before = old == null ? 0 : old;
              delta[0] = Math.max(0, progress.dispatched() - before);
              return Math.max(before, progress.dispatched());
            });
        if (delta[0] > 0) {
          dispatched.increment(delta[0]);
        }
      }

      @Override
      public void onDropped(CustomerId customerId, RejectionReason reason, String detail) {
        dropped.increment();
      }

      @Override
      public void onUncertain(JournalEntry entry) {
        uncertain.increment();
      }
    };
  }

  private Counter messages(String vendor, String outcome) {
    return Counter.builder("campaignrelay.messages")
        .description(
            "Messages by outcome: dispatched, dropped (refused before or by the vendor)"
                + " or uncertain (outcome unknown, awaiting reconciliation)")
        .tag("vendor", vendor)
        .tag("outcome", outcome)
        .register(registry);
  }

  @Override
  public void onOutbox(String vendor, MetricsOutbox outbox) {
    Gauge.builder("campaignrelay.outbox.depth", outbox, CampaignRelayMetrics::depth)
        .description("Metrics outbox entries not yet acknowledged by Optimove")
        .tag("vendor", vendor)
        .register(registry);
  }

  private static double depth(MetricsOutbox outbox) {
    try {
      return outbox.depth();
    } catch (RuntimeException e) {
      return Double.NaN; // the database is unreachable: no figure rather than a wrong one
    }
  }

  @Override
  public void onSucceeded(JobRun run, Instant finishedAt) {
    job(run, "succeeded");
  }

  @Override
  public void onFailed(JobRun run, RuntimeException failure, Instant retryAt) {
    job(run, "failed");
  }

  private void job(JobRun run, String outcome) {
    Counter.builder("campaignrelay.jobs")
        .description("Runtime jobs run, by type and outcome")
        .tag("type", run.key().type())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  @Override
  public void customize(String vendor, OkHttpClient.Builder builder) {
    Counter retries =
        Counter.builder("campaignrelay.http.retries")
            .description("HTTP attempts after the first of a call")
            .tag("vendor", vendor)
            .register(registry);
    Counter throttled =
        Counter.builder("campaignrelay.http.throttled")
            .description("HTTP 429 answers")
            .tag("vendor", vendor)
            .register(registry);
    builder.addInterceptor(chain -> timed(vendor, chain));
    builder.addNetworkInterceptor(
        chain -> {
          AtomicInteger n = attempts.get(chain.call());
          if (n != null && n.incrementAndGet() > 1) {
            retries.increment();
          }
          Response r = chain.proceed(chain.request());
          if (r.code() == 429) {
            throttled.increment();
          }
          return r;
        });
  }

  private Response timed(String vendor, Interceptor.Chain chain) throws IOException {
    Call call = chain.call();
    attempts.put(call, new AtomicInteger());
    Timer.Sample sample = Timer.start(registry);
    String status = "IO_ERROR";
    try {
      Response r = chain.proceed(chain.request());
      status = Integer.toString(r.code());
      return r;
    } finally {
      attempts.remove(call);
      sample.stop(
          Timer.builder("campaignrelay.http.requests")
              .description("Vendor API calls, every retry included")
              .tag("vendor", vendor)
              .tag("method", chain.request().method())
              .tag("status", status)
              .register(registry));
    }
  }
}
