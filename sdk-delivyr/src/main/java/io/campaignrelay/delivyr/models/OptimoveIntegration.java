package io.campaignrelay.delivyr.models;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Optimove integration as Delivyr holds it ({@code GET integrations/optimove}). Secrets are
 * never echoed: only whether they are set.
 *
 * @param installed whether the integration is installed
 * @param testingMode whether messages only go to the Message Log (on by default)
 * @param apiEndpoint the Optimove API endpoint, e.g. {@code https://api4.optimove.net/}
 * @param apiKeySet whether an Optimove API key is stored
 * @param customerAttributes the selected attributes, the phone number first; never null
 * @param triggeredOverrides attribute (or {@code phone}) to path in the trigger payload; never null
 * @param tenantId the Optimove tenant id, or null
 * @param tenantTokenSet whether a tenant token is stored
 * @param defaultUrl the redirect link installed on custom templates created before the integration
 *     was enabled, or null
 * @param enabledAt when the integration was enabled, or null when Delivyr does not say (INFERRED
 *     field: not part of the guide; used to decide which templates get the default URL)
 */
public record OptimoveIntegration(
    boolean installed,
    boolean testingMode,
    String apiEndpoint,
    boolean apiKeySet,
    List<String> customerAttributes,
    Map<String, String> triggeredOverrides,
    String tenantId,
    boolean tenantTokenSet,
    String defaultUrl,
    Instant enabledAt) {

  /** Copies the collections; missing ones become empty. */
  public OptimoveIntegration {
    customerAttributes = customerAttributes == null ? List.of() : List.copyOf(customerAttributes);
    triggeredOverrides = triggeredOverrides == null ? Map.of() : Map.copyOf(triggeredOverrides);
  }

  /**
   * When the integration was enabled.
   *
   * @return the instant, or empty when Delivyr did not report it
   */
  public Optional<Instant> enabledSince() {
    return Optional.ofNullable(enabledAt);
  }

  /**
   * The name of the phone number attribute: the first selected attribute.
   *
   * @return the attribute name, or empty when none is selected
   */
  public Optional<String> phoneNumberAttribute() {
    return customerAttributes.isEmpty() ? Optional.empty() : Optional.of(customerAttributes.get(0));
  }
}
