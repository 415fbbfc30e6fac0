/**
 * Values of the TextLocal API: requests ({@link io.campaignrelay.textlocal.models.SendRequest},
 * {@link io.campaignrelay.textlocal.models.BulkMessage}, ...), the response of every command, the
 * error-code table and the delivery-status letters.
 *
 * <p>Responses are tolerant of what the published samples and clients show: ids that arrive as a
 * JSON string or number are kept as text, recipient numbers wider than an {@code int} are kept as
 * text, absent {@code errors}/{@code warnings} arrays read as empty lists, and unknown fields are
 * ignored. Timestamps TextLocal returns carry no zone (UNKNOWN in the spec; probably the host's
 * local time), so they are {@link java.time.LocalDateTime}.
 */
package io.campaignrelay.textlocal.models;
