package io.campaignrelay.textlocal.models;

import java.time.LocalDateTime;

/**
 * One delivery receipt TextLocal POSTs to the receipt URL. It carries no message or batch id: it is
 * correlated through {@code customID} (the send's {@code custom} value, which the flow sets to the
 * campaign tag) and the number.
 *
 * @param number the recipient's digits
 * @param status the status letter ({@code D}, {@code U}, {@code I} or {@code ?} are documented)
 * @param customId the send's {@code custom} value, or null
 * @param datetime when the operator's receipt arrived (zone not documented), or null when absent
 *     (the deprecated receipt format has no date)
 */
public record DeliveryReceipt(
    String number, DeliveryStatus status, String customId, LocalDateTime datetime) {}
