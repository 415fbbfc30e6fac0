package io.campaignrelay.benchmarks;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RateLimit;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.delivyr.DelivyrMessageChannel;
import io.campaignrelay.jdbc.JdbcStore;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalCredential;
import io.campaignrelay.textlocal.TextLocalMessageChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * The SDK side of the end-to-end benchmark: {@link OptimoveTargetSource} (pages of 10,000, or
 * {@code -Dcampaignrelay.bench.pageSize=N} to see what a page's size costs; three attributes, phone
 * first) feeding a {@link CampaignExecutor} in LIVE mode that renders, validates (phone number,
 * opt-out list, length), journals and sends through {@link DelivyrMessageChannel} ({@code
 * messages/batch} of 1,000) or {@link TextLocalMessageChannel} ({@code bulk_json} of 500), with the
 * engine's default concurrency or a given one (see {@link ConcurrencyApi}). Clients are built as a
 * user would, with the vendors' client-side rate limits lifted (Optimove's 50 requests / 10 s would
 * otherwise make the 100 page reads take at least 20 s of waiting, and the benchmark measures the
 * SDK, not the budget).
 */
final class SdkCampaign {

  /** Which journal the executor records to. */
  enum Journal {
    /** The SDK's default: {@link InMemoryExecutionJournal} (a compact index per recipient). */
    IN_MEMORY,
    /** A journal that forgets everything: isolates the memory of the journal from the rest. */
    NONE,
    /**
     * sdk-jdbc's {@code JdbcExecutionJournal} on the embedded PostgreSQL of {@link BenchPostgres},
     * a fresh schema per run.
     */
    JDBC_POSTGRES
  }

  /** The sender name of the TextLocal sends (the raw loop writes the same). */
  static final String SENDER = "CampRelay";

  private static final RateLimit UNLIMITED = RateLimit.of(1_000_000, Duration.ofSeconds(1));

  private final OptimoveClient optimove;

  /**
   * Of the last run on the JDBC journal: nanoseconds outside the campaign's execution (the store's
   * set-up with its migrations, and the check of the journal's rows afterwards, whose first read
   * folds the run's journal log), which the benchmark reports beside the run's time; 0 otherwise.
   */
  volatile long lastOutsideNanos;

  /** Of the last run on the JDBC journal: nanoseconds of the row check, the first read. */
  volatile long lastCheckNanos;

  private final TextLocalClient textLocal;
  private final DelivyrClient delivyr;
  private final Campaign campaign;
  private final Template template;

  SdkCampaign(LoopbackVendorServer server) {
    ClientOptions options =
        ClientOptions.builder().rateLimit(UNLIMITED).httpClient(RawCampaign.httpClient()).build();
    this.optimove =
        OptimoveClient.builder()
            .endpoint(server.optimoveUrl())
            .credential(Secret.of(LoopbackVendorServer.OPTIMOVE_KEY))
            .clientOptions(options)
            .buildClient();
    this.textLocal =
        TextLocalClient.builder()
            .endpoint(server.textLocalUrl())
            .credential(TextLocalCredential.apiKey(Secret.of(LoopbackVendorServer.TEXTLOCAL_KEY)))
            .clientOptions(options)
            .buildClient();
    this.delivyr =
        DelivyrClient.builder()
            .endpoint(server.delivyrUrl())
            .credential(Secret.of(LoopbackVendorServer.DELIVYR_KEY))
            .clientOptions(options)
            .buildClient();
    this.campaign = Workload.campaign().build();
    this.template = Workload.template(TemplateId.of(Workload.TEMPLATE_ID), ApprovalState.APPROVED);
  }

  ExecutionReport runTextLocal(Journal journal) {
    return runTextLocal(journal, ExecutionListener.NONE, 0);
  }

  /**
   * Runs the campaign through TextLocal.
   *
   * @param journal the journal
   * @param listener the listener
   * @param concurrency batches in flight; 0 to leave it to the defaults (the channel and executor
   *     built without any concurrency setting)
   * @return the report
   */
  ExecutionReport runTextLocal(Journal journal, ExecutionListener listener, int concurrency) {
    return run(textLocalChannel(concurrency), journal, listener, concurrency);
  }

  ExecutionReport runDelivyr(Journal journal) {
    return runDelivyr(journal, ExecutionListener.NONE, 0);
  }

  /**
   * Runs the campaign through Delivyr.
   *
   * @param journal the journal
   * @param listener the listener
   * @param concurrency batches in flight; 0 to leave it to the defaults
   * @return the report
   */
  ExecutionReport runDelivyr(Journal journal, ExecutionListener listener, int concurrency) {
    return run(delivyrChannel(concurrency), journal, listener, concurrency);
  }

  /**
   * The batches in flight of a run without any concurrency setting: the channel's declared maximum.
   *
   * @param vendor {@code textlocal} or {@code delivyr}
   * @return N
   */
  int defaultConcurrency(String vendor) {
    return ConcurrencyApi.maxConcurrentBatches(
        vendor.equals("textlocal") ? textLocalChannel(0) : delivyrChannel(0));
  }

  private MessageChannel textLocalChannel(int concurrency) {
    TextLocalMessageChannel.Builder b =
        TextLocalMessageChannel.builder().client(textLocal).sender(SENDER);
    return concurrency == 0 ? b.build() : ConcurrencyApi.textLocal(b, concurrency);
  }

  private MessageChannel delivyrChannel(int concurrency) {
    return concurrency == 0
        ? ConcurrencyApi.delivyr(delivyr)
        : ConcurrencyApi.delivyr(delivyr, concurrency);
  }

  private ExecutionReport run(
      MessageChannel channel, Journal journal, ExecutionListener listener, int concurrency) {
    OptimoveTargetSource source =
        OptimoveTargetSource.builder()
            .client(optimove)
            .customerAttributes(Workload.ATTRIBUTES)
            .phoneAttribute(Workload.ATTRIBUTES.get(0))
            .pageSize(Integer.getInteger("campaignrelay.bench.pageSize", 10_000))
            // -Dcampaignrelay.bench.prefetch=false reads each page on the engine's thread when the
            // one before it is used up, as the raw loop does: the SDK without the gain of
            // overlapping page reads with sends, which the raw loop does not have
            .prefetch(
                Boolean.parseBoolean(System.getProperty("campaignrelay.bench.prefetch", "true")))
            .build();
    long s0 = System.nanoTime();
    JdbcStore store = journal == Journal.JDBC_POSTGRES ? BenchPostgres.freshStore() : null;
    long setUp = System.nanoTime() - s0;
    lastOutsideNanos = 0;
    lastCheckNanos = 0;
    try {
      CampaignExecutor.Builder builder =
          CampaignExecutor.builder()
              .targetSource(source)
              .channel(channel)
              .journal(
                  switch (journal) {
                    case NONE -> new ForgetfulJournal();
                    case IN_MEMORY -> InMemoryExecutionJournal.create();
                    case JDBC_POSTGRES -> store.executionJournal();
                  })
              .listener(listener);
      if (concurrency > 0) {
        builder = ConcurrencyApi.concurrency(builder, concurrency);
      }
      ExecutionReport report = builder.build().execute(campaign, template, ExecutionMode.LIVE);
      if (store != null) {
        long c0 = System.nanoTime();
        long rows = store.executionJournal().count(campaign.id());
        lastCheckNanos = System.nanoTime() - c0;
        lastOutsideNanos = setUp + lastCheckNanos;
        if (rows != report.targeted()) {
          throw new IllegalStateException(
              "the JDBC journal holds "
                  + rows
                  + " recipients, the run targeted "
                  + report.targeted());
        }
      }
      return report;
    } finally {
      if (store != null) {
        store.close();
      }
    }
  }

  /** Records nothing: every recipient looks new. */
  private static final class ForgetfulJournal implements ExecutionJournal {
    @Override
    public void record(JournalEntry entry) {}

    @Override
    public Optional<JournalEntry> entry(CampaignId campaignId, CustomerId customerId) {
      return Optional.empty();
    }
  }
}
