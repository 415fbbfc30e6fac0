/**
 * Values the Optimove client sends and receives: templates, listener registrations and payloads,
 * campaign targets, attributes, metrics and the integration check's findings. Wire names are given
 * with {@code @JsonProperty}; Java names are camelCase.
 */
package io.campaignrelay.optimove.models;
