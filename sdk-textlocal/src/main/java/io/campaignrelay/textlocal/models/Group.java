package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A contact group. Every account has group 5 ("Contacts") and 6 ("Opt-outs").
 *
 * @param id the group id (kept as text)
 * @param name the group name
 * @param size how many contacts it holds (absent on {@code create_group}: 0)
 */
public record Group(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("size") long size) {}
