package io.campaignrelay.testkit;

/**
 * An event listener registered with a fake Optimove tenant.
 *
 * @param eventTypeId the EventTypeID (1, 2, 3, 4, 5, 11, 13 or 14)
 * @param listenerUrl the ListenerURL (decoded)
 * @param channelId the ChannelID, or 0 when registered without one
 */
public record RegisteredListener(int eventTypeId, String listenerUrl, int channelId) {}
