package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An inbound inbox (a keyword on a short code, or a virtual number).
 *
 * @param id the inbox id, for {@code get_messages}
 * @param number the inbound number
 * @param keyword the keyword, or null
 * @param numMessages messages received
 * @param numContacts contacts
 * @param newMessages unread messages
 */
public record Inbox(
    @JsonProperty("id") String id,
    @JsonProperty("number") String number,
    @JsonProperty("keyword") String keyword,
    @JsonProperty("num_messages") long numMessages,
    @JsonProperty("num_contacts") long numContacts,
    @JsonProperty("newMsgs") long newMessages) {}
