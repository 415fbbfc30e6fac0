package io.campaignrelay.delivyr;

import io.campaignrelay.delivyr.models.DelivyrTemplate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivyr's default-URL rule: "This URL will be installed onto all your custom templates that were
 * created prior to enabling the integration. Each custom template you create can have its own
 * redirect link."
 *
 * <p>So a template created before the integration was enabled gets the default URL (replacing any
 * link it had); a template created at or after that instant keeps its own redirect link. A template
 * whose creation time is unknown is treated as older (it gets the default URL), because that is the
 * safer reading for templates that predate the integration. Thread-safe; immutable.
 */
public final class DefaultUrlRule {

  private final String defaultUrl;
  private final Instant enabledAt;

  private DefaultUrlRule(String defaultUrl, Instant enabledAt) {
    this.defaultUrl = defaultUrl;
    this.enabledAt = Objects.requireNonNull(enabledAt, "enabledAt");
  }

  /**
   * Creates the rule.
   *
   * @param defaultUrl the configured default URL, or null when none is configured
   * @param integrationEnabledAt when the integration was enabled
   * @return the rule
   */
  public static DefaultUrlRule of(String defaultUrl, Instant integrationEnabledAt) {
    return new DefaultUrlRule(defaultUrl, integrationEnabledAt);
  }

  /**
   * The redirect link a template carries once the integration is enabled.
   *
   * @param template the template
   * @return the default URL for templates created before the integration was enabled (when one is
   *     configured), otherwise the template's own link; empty when it has none
   */
  public Optional<String> redirectUrlFor(DelivyrTemplate template) {
    if (getsDefaultUrl(template)) {
      return Optional.of(defaultUrl);
    }
    return template.ownRedirectUrl();
  }

  /**
   * Whether the template gets the default URL.
   *
   * @param template the template
   * @return true when a default URL is configured and the template predates the integration
   */
  public boolean getsDefaultUrl(DelivyrTemplate template) {
    if (defaultUrl == null) {
      return false;
    }
    Instant created = template.createdAt();
    return created == null || created.isBefore(enabledAt);
  }

  @Override
  public String toString() {
    return "DefaultUrlRule{defaultUrl=" + defaultUrl + ", enabledAt=" + enabledAt + '}';
  }
}
