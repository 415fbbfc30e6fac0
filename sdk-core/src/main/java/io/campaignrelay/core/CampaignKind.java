package io.campaignrelay.core;

/** How a campaign is started by the marketing platform. */
public enum CampaignKind {
  /** Planned ahead: the platform picks a target group and a send time. */
  SCHEDULED,
  /** Real-time: one customer met a trigger, the platform sends one payload for that customer. */
  TRIGGERED
}
