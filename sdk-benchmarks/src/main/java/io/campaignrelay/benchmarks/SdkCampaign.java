package io.campaignrelay.benchmarks;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
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
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveTargetSource;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalCredential;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * The SDK side of the end-to-end benchmark: {@link OptimoveTargetSource} (pages of 10,000, three
 * attributes, phone first) feeding a {@link CampaignExecutor} in LIVE mode that renders, validates
 * (phone number, opt-out list, length), journals and sends through {@link DelivyrMessageChannel}
 * ({@code messages/batch} of 1,000) or {@link TextLocalBulkChannel} ({@code bulk_json} of 500).
 * Clients are built as a user would, with the vendors' client-side rate limits lifted (Optimove's
 * 50 requests / 10 s would otherwise make the 100 page reads take at least 20 s of waiting, and the
 * benchmark measures the SDK, not the budget).
 */
final class SdkCampaign {

  /** Which journal the executor records to. */
  enum Journal {
    /** The SDK's default: {@link InMemoryExecutionJournal} (a compact index per recipient). */
    IN_MEMORY,
    /** A journal that forgets everything: isolates the memory of the journal from the rest. */
    NONE
  }

  private static final RateLimit UNLIMITED = RateLimit.of(1_000_000, Duration.ofSeconds(1));

  private final OptimoveClient optimove;
  private final TextLocalClient textLocal;
  private final DelivyrClient delivyr;
  private final Campaign campaign;
  private final Template template;

  SdkCampaign(LoopbackVendorServer server) {
    ClientOptions options =
        ClientOptions.builder()
            .rateLimit(UNLIMITED)
            .httpClient(
                new OkHttpClient.Builder().socketFactory(NoDelaySocketFactory.INSTANCE).build())
            .build();
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
    this.campaign =
        Campaign.builder()
            .kind(CampaignKind.SCHEDULED)
            .id(CampaignId.of(Long.toString(Workload.CAMPAIGN_ID)))
            .channel(ChannelId.of(Workload.CHANNEL_ID))
            .templateId(TemplateId.of(Workload.TEMPLATE_ID))
            .sendTime(Instant.parse("2026-11-22T10:00:00Z"))
            .build();
    this.template = Workload.template(TemplateId.of(Workload.TEMPLATE_ID), ApprovalState.APPROVED);
  }

  ExecutionReport runTextLocal(Journal journal) {
    return runTextLocal(journal, ExecutionListener.NONE);
  }

  ExecutionReport runTextLocal(Journal journal, ExecutionListener listener) {
    return run(
        new TextLocalBulkChannel(
            textLocal,
            new BulkSendOptions(
                "CampRelay", null, "optimove-campaign-" + Workload.CAMPAIGN_ID, null, false)),
        journal,
        listener);
  }

  ExecutionReport runDelivyr(Journal journal) {
    return runDelivyr(journal, ExecutionListener.NONE);
  }

  ExecutionReport runDelivyr(Journal journal, ExecutionListener listener) {
    return run(DelivyrMessageChannel.create(delivyr, ExecutionMode.LIVE), journal, listener);
  }

  private ExecutionReport run(MessageChannel channel, Journal journal, ExecutionListener listener) {
    OptimoveTargetSource source =
        OptimoveTargetSource.builder()
            .client(optimove)
            .customerAttributes(Workload.ATTRIBUTES)
            .phoneAttribute(Workload.ATTRIBUTES.get(0))
            .build();
    CampaignExecutor executor =
        CampaignExecutor.builder()
            .targetSource(source)
            .channel(channel)
            .journal(
                journal == Journal.NONE
                    ? new ForgetfulJournal()
                    : InMemoryExecutionJournal.create())
            .listener(listener)
            .build();
    return executor.execute(campaign, template, ExecutionMode.LIVE);
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
