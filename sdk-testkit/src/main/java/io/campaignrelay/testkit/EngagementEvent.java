package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event accepted by the fake External Vendors Campaign Engagement Metrics endpoint ({@code
 * saveEvent}), after its HMAC signature was checked with the tenant token.
 *
 * @param event the {@code event} name (e.g. {@code Delivered})
 * @param category the {@code category} (always {@code metric})
 * @param timestamp the event time
 * @param customer the {@code customer} id, or "" for a visitor
 * @param visitor the {@code visitor} id, or ""
 * @param context the {@code context} object (a copy; an empty object when absent)
 * @param raw the whole event object as received (a copy)
 */
public record EngagementEvent(
    String event,
    String category,
    Instant timestamp,
    String customer,
    String visitor,
    JsonNode context,
    JsonNode raw) {}
