package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One message a send created.
 *
 * @param id TextLocal's message id (a string in some samples, a number in others; kept as text),
 *     usable with {@code status_message}
 * @param recipient the recipient's international digits (a JSON number wider than an {@code int};
 *     kept as text)
 */
// read in one pass by BulkAnswerReaders (one per recipient); unknown fields are skipped as read
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = BulkAnswerReaders.SentReader.class)
public record SentMessage(
    @JsonProperty("id") String id, @JsonProperty("recipient") String recipient) {}
