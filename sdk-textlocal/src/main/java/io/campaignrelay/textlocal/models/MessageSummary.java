package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code message} object of a send response.
 *
 * @param numParts how many SMS parts each message took
 * @param sender the sender name used
 * @param content the text as TextLocal received it
 */
public record MessageSummary(
    @JsonProperty("num_parts") int numParts,
    @JsonProperty("sender") String sender,
    @JsonProperty("content") String content) {}
