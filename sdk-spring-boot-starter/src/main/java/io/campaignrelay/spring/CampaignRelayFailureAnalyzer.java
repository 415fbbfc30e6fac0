package io.campaignrelay.spring;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link ConfigurationException} anywhere in a failed start (the starter's own check or an
 * SDK builder's) into Spring Boot's failure report: one line per problem with the field, the value
 * (a secret shows {@code ****}) and the fix.
 */
public final class CampaignRelayFailureAnalyzer
    extends AbstractFailureAnalyzer<ConfigurationException> {

  /** Created by Spring Boot from {@code META-INF/spring.factories}. */
  public CampaignRelayFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    StringBuilder description =
        new StringBuilder("Campaign Relay is not configured correctly (")
            .append(cause.problems().size())
            .append(cause.problems().size() == 1 ? " problem" : " problems")
            .append("):\n");
    StringBuilder action = new StringBuilder("Fix these settings:\n");
    for (ConfigurationProblem p : cause.problems()) {
      description
          .append("\n    Property: ")
          .append(p.field())
          .append("\n    Value: ")
          .append(p.value())
          .append("\n    Reason: ")
          .append(p.fix())
          .append('\n');
      action.append("\n    ").append(p.field()).append(": ").append(p.fix());
    }
    return new FailureAnalysis(description.toString(), action.toString(), cause);
  }
}
