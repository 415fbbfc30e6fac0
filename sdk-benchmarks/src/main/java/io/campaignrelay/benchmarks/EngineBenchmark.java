package io.campaignrelay.benchmarks;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.InMemoryExecutionJournal;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine alone: one LIVE execution of a fresh 1,000,000-recipient campaign through {@link
 * CampaignExecutor} into {@link InMemoryExecutionJournal} (a new one per execution), on a channel
 * that accepts every message at once without any I/O, one batch of 1,000 at a time. The recipients
 * are made once, before the measurement, so what is measured is what the engine does per recipient
 * (key, fingerprint, render, phone, opt-out and length checks, journal writes, batches), not the
 * reading of pages or HTTP. The recipients are 1,000,000 distinct customers sharing 4,096 attribute
 * sets (a million sets would not fit beside the run), made once, hence the fork's 1 GiB heap (the
 * 256 MiB of {@code e2e} is the target for a whole campaign, whose pages are read as it goes).
 * Score: <b>nanoseconds per recipient</b> on one thread; with {@code -prof gc}, {@code
 * gc.alloc.rate.norm} is the engine's bytes allocated per recipient.
 *
 * <p>Run: {@code java -jar sdk-benchmarks/target/benchmarks.jar jmh EngineBenchmark -prof gc}. The
 * end-to-end benchmark ({@code e2e}) measures the engine with the vendors' clients on a loopback
 * server; this one isolates the engine's share, which varies far less from run to run. sdk-jdbc's
 * by-hand {@code EngineThroughputBenchmark} runs the engine the same way to compare the in-memory
 * and the JDBC journals (wall time of one run); this one is the JMH measurement of the engine
 * itself, with warm-up and allocation per recipient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx256m"})
public class EngineBenchmark {

  private static final int RECIPIENTS = 1_000_000;

  // distinct customers share 4,096 attribute sets (phone, name, tier), as a heap holds few of them
  private static final int ATTRIBUTE_SETS = 4096;

  private Recipient[] recipients;
  private Campaign campaign;
  private Template template;
  private CampaignExecutor executor;

  /** Creates the state. */
  public EngineBenchmark() {}

  /** Makes the recipients, the campaign and the template, and checks one execution. */
  @Setup(Level.Trial)
  public void setUp() {
    // one shape for every row, as a page of Optimove's target rows shares its requested names
    CustomerAttributes shape =
        CustomerAttributes.of(Workload.ATTRIBUTES, Arrays.asList(new String[3]));
    CustomerAttributes[] attributes = new CustomerAttributes[ATTRIBUTE_SETS];
    for (int i = 0; i < ATTRIBUTE_SETS; i++) {
      attributes[i] =
          shape.withValues(List.of(Workload.phone(i), Workload.firstName(i), Workload.tier(i)));
    }
    recipients = new Recipient[RECIPIENTS];
    for (int i = 0; i < RECIPIENTS; i++) {
      recipients[i] =
          Recipient.of(CustomerId.of(Workload.customerId(i)), attributes[i % ATTRIBUTE_SETS]);
    }
    campaign = Workload.campaign().promoCodes(List.of(Workload.PROMO_CODE)).build();
    template = Workload.template(TemplateId.of(Workload.TEMPLATE_ID), ApprovalState.APPROVED);
    executor =
        CampaignExecutor.builder()
            .targetSource(c -> Arrays.stream(recipients))
            .channel(new AcceptingChannel())
            .concurrency(1)
            .clock(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC))
            .build();
    ExecutionReport r = execute();
    if (r.dispatched() != RECIPIENTS) {
      throw new IllegalStateException("the engine did not dispatch every recipient: " + r);
    }
  }

  /**
   * Executes the campaign once, on a new journal.
   *
   * @return the report, consumed by JMH
   */
  @Benchmark
  @OperationsPerInvocation(RECIPIENTS)
  public ExecutionReport execute() {
    return executor.toBuilder()
        .journal(InMemoryExecutionJournal.create())
        .build()
        .execute(campaign, template, ExecutionMode.LIVE);
  }

  /** Accepts every message of a batch, as a vendor answering at once would. */
  private static final class AcceptingChannel implements MessageChannel {
    @Override
    public String name() {
      return "accepting";
    }

    @Override
    public int maxBatchSize() {
      return 1000;
    }

    @Override
    public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
      List<DispatchResult> out = new ArrayList<>(batch.size());
      for (OutboundMessage m : batch) {
        out.add(DispatchResult.accepted(m.idempotencyKey(), null));
      }
      return out;
    }
  }
}
