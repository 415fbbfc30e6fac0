package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A message template of the account ({@code get_templates}).
 *
 * @param id the template id (number or string on the wire; kept as text)
 * @param title the template's name; Optimove's group prefixes (e.g. {@code OPT_}) are matched
 *     against it
 * @param body the template text, placeholders included
 * @param senderName the sender name attached to the template, or null (India)
 * @param isMyDnd India-specific DND flag as TextLocal sends it, or null
 */
public record Template(
    @JsonProperty("id") String id,
    @JsonProperty("title") String title,
    @JsonProperty("body") String body,
    @JsonProperty("senderName") String senderName,
    @JsonProperty("isMyDND") String isMyDnd) {}
