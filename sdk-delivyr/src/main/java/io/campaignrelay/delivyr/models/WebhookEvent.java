package io.campaignrelay.delivyr.models;

import java.time.Instant;

/**
 * A verified event Delivyr posted to a webhook.
 *
 * @param id the event id (used to reject replays)
 * @param type what happened, e.g. {@link WebhookEventType#MESSAGE_DELIVERED}
 * @param createdAt when Delivyr created the event
 * @param data what the event is about; never null
 */
public record WebhookEvent(
    String id, WebhookEventType type, Instant createdAt, WebhookEventData data) {

  /** Replaces a missing data object with an empty one. */
  public WebhookEvent {
    data = data == null ? new WebhookEventData(null, null, null, null, null, null) : data;
  }
}
