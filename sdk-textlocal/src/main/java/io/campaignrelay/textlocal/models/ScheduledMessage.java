package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;

/**
 * A scheduled send ({@code get_scheduled}); every value arrives as a string.
 *
 * @param id the scheduled send's id, for {@code cancel_scheduled}
 * @param scheduledFor when it will go, read from TextLocal's hyphenated {@code
 *     yyyy-MM-dd-HH-mm-ss}; the zone is not documented (INFERRED: GMT/UK local)
 * @param howMany how many messages it holds
 * @param message the text
 * @param origin the sender name
 * @param groupName the target group's name, or null
 * @param groupId the target group's id, or null
 */
public record ScheduledMessage(
    @JsonProperty("id") String id,
    @JsonProperty("scheduledFor") @JsonFormat(pattern = "yyyy-MM-dd-HH-mm-ss")
        LocalDateTime scheduledFor,
    @JsonProperty("howmany") int howMany,
    @JsonProperty("message") String message,
    @JsonProperty("origin") String origin,
    @JsonProperty("groupName") String groupName,
    @JsonProperty("groupid") String groupId) {}
