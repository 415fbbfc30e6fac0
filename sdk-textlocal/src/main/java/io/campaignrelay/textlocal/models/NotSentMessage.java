package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A {@code bulk_json} message TextLocal refused ({@code messages_not_sent[]}).
 *
 * @param uniqueId the caller's per-message key, if one was sent
 * @param number the recipient as TextLocal echoed it
 * @param message the text
 * @param error why it was not sent
 */
public record NotSentMessage(
    @JsonProperty("unique_id") String uniqueId,
    @JsonProperty("number") String number,
    @JsonProperty("message") String message,
    @JsonProperty("error") TextLocalNotice error) {}
