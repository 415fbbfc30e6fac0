package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One sent message or send of the history commands. {@code get_history_group} returns sends to
 * groups (batch, group, text, credits); {@code get_history_single} and {@code get_history_api}
 * return messages (id, number, sender, status); their full field lists are partly UNKNOWN, so every
 * field may be null (or 0).
 *
 * @param id the message id, or null
 * @param batchId the batch id, or null
 * @param number the recipient's digits, or null
 * @param sender the sender, or null
 * @param content the text ({@code content} or {@code message} on the wire), or null
 * @param deliveryStatus the status letter, or null
 * @param groupId the group id (group history), or null
 * @param groupName the group name (group history), or null
 * @param numCredits the credits used (group history), or null
 * @param customId the {@code custom} value of the send, if TextLocal returns it, or null
 * @param datetime when it was sent (zone not documented)
 */
public record HistoryMessage(
    @JsonProperty("id") String id,
    @JsonProperty("batch_id") String batchId,
    @JsonProperty("number") String number,
    @JsonProperty("sender") String sender,
    @JsonProperty("content") @JsonAlias("message") String content,
    @JsonProperty("status") DeliveryStatus deliveryStatus,
    @JsonProperty("group_id") String groupId,
    @JsonProperty("group_name") String groupName,
    @JsonProperty("num_credits") BigDecimal numCredits,
    @JsonProperty("customID") @JsonAlias("custom") String customId,
    @JsonProperty("datetime") @JsonFormat(pattern = "yyyy-MM-dd HH:mm:ss")
        LocalDateTime datetime) {}
