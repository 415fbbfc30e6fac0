package io.campaignrelay.delivyr;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.InvalidPhoneNumberException;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.delivyr.implementation.IdempotencyKeys;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import io.campaignrelay.optimove.models.TriggeredEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the Delivyr message of a triggered campaign from Optimove's event-11 payload, as Delivyr's
 * guide describes it:
 *
 * <ol>
 *   <li>the customer's attributes come from {@code personalization.personalInfo}, or, when the
 *       payload has none, from Optimove through the {@link CustomerAttributeLookup};
 *   <li>the triggered overrides of the settings replace attribute values with values carried by the
 *       payload (for example a phone number given by the triggering event);
 *   <li>the phone number is the first selected attribute (or its {@code phone} override), parsed to
 *       E.164;
 *   <li>the other selected attributes are the template variables (missing ones are left out);
 *   <li>the template is the payload's Optimove TemplateID mapped back to the Delivyr id ({@link
 *       TemplateIdMapping}); the campaign is the payload's dotted CampaignID on its channel (250
 *       when the payload names none).
 * </ol>
 *
 * <p>Override paths are dotted and read ignoring case: {@code personalization.personalInfo.<name>}
 * (or {@code personalInfo.<name>}) reads the customer's attributes; {@code
 * personalization.<event>.<parameter>} (or {@code <event>.<parameter>}) reads a trigger event's
 * parameter. A path that finds no value leaves the attribute as it was.
 *
 * <p>The message's idempotency key is {@code cr1-t-<requestId>}, so a trigger Optimove delivers
 * twice is sent once. The message is in testing mode unless the mode is {@link ExecutionMode#LIVE}
 * and the settings' testing mode is off. Immutable and thread-safe.
 */
public final class TriggeredMessageBuilder {

  private final OptimoveIntegrationSettings settings;
  private final CustomerAttributeLookup lookup;
  private final PhoneNumberParser phoneParser;
  private final ExecutionMode mode;

  private TriggeredMessageBuilder(Builder b) {
    this.settings = b.settings;
    this.lookup = b.lookup;
    this.phoneParser = b.phoneParser;
    this.mode = b.mode;
  }

  /**
   * A builder; the settings are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the message for one trigger.
   *
   * @param event the event-11 payload
   * @return the message, ready for {@link DelivyrClient#sendMessage(SendMessageRequest)}
   * @throws ConfigurationException if the payload lacks the customer, campaign or template, or
   *     carries no personalInfo while no lookup is configured
   * @throws InvalidPhoneNumberException if the phone number is missing or not a phone number (the
   *     recipient is then Dropped with reason invalid phone format)
   */
  public SendMessageRequest build(TriggeredEvent event) {
    Objects.requireNonNull(event, "event");
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (event.customerId() == null || event.customerId().isBlank()) {
      problems.add(
          ConfigurationProblem.of(
              "customerID", null, "the trigger has no customer (a visitor?): nothing to send to"));
    }
    if (event.campaignId() == null || event.campaignId().isBlank()) {
      problems.add(ConfigurationProblem.of("campaignID", null, "the trigger has no campaign id"));
    }
    if (event.templateId() == null) {
      problems.add(ConfigurationProblem.of("templateID", null, "the trigger has no template id"));
    }
    if (!event.hasPersonalInfo() && lookup == null) {
      problems.add(
          ConfigurationProblem.of(
              "personalization.personalInfo",
              null,
              "the payload has no personalInfo: configure attributeLookup("
                  + "CustomerAttributeLookup.optimove(client)) to fetch the attributes"));
    }
    ConfigurationException.throwIfAny("Optimove trigger " + event.requestId(), problems);

    String delivyrTemplateId = TemplateIdMapping.toDelivyrId(event.templateId());
    Map<String, String> values = attributeValues(event);
    List<String> names = settings.customerAttributes();
    String phoneName = settings.phoneNumberAttribute();
    for (Map.Entry<String, String> o : settings.triggeredOverrides().entrySet()) {
      Optional<String> v = resolve(event, o.getValue());
      if (v.isPresent() && !v.get().isBlank()) {
        String target =
            o.getKey().equals(OptimoveIntegrationSettings.PHONE_OVERRIDE) ? phoneName : o.getKey();
        values.put(target.toUpperCase(Locale.ROOT), v.get());
      }
    }
    String rawPhone = values.get(phoneName.toUpperCase(Locale.ROOT));
    PhoneNumber phone;
    try {
      phone = phoneParser.parse(rawPhone);
    } catch (InvalidPhoneNumberException e) {
      throw new InvalidPhoneNumberException(
          rawPhone,
          e.reason(),
          "in attribute "
              + phoneName
              + " of customer "
              + event.customerId()
              + " is not a usable phone number ("
              + e.problems().get(0).fix()
              + "); the phone number must be the first attribute");
    }
    SendMessageRequest.Builder b =
        SendMessageRequest.builder()
            .to(phone.e164())
            .customerId(event.customerId())
            .templateId(delivyrTemplateId)
            .campaign(
                new CampaignReference(
                    event.campaignId(),
                    event.channelId() == null
                        ? CampaignReference.TRIGGERED_SMS_CHANNEL
                        : event.channelId(),
                    event.templateId()))
            .testMode(settings.testingMode() || !mode.isLive())
            .idempotencyKey(keyOf(event));
    for (String name : names.subList(1, names.size())) {
      String v = values.get(name.toUpperCase(Locale.ROOT));
      if (v != null) {
        b.variable(name, v);
      }
    }
    return b.build();
  }

  private Map<String, String> attributeValues(TriggeredEvent event) {
    Map<String, String> source =
        event.hasPersonalInfo() ? event.personalInfo() : lookup.attributes(event.customerId());
    Map<String, String> upper = new HashMap<>();
    if (source != null) {
      source.forEach(
          (k, v) -> {
            if (k != null) {
              upper.putIfAbsent(k.toUpperCase(Locale.ROOT), v);
            }
          });
    }
    return upper;
  }

  /**
   * Reads a dotted path in a trigger payload.
   *
   * @param event the payload
   * @param path e.g. {@code personalization.purchase.mobile_number}
   * @return the value, or empty when the path finds none
   */
  public static Optional<String> resolve(TriggeredEvent event, String path) {
    String[] parts = path.split("\\.");
    int i = 0;
    if (parts.length > 0 && parts[0].equalsIgnoreCase("personalization")) {
      i = 1;
    }
    if (parts.length - i != 2) {
      return Optional.empty();
    }
    String group = parts[i];
    String key = parts[i + 1];
    if (group.equalsIgnoreCase("personalInfo")) {
      return event.hasPersonalInfo() ? find(event.personalInfo(), key) : Optional.empty();
    }
    for (Map.Entry<String, Map<String, String>> e : event.triggerEvents().entrySet()) {
      if (e.getKey().equalsIgnoreCase(group)) {
        return find(e.getValue(), key);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> find(Map<String, String> map, String key) {
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(key)) {
        return Optional.ofNullable(e.getValue());
      }
    }
    return Optional.empty();
  }

  private static String keyOf(TriggeredEvent event) {
    String id = event.requestId();
    if (id != null && id.matches("[\\x21-\\x7e]{1,240}")) {
      return "cr1-t-" + id;
    }
    return IdempotencyKeys.random();
  }

  @Override
  public String toString() {
    return "TriggeredMessageBuilder{mode="
        + mode
        + ", attributes="
        + settings.customerAttributes()
        + ", overrides="
        + settings.triggeredOverrides().keySet()
        + '}';
  }

  /** Builds {@link TriggeredMessageBuilder}. Not thread-safe. */
  public static final class Builder {
    private OptimoveIntegrationSettings settings;
    private CustomerAttributeLookup lookup;
    private PhoneNumberParser phoneParser = PhoneNumberParser.basic();
    private ExecutionMode mode = ExecutionMode.defaultMode();

    private Builder() {}

    /**
     * Sets the integration settings (required): attributes, overrides, testing mode.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(OptimoveIntegrationSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * Sets where attributes come from when a payload has no personalInfo.
     *
     * @param lookup e.g. {@link CustomerAttributeLookup#optimove}
     * @return this builder
     */
    public Builder attributeLookup(CustomerAttributeLookup lookup) {
      this.lookup = lookup;
      return this;
    }

    /**
     * Sets how phone numbers are read (default: international numbers only).
     *
     * @param parser the parser, e.g. {@code PhoneNumberParser.basic(44)}
     * @return this builder
     */
    public Builder phoneParser(PhoneNumberParser parser) {
      this.phoneParser = parser;
      return this;
    }

    /**
     * Sets the execution mode (default TEST: messages only go to the Message Log).
     *
     * @param mode LIVE to really send (if the settings' testing mode is off too)
     * @return this builder
     */
    public Builder mode(ExecutionMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Builds the builder.
     *
     * @return the triggered message builder
     * @throws ConfigurationException if the settings, parser or mode is missing
     */
    public TriggeredMessageBuilder build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (settings == null) {
        problems.add(
            ConfigurationProblem.of(
                "settings",
                null,
                "give the Optimove integration settings (attributes, overrides)"));
      }
      if (phoneParser == null) {
        problems.add(ConfigurationProblem.of("phoneParser", null, "use PhoneNumberParser.basic()"));
      }
      if (mode == null) {
        problems.add(ConfigurationProblem.of("mode", null, "use ExecutionMode.TEST or LIVE"));
      }
      ConfigurationException.throwIfAny("Delivyr triggered message builder", problems);
      return new TriggeredMessageBuilder(this);
    }
  }
}
