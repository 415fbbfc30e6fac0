package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A listener registered with Optimove: the event type, the URL Optimove POSTs to, and the channel
 * it is limited to (null for all channels). The response shape of GetRegisteredEventListeners is
 * not documented; these are the names of the registration call (INFERRED).
 *
 * @param eventType the event type
 * @param listenerUrl the URL, or null if not returned
 * @param channelId the channel, or null
 */
public record EventListenerRegistration(
    @JsonProperty("EventTypeID") EventType eventType,
    @JsonProperty("ListenerURL") String listenerUrl,
    @JsonProperty("ChannelID") Integer channelId) {}
