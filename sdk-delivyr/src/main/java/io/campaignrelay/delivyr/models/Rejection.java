package io.campaignrelay.delivyr.models;

/**
 * Why Delivyr rejected a message (reported to Optimove as Dropped).
 *
 * @param reason the reason code, e.g. {@link RejectionReason#OPTED_OUT}
 * @param detail Delivyr's explanation, or null
 */
public record Rejection(RejectionReason reason, String detail) {}
