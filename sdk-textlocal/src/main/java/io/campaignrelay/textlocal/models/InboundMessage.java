package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;

/**
 * A message received in an inbox. Field names are INFERRED (the response is not typed in any stored
 * source); absent fields read as null.
 *
 * @param id the message id
 * @param number the sender's digits
 * @param message the text
 * @param datetime when it arrived (zone not documented)
 */
public record InboundMessage(
    @JsonProperty("id") String id,
    @JsonProperty("number") String number,
    @JsonProperty("message") String message,
    @JsonProperty("datetime") @JsonFormat(pattern = "yyyy-MM-dd HH:mm:ss")
        LocalDateTime datetime) {}
