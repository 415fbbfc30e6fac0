package io.campaignrelay.delivyr.models;

import java.time.Instant;

/**
 * A phone number that opted out (the user wrote back STOP, or it was added by the API).
 *
 * @param phone the number in E.164 form
 * @param keyword the keyword that opted it out, e.g. {@code STOP}, or null
 * @param optedOutAt when it opted out
 */
public record OptOut(String phone, String keyword, Instant optedOutAt) {}
