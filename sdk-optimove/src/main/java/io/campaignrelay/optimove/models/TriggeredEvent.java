package io.campaignrelay.optimove.models;

import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.optimove.implementation.OptimoveTimes;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Event 11: one customer met a real-time (Track and Trigger) trigger. The current payload uses
 * camelCase keys ({@code requestId, customerID, isVisitor, actionID, promotions, promoCode,
 * channelID, channelAdditionalData, campaignID, templateName, campaignSeriesID, templateID,
 * timestamp, personalization}); PascalCase spellings are accepted too. Note that {@code campaignID}
 * is a dotted string such as {@code "2.38"}, unlike the integer id of scheduled campaigns, and
 * {@code timestamp} is epoch seconds as text. Keys beyond these are UNKNOWN and ignored.
 *
 * <p>{@code personalization.personalInfo} carries the customer's attributes (e.g. {@code
 * ClientCustomerId, EMAIL, FIRST_NAME, PHONENUMBER}); when it is absent ({@link #hasPersonalInfo()}
 * false) an integration looks the attributes up itself. The other keys of {@code personalization}
 * are the trigger events' parameters, by event name.
 *
 * @param requestId the request id (uuid), or null
 * @param customerId the customer's id, or null for some visitors
 * @param visitor whether the customer is an anonymous visitor
 * @param actionId the action id, or null
 * @param promotions the promotions, possibly empty
 * @param promoCodes the promo codes, possibly empty
 * @param channelId the channel id, or null
 * @param channelAdditionalData the channel's additional data as JSON text, or null
 * @param campaignId the dotted campaign id, e.g. {@code "2.38"}, or null
 * @param templateName the template name, or null
 * @param campaignSeriesId the campaign series id, e.g. {@code "2.18"}, or null
 * @param templateId the template id, or null
 * @param timestampText the {@code timestamp} as sent, or null
 * @param personalInfo the customer's attributes in payload order (values as text, null allowed), or
 *     null when the payload has none
 * @param triggerEvents the trigger events' parameters by event name (values as text)
 */
public record TriggeredEvent(
    String requestId,
    String customerId,
    boolean visitor,
    Long actionId,
    List<String> promotions,
    List<String> promoCodes,
    Integer channelId,
    String channelAdditionalData,
    String campaignId,
    String templateName,
    String campaignSeriesId,
    Long templateId,
    String timestampText,
    Map<String, String> personalInfo,
    Map<String, Map<String, String>> triggerEvents)
    implements OptimoveEvent {

  /**
   * Copies the collections.
   *
   * @param requestId the request id
   * @param customerId the customer id
   * @param visitor the visitor flag
   * @param actionId the action id
   * @param promotions the promotions
   * @param promoCodes the promo codes
   * @param channelId the channel id
   * @param channelAdditionalData the additional data
   * @param campaignId the campaign id
   * @param templateName the template name
   * @param campaignSeriesId the series id
   * @param templateId the template id
   * @param timestampText the timestamp text
   * @param personalInfo the personal info
   * @param triggerEvents the trigger events
   */
  public TriggeredEvent {
    promotions = promotions == null ? List.of() : List.copyOf(promotions);
    promoCodes = promoCodes == null ? List.of() : List.copyOf(promoCodes);
    personalInfo =
        personalInfo == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(personalInfo));
    Map<String, Map<String, String>> t = new LinkedHashMap<>();
    if (triggerEvents != null) {
      triggerEvents.forEach(
          (k, v) -> t.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    }
    triggerEvents = Collections.unmodifiableMap(t);
  }

  @Override
  public EventType eventType() {
    return EventType.TRIGGERED;
  }

  /**
   * The trigger time.
   *
   * @return the instant, or empty if absent or unreadable
   */
  public Optional<Instant> timestamp() {
    return OptimoveTimes.epochSeconds(timestampText);
  }

  /**
   * Whether the payload carried {@code personalization.personalInfo}.
   *
   * @return true if present
   */
  public boolean hasPersonalInfo() {
    return personalInfo != null;
  }

  /**
   * The attributes of {@code personalInfo} in the order of {@code names} (looked up ignoring case),
   * e.g. the phone attribute first as the SMS-channel guide requires.
   *
   * @param names the attribute names wanted, in order
   * @return the attributes; a name missing from the payload has no value
   */
  public CustomerAttributes attributes(List<String> names) {
    Map<String, String> upper = new LinkedHashMap<>();
    if (personalInfo != null) {
      personalInfo.forEach((k, v) -> upper.putIfAbsent(k.toUpperCase(Locale.ROOT), v));
    }
    CustomerAttributes.Builder b = CustomerAttributes.builder();
    for (String n : names) {
      b.add(n, n == null ? null : upper.get(n.toUpperCase(Locale.ROOT)));
    }
    return b.build();
  }

  /** Prints ids only: attribute and trigger values are personal data. */
  @Override
  public String toString() {
    return "TriggeredEvent[requestId="
        + requestId
        + ", campaignId="
        + campaignId
        + ", channelId="
        + channelId
        + ", templateId="
        + templateId
        + ", personalInfo="
        + (personalInfo == null ? "absent" : personalInfo.keySet())
        + ", triggerEvents="
        + triggerEvents.keySet()
        + "]";
  }
}
