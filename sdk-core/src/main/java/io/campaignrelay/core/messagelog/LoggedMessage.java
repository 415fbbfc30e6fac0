package io.campaignrelay.core.messagelog;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.sms.SmsLength;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the {@link MessageLog}: a message to one customer of one campaign, with its status.
 * A TEST-mode entry ({@link MessageStatus#LOGGED}) carries exactly what a live one would: the phone
 * number, the rendered text and its length. Dropped entries may lack a phone number or text (that
 * is why they were dropped). Immutable and thread-safe.
 */
public final class LoggedMessage {

  private final IdempotencyKey key;
  private final CampaignId campaignId;
  private final ChannelId channel;
  private final CustomerId customerId;
  private final TemplateId templateId;
  private final PhoneNumber to;
  private final String text;
  private final SmsLength length;
  private final MessageStatus status;
  private final ExecutionMode mode;
  private final Instant at;
  private final String detail;
  private final String vendorMessageId;

  private LoggedMessage(Builder b) {
    this.campaignId = Objects.requireNonNull(b.campaignId, "campaignId");
    this.customerId = Objects.requireNonNull(b.customerId, "customerId");
    this.channel = Objects.requireNonNull(b.channel, "channel");
    this.status = Objects.requireNonNull(b.status, "status");
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.at = Objects.requireNonNull(b.at, "at");
    this.key = b.key != null ? b.key : IdempotencyKey.derive(campaignId, customerId);
    this.templateId = b.templateId;
    this.to = b.to;
    this.text = b.text;
    this.length = b.text == null ? null : SmsLength.of(b.text);
    this.detail = b.detail == null || b.detail.isBlank() ? null : b.detail;
    this.vendorMessageId =
        b.vendorMessageId == null || b.vendorMessageId.isBlank() ? null : b.vendorMessageId;
    if (status == MessageStatus.LOGGED && mode != ExecutionMode.TEST) {
      throw new IllegalArgumentException(
          "status LOGGED is for TEST mode only: a LIVE message is DISPATCHED, DROPPED or"
              + " REJECTED");
    }
    if (status == MessageStatus.DISPATCHED && mode != ExecutionMode.LIVE) {
      throw new IllegalArgumentException(
          "status DISPATCHED is for LIVE mode only: a TEST message is LOGGED, never sent");
    }
    if ((status == MessageStatus.LOGGED || status == MessageStatus.DISPATCHED)
        && (to == null || text == null || templateId == null)) {
      throw new IllegalArgumentException(
          "a " + status + " message needs the phone number, the template and the rendered text");
    }
  }

  /**
   * A TEST-mode entry: the message exactly as it would have been sent, never sent.
   *
   * @param message the rendered, validated message
   * @param at when it was logged
   * @return the entry, status {@link MessageStatus#LOGGED}
   */
  public static LoggedMessage logged(OutboundMessage message, Instant at) {
    return fromMessage(message, ExecutionMode.TEST, at).status(MessageStatus.LOGGED).build();
  }

  /**
   * A LIVE entry from the vendor's answer: DISPATCHED if accepted (with the vendor's message id),
   * REJECTED if not (with the reason).
   *
   * @param message the message sent
   * @param result the vendor's answer for it
   * @param at when the answer came
   * @return the entry
   * @throws IllegalArgumentException if the result is for another message
   */
  public static LoggedMessage dispatched(
      OutboundMessage message, DispatchResult result, Instant at) {
    if (!message.idempotencyKey().equals(result.idempotencyKey())) {
      throw new IllegalArgumentException(
          "result " + result.idempotencyKey() + " is not for message " + message.idempotencyKey());
    }
    Builder b = fromMessage(message, ExecutionMode.LIVE, at);
    if (result.isAccepted()) {
      b.status(MessageStatus.DISPATCHED).vendorMessageId(result.vendorMessageId().orElse(null));
    } else {
      b.status(MessageStatus.REJECTED)
          .detail(
              result.rejectionReason().orElseThrow()
                  + result.detail().map(d -> ": " + d).orElse(""));
    }
    return b.build();
  }

  private static Builder fromMessage(OutboundMessage m, ExecutionMode mode, Instant at) {
    return builder()
        .key(m.idempotencyKey())
        .campaignId(m.campaign().id())
        .channel(m.campaign().channel())
        .customerId(m.customerId())
        .templateId(m.templateId())
        .to(m.to())
        .text(m.text())
        .mode(mode)
        .at(at);
  }

  /**
   * A builder, for entries the factories do not cover (drops, later status changes).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this entry, e.g. to record a later status.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.key = key;
    b.campaignId = campaignId;
    b.channel = channel;
    b.customerId = customerId;
    b.templateId = templateId;
    b.to = to;
    b.text = text;
    b.status = status;
    b.mode = mode;
    b.at = at;
    b.detail = detail;
    b.vendorMessageId = vendorMessageId;
    return b;
  }

  /**
   * The message's key (campaign + customer).
   *
   * @return the key
   */
  public IdempotencyKey key() {
    return key;
  }

  /**
   * The campaign.
   *
   * @return the id
   */
  public CampaignId campaignId() {
    return campaignId;
  }

  /**
   * The channel.
   *
   * @return the channel
   */
  public ChannelId channel() {
    return channel;
  }

  /**
   * The customer.
   *
   * @return the id
   */
  public CustomerId customerId() {
    return customerId;
  }

  /**
   * The template.
   *
   * @return the id, or empty for a drop before a template was chosen
   */
  public Optional<TemplateId> templateId() {
    return Optional.ofNullable(templateId);
  }

  /**
   * The phone number.
   *
   * @return the number, or empty when it was missing or invalid
   */
  public Optional<PhoneNumber> to() {
    return Optional.ofNullable(to);
  }

  /**
   * The rendered text.
   *
   * @return the text, or empty when rendering failed
   */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /**
   * The rendered text's length.
   *
   * @return the length, or empty when there is no text
   */
  public Optional<SmsLength> length() {
    return Optional.ofNullable(length);
  }

  /**
   * The status.
   *
   * @return the status
   */
  public MessageStatus status() {
    return status;
  }

  /**
   * TEST or LIVE.
   *
   * @return the mode
   */
  public ExecutionMode mode() {
    return mode;
  }

  /**
   * When the entry was written.
   *
   * @return the instant
   */
  public Instant at() {
    return at;
  }

  /**
   * Why (drop reason, rejection reason).
   *
   * @return the detail, or empty
   */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  /**
   * The vendor's message id of a dispatched message.
   *
   * @return the id, or empty
   */
  public Optional<String> vendorMessageId() {
    return Optional.ofNullable(vendorMessageId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoggedMessage m
        && key.equals(m.key)
        && campaignId.equals(m.campaignId)
        && channel.equals(m.channel)
        && customerId.equals(m.customerId)
        && Objects.equals(templateId, m.templateId)
        && Objects.equals(to, m.to)
        && Objects.equals(text, m.text)
        && status == m.status
        && mode == m.mode
        && at.equals(m.at)
        && Objects.equals(detail, m.detail)
        && Objects.equals(vendorMessageId, m.vendorMessageId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, campaignId, customerId, status, at);
  }

  /** Omits the phone number and text (personal data). */
  @Override
  public String toString() {
    return "LoggedMessage{campaign="
        + campaignId
        + ", customer="
        + customerId
        + ", status="
        + status
        + ", mode="
        + mode
        + ", at="
        + at
        + (detail == null ? "" : ", detail=" + detail)
        + '}';
  }

  /** Builds a {@link LoggedMessage}. Not thread-safe. */
  public static final class Builder {
    private IdempotencyKey key;
    private CampaignId campaignId;
    private ChannelId channel;
    private CustomerId customerId;
    private TemplateId templateId;
    private PhoneNumber to;
    private String text;
    private MessageStatus status;
    private ExecutionMode mode = ExecutionMode.TEST;
    private Instant at;
    private String detail;
    private String vendorMessageId;

    private Builder() {}

    /**
     * Sets the key (default: derived from campaign + customer).
     *
     * @param key the key
     * @return this builder
     */
    public Builder key(IdempotencyKey key) {
      this.key = key;
      return this;
    }

    /**
     * Sets the campaign (required).
     *
     * @param campaignId the campaign
     * @return this builder
     */
    public Builder campaignId(CampaignId campaignId) {
      this.campaignId = campaignId;
      return this;
    }

    /**
     * Sets the channel (required).
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(ChannelId channel) {
      this.channel = channel;
      return this;
    }

    /**
     * Sets the customer (required).
     *
     * @param customerId the customer
     * @return this builder
     */
    public Builder customerId(CustomerId customerId) {
      this.customerId = customerId;
      return this;
    }

    /**
     * Sets the template.
     *
     * @param templateId the template, or null
     * @return this builder
     */
    public Builder templateId(TemplateId templateId) {
      this.templateId = templateId;
      return this;
    }

    /**
     * Sets the phone number.
     *
     * @param to the number, or null
     * @return this builder
     */
    public Builder to(PhoneNumber to) {
      this.to = to;
      return this;
    }

    /**
     * Sets the rendered text (its length is measured).
     *
     * @param text the text, or null
     * @return this builder
     */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /**
     * Sets the status (required).
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(MessageStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the mode (default TEST).
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(ExecutionMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Sets when the entry was written (required; from an injected clock).
     *
     * @param at the instant
     * @return this builder
     */
    public Builder at(Instant at) {
      this.at = at;
      return this;
    }

    /**
     * Sets why (a drop or rejection reason).
     *
     * @param detail the detail, or null
     * @return this builder
     */
    public Builder detail(String detail) {
      this.detail = detail;
      return this;
    }

    /**
     * Sets the vendor's message id.
     *
     * @param vendorMessageId the id, or null
     * @return this builder
     */
    public Builder vendorMessageId(String vendorMessageId) {
      this.vendorMessageId = vendorMessageId;
      return this;
    }

    /**
     * Builds the entry.
     *
     * @return the entry
     * @throws NullPointerException if campaign, channel, customer, status, mode or time is missing
     * @throws IllegalArgumentException if the status does not fit the mode (LOGGED is TEST only,
     *     DISPATCHED is LIVE only) or a LOGGED/DISPATCHED entry lacks number, template or text
     */
    public LoggedMessage build() {
      return new LoggedMessage(this);
    }
  }
}
