package io.campaignrelay.delivyr.models;

import java.time.Instant;

/**
 * One entry of a message's delivery and engagement history ({@code GET messages/{id}/events}).
 *
 * @param type what happened
 * @param occurredAt when it happened
 * @param detail Delivyr's detail (a reason, a clicked URL), or null
 */
public record MessageEvent(MessageEventType type, Instant occurredAt, String detail) {}
