package io.campaignrelay.optimove.models;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A channel of a campaign in GetCampaignDetails ({@code Channels[{Id, ...}]}, seen in newer
 * callers; {@code ChannelID} and {@code ChannelName} are accepted too).
 *
 * @param id the channel id, or null
 * @param name the channel name, or null
 */
public record CampaignChannel(
    @JsonProperty("Id") @JsonAlias("ChannelID") Integer id,
    @JsonProperty("Name") @JsonAlias("ChannelName") String name) {}
