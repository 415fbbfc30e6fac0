package io.campaignrelay.delivyr;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignKind;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.optimove.models.CampaignEvent;
import io.campaignrelay.optimove.models.TriggeredEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link Campaign}s from Optimove's events, as the Delivyr runtime runs them: a scheduled campaign
 * from an event 13, a triggered message from an event 11. Optimove's numeric TemplateID is kept as
 * the campaign's template id; {@link TemplateIdMapping} resolves it to the Delivyr template.
 */
public final class DelivyrCampaigns {

  private DelivyrCampaigns() {}

  /**
   * The scheduled campaign of an event 13.
   *
   * @param event the event (13, with its ChannelID; 452 when it names none)
   * @param templateId Optimove's TemplateID of the campaign on the channel
   * @param sendTime when the campaign is to be sent
   * @return the campaign
   * @throws ConfigurationException if the event has no positive campaign id or the template id is
   *     not positive
   */
  public static Campaign scheduled(CampaignEvent event, long templateId, Instant sendTime) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(sendTime, "sendTime");
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (event.campaignId() <= 0) {
      problems.add(
          ConfigurationProblem.of("CampaignID", event.campaignId(), "is not a positive id"));
    }
    if (templateId <= 0) {
      problems.add(
          ConfigurationProblem.of(
              "TemplateID", templateId, "give the campaign's positive Optimove TemplateID"));
    }
    ConfigurationException.throwIfAny("Optimove event 13", problems);
    return Campaign.builder()
        .kind(CampaignKind.SCHEDULED)
        .id(CampaignId.scheduled(event.campaignId()))
        .channel(
            event.channelId() == null ? ChannelId.SCHEDULED_SMS : ChannelId.of(event.channelId()))
        .templateId(TemplateId.of(templateId))
        .sendTime(sendTime)
        .build();
  }

  /**
   * The triggered campaign an event 11 belongs to, as Optimove names it (its dotted CampaignID on
   * its channel, 250 when the payload names none). Engagement metrics are reported against it.
   *
   * @param event the trigger
   * @param at when the trigger is handled
   * @return the campaign
   * @throws ConfigurationException if the payload has no campaign or template id
   */
  public static Campaign triggered(TriggeredEvent event, Instant at) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(at, "at");
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (event.campaignId() == null || event.campaignId().isBlank()) {
      problems.add(ConfigurationProblem.of("campaignID", null, "the trigger has no campaign id"));
    }
    if (event.templateId() == null || event.templateId() <= 0) {
      problems.add(
          ConfigurationProblem.of("templateID", event.templateId(), "the trigger has no template"));
    }
    ConfigurationException.throwIfAny("Optimove event 11", problems);
    Campaign.Builder b =
        Campaign.builder()
            .kind(CampaignKind.TRIGGERED)
            .id(CampaignId.triggered(event.campaignId()))
            .channel(
                event.channelId() == null
                    ? ChannelId.TRIGGERED_SMS
                    : ChannelId.of(event.channelId()))
            .templateId(TemplateId.of(event.templateId()))
            .sendTime(at);
    if (event.actionId() != null && event.actionId() > 0) {
      b.actionId(event.actionId());
    }
    return b.build();
  }

  /**
   * The engine's campaign for one trigger: the triggered campaign with an id of its own per trigger
   * ({@code <campaignID>.<digits of the requestId>}), so that the engine's idempotency key
   * (campaign + customer) is one per trigger, not one per customer: a customer triggered twice gets
   * two messages, a trigger delivered twice gets one.
   *
   * @param event the trigger (its requestId is required)
   * @param at when the trigger is handled
   * @return the campaign the engine runs for this trigger
   * @throws ConfigurationException if the payload has no request, campaign or template id
   */
  public static Campaign perTrigger(TriggeredEvent event, Instant at) {
    Campaign c = triggered(event, at);
    if (event.requestId() == null || event.requestId().isBlank()) {
      throw new ConfigurationException(
          "Optimove event 11",
          ConfigurationProblem.of(
              "requestId", null, "the trigger has no requestId: it cannot be sent exactly once"));
    }
    return c.toBuilder()
        .id(CampaignId.triggered(c.id().value() + "." + digitsOf(event.requestId())))
        .build();
  }

  /** Sixteen decimal digits (a leading 1, never 0) derived from a request id. */
  static String digitsOf(String requestId) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(requestId.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      long digits = Math.floorMod(v, 1_000_000_000_000_000L);
      return "1" + String.format("%015d", digits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
