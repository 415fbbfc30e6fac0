package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;

/**
 * An opted-out number. The {@code get_optouts} response shape is UNKNOWN in the spec: the field
 * names here are INFERRED ({@code number}, {@code datetime}) and absent ones read as null.
 *
 * @param number the number, or null
 * @param datetime when it opted out, or null
 */
public record OptOut(
    @JsonProperty("number") String number,
    @JsonProperty("datetime") @JsonFormat(pattern = "yyyy-MM-dd HH:mm:ss")
        LocalDateTime datetime) {}
