package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One attribute of model/GetCustomerAttributeList ({@code {"RealFieldName", "Description"}}).
 *
 * @param realFieldName the name to request it by
 * @param description the description, or null
 */
public record CustomerAttributeDefinition(
    @JsonProperty("RealFieldName") String realFieldName,
    @JsonProperty("Description") String description) {}
