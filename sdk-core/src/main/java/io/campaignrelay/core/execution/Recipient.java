package io.campaignrelay.core.execution;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.implementation.Texts;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One customer a campaign targets, as a {@link TargetSource} yields it: the customer id, the
 * attributes in requested order (the phone number first where the channel requires it), the
 * customer's promotion codes and, when the platform assigned this customer a template other than
 * the campaign's, that template. Immutable and thread-safe.
 */
public final class Recipient {

  private final CustomerId customerId;
  private final CustomerAttributes attributes;
  private final List<String> promoCodes;
  private final TemplateId templateId;

  private Recipient(
      CustomerId customerId,
      CustomerAttributes attributes,
      List<String> promoCodes,
      TemplateId templateId) {
    this.customerId = Objects.requireNonNull(customerId, "customerId");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    Objects.requireNonNull(promoCodes, "promoCodes");
    for (int i = 0; i < promoCodes.size(); i++) {
      String code = promoCodes.get(i);
      if (code == null || code.isBlank()) {
        throw new ConfigurationException(
            "recipient",
            ConfigurationProblem.of(
                "promoCodes[" + i + "]",
                Texts.printable(code),
                "is blank: leave blank codes out of the list"));
      }
    }
    this.promoCodes = List.copyOf(promoCodes);
    this.templateId = templateId;
  }

  /**
   * A recipient with attributes and no promotion codes.
   *
   * @param customerId the customer
   * @param attributes the attributes, in requested order
   * @return the recipient
   */
  public static Recipient of(CustomerId customerId, CustomerAttributes attributes) {
    return new Recipient(customerId, attributes, List.of(), null);
  }

  /**
   * A recipient with attributes and promotion codes.
   *
   * @param customerId the customer
   * @param attributes the attributes, in requested order
   * @param promoCodes the customer's codes, in order; not blank
   * @return the recipient
   * @throws ConfigurationException if a code is blank
   */
  public static Recipient of(
      CustomerId customerId, CustomerAttributes attributes, List<String> promoCodes) {
    return new Recipient(customerId, attributes, promoCodes, null);
  }

  /**
   * A copy of this recipient assigned its own template.
   *
   * @param templateId the template the platform assigned this customer
   * @return the new recipient
   */
  public Recipient withTemplate(TemplateId templateId) {
    return new Recipient(
        customerId, attributes, promoCodes, Objects.requireNonNull(templateId, "templateId"));
  }

  /**
   * The customer.
   *
   * @return the id
   */
  public CustomerId customerId() {
    return customerId;
  }

  /**
   * The attributes, in requested order.
   *
   * @return the attributes
   */
  public CustomerAttributes attributes() {
    return attributes;
  }

  /**
   * The customer's promotion codes.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<String> promoCodes() {
    return promoCodes;
  }

  /**
   * The template assigned to this customer, when it differs from the campaign's.
   *
   * @return the template id, or empty to use the campaign's
   */
  public Optional<TemplateId> templateId() {
    return Optional.ofNullable(templateId);
  }

  /** The recipient's own template, or null (the engine reads it per recipient, no Optional). */
  TemplateId templateIdOrNull() {
    return templateId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Recipient r
        && customerId.equals(r.customerId)
        && attributes.equals(r.attributes)
        && promoCodes.equals(r.promoCodes)
        && Objects.equals(templateId, r.templateId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(customerId, attributes, promoCodes, templateId);
  }

  /** Names the customer and the attribute names; values are personal data and not printed. */
  @Override
  public String toString() {
    return "Recipient{customerId="
        + customerId
        + ", attributes="
        + attributes.names()
        + ", promoCodes="
        + promoCodes.size()
        + (templateId == null ? "" : ", templateId=" + templateId)
        + '}';
  }
}
