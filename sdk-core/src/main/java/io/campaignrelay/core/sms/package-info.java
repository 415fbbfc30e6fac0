/**
 * SMS text rules: {@link io.campaignrelay.core.sms.SmsLength} (GSM-7 / UCS-2 encoding, units and
 * parts) and {@link io.campaignrelay.core.sms.OptOutKeywords} (STOP / START classification).
 */
package io.campaignrelay.core.sms;
