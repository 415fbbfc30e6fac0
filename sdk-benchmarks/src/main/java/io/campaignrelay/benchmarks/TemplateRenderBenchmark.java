package io.campaignrelay.benchmarks;

import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.RenderResult;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TemplateRenderer#render} of the end-to-end benchmark's template (three tags: two
 * attributes and a promotion code) for recipients with three attributes (phone first), cycling
 * through 1,024 distinct recipients. A render includes measuring the result's {@code SmsLength}.
 * Score: <b>renders per second</b> on one thread (target: 1 M/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TemplateRenderBenchmark {

  private static final int RECIPIENTS = 1024;

  private TemplateRenderer renderer;
  private Template template;
  private CustomerAttributes[] attributes;
  private List<String> promoCodes;
  private int next;

  /** Creates the state. */
  public TemplateRenderBenchmark() {}

  /** Builds the template and the recipients, and checks one render. */
  @Setup
  public void setUp() {
    renderer = TemplateRenderer.create();
    template = Workload.template(TemplateId.of(Workload.TEMPLATE_ID), ApprovalState.APPROVED);
    attributes = new CustomerAttributes[RECIPIENTS];
    for (int i = 0; i < RECIPIENTS; i++) {
      attributes[i] =
          CustomerAttributes.of(
              Workload.ATTRIBUTES,
              List.of(Workload.phone(i), Workload.firstName(i), Workload.tier(i)));
    }
    promoCodes = List.of(Workload.PROMO_CODE);
    RenderResult r = render();
    if (!r.isRendered()) {
      throw new IllegalStateException("benchmark template does not render: " + r);
    }
  }

  /**
   * Renders the template for the next recipient.
   *
   * @return the result, consumed by JMH
   */
  @Benchmark
  public RenderResult render() {
    CustomerAttributes a = attributes[next++ & (RECIPIENTS - 1)];
    return renderer.render(template, a, promoCodes);
  }
}
