package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One campaign to execute on one channel: what the marketing platform asks a vendor to send.
 * Immutable and thread-safe; build it with {@link #builder()}.
 *
 * <p>The send time is an {@link Instant}. Where the platform gives a local date-time without a zone
 * (its {@code ScheduledTime} fields; the zone is not documented), convert it with {@link
 * Builder#sendTime(LocalDateTime, ZoneId)} and the tenant's zone, which must be explicit
 * configuration: never the JVM default.
 */
public final class Campaign {

  private final CampaignKind kind;
  private final CampaignId id;
  private final ChannelId channel;
  private final TemplateId templateId;
  private final Long actionId;
  private final CampaignId seriesId;
  private final Instant sendTime;
  private final List<String> promoCodes;
  private final Long targetedCount;

  private Campaign(Builder b) {
    this.kind = b.kind;
    this.id = b.id;
    this.channel = b.channel;
    this.templateId = b.templateId;
    this.actionId = b.actionId;
    this.seriesId = b.seriesId;
    this.sendTime = b.sendTime;
    this.promoCodes = List.copyOf(b.promoCodes);
    this.targetedCount = b.targetedCount;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this campaign's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.kind = kind;
    b.id = id;
    b.channel = channel;
    b.templateId = templateId;
    b.actionId = actionId;
    b.seriesId = seriesId;
    b.sendTime = sendTime;
    b.promoCodes.addAll(promoCodes);
    b.targetedCount = targetedCount;
    return b;
  }

  /**
   * Scheduled or triggered.
   *
   * @return the kind
   */
  public CampaignKind kind() {
    return kind;
  }

  /**
   * The platform's campaign id.
   *
   * @return the id
   */
  public CampaignId id() {
    return id;
  }

  /**
   * The channel the campaign runs on.
   *
   * @return the channel
   */
  public ChannelId channel() {
    return channel;
  }

  /**
   * The template the platform chose for the campaign (recipients may override it, see the engine's
   * {@code Recipient}).
   *
   * @return the template id
   */
  public TemplateId templateId() {
    return templateId;
  }

  /**
   * The platform's action id, when known.
   *
   * @return the action id, or empty
   */
  public OptionalLong actionId() {
    return actionId == null ? OptionalLong.empty() : OptionalLong.of(actionId);
  }

  /**
   * The platform's campaign series id of a triggered campaign (e.g. {@code "2.18"}), when known.
   *
   * @return the series id, or empty
   */
  public Optional<CampaignId> seriesId() {
    return Optional.ofNullable(seriesId);
  }

  /**
   * When the campaign is to be sent.
   *
   * @return the instant
   */
  public Instant sendTime() {
    return sendTime;
  }

  /**
   * The promotion codes chosen for the campaign, in order, without duplicates.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<String> promoCodes() {
    return promoCodes;
  }

  /**
   * How many customers the campaign targets, when known (it is the base of "Sent = Targeted -
   * Dropped").
   *
   * @return the count, or empty while unknown
   */
  public OptionalLong targetedCount() {
    return targetedCount == null ? OptionalLong.empty() : OptionalLong.of(targetedCount);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Campaign c
        && kind == c.kind
        && id.equals(c.id)
        && channel.equals(c.channel)
        && templateId.equals(c.templateId)
        && Objects.equals(actionId, c.actionId)
        && Objects.equals(seriesId, c.seriesId)
        && sendTime.equals(c.sendTime)
        && promoCodes.equals(c.promoCodes)
        && Objects.equals(targetedCount, c.targetedCount);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kind, id, channel, templateId, actionId, seriesId, sendTime, promoCodes, targetedCount);
  }

  @Override
  public String toString() {
    return "Campaign{kind="
        + kind
        + ", id="
        + id
        + ", channel="
        + channel
        + ", templateId="
        + templateId
        + (actionId == null ? "" : ", actionId=" + actionId)
        + (seriesId == null ? "" : ", seriesId=" + seriesId)
        + ", sendTime="
        + sendTime
        + ", promoCodes="
        + promoCodes.size()
        + (targetedCount == null ? "" : ", targeted=" + targetedCount)
        + '}';
  }

  /** Builds a {@link Campaign}; {@link #build()} reports every missing or bad value at once. */
  public static final class Builder {
    private CampaignKind kind;
    private CampaignId id;
    private ChannelId channel;
    private TemplateId templateId;
    private Long actionId;
    private CampaignId seriesId;
    private Instant sendTime;
    private final List<String> promoCodes = new ArrayList<>();
    private Long targetedCount;

    private Builder() {}

    /**
     * Sets the kind (required).
     *
     * @param kind scheduled or triggered
     * @return this builder
     */
    public Builder kind(CampaignKind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * Sets the campaign id (required). Scheduled campaigns need a numeric id.
     *
     * @param id the id
     * @return this builder
     */
    public Builder id(CampaignId id) {
      this.id = id;
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
     * Sets the template (required).
     *
     * @param templateId the template id
     * @return this builder
     */
    public Builder templateId(TemplateId templateId) {
      this.templateId = templateId;
      return this;
    }

    /**
     * Sets the platform's action id (optional).
     *
     * @param actionId the positive action id
     * @return this builder
     */
    public Builder actionId(long actionId) {
      this.actionId = actionId;
      return this;
    }

    /**
     * Sets the platform's campaign series id of a triggered campaign (optional).
     *
     * @param seriesId the series id, or null
     * @return this builder
     */
    public Builder seriesId(CampaignId seriesId) {
      this.seriesId = seriesId;
      return this;
    }

    /**
     * Sets the send time (required).
     *
     * @param sendTime the instant
     * @return this builder
     */
    public Builder sendTime(Instant sendTime) {
      this.sendTime = sendTime;
      return this;
    }

    /**
     * Sets the send time from a local date-time in the tenant's zone. In a daylight-saving gap the
     * time moves forward by the gap's length; in an overlap the earlier instant is used.
     *
     * @param localTime the platform's local date-time
     * @param tenantZone the tenant's zone, from configuration (never the JVM default)
     * @return this builder
     */
    public Builder sendTime(LocalDateTime localTime, ZoneId tenantZone) {
      Objects.requireNonNull(localTime, "localTime");
      Objects.requireNonNull(tenantZone, "tenantZone");
      this.sendTime = localTime.atZone(tenantZone).toInstant();
      return this;
    }

    /**
     * Adds promotion codes. Blank codes and codes with a comma (the platform's list separator) are
     * errors; duplicates are kept once.
     *
     * @param codes the codes
     * @return this builder
     */
    public Builder promoCodes(List<String> codes) {
      this.promoCodes.addAll(Objects.requireNonNull(codes, "codes"));
      return this;
    }

    /**
     * Sets how many customers are targeted (optional; zero or more).
     *
     * @param count the count
     * @return this builder
     */
    public Builder targetedCount(long count) {
      this.targetedCount = count;
      return this;
    }

    /**
     * Builds the campaign.
     *
     * @return the campaign
     * @throws ConfigurationException listing every missing or invalid value
     */
    public Campaign build() {
      List<ConfigurationProblem> p = new ArrayList<>();
      if (kind == null) {
        p.add(ConfigurationProblem.of("kind", null, "is required: give SCHEDULED or TRIGGERED"));
      }
      if (id == null) {
        p.add(ConfigurationProblem.of("id", null, "is required: give the platform's campaign id"));
      } else if (kind == CampaignKind.SCHEDULED && !id.isNumeric()) {
        p.add(
            ConfigurationProblem.of(
                "id",
                id,
                "is dotted but the campaign is SCHEDULED: scheduled campaigns have integer ids;"
                    + " use kind TRIGGERED for dotted ids such as '2.38'"));
      }
      if (channel == null) {
        p.add(
            ConfigurationProblem.of(
                "channel", null, "is required: give the channel id, e.g. ChannelId.SCHEDULED_SMS"));
      }
      if (templateId == null) {
        p.add(ConfigurationProblem.of("templateId", null, "is required: give the template id"));
      }
      if (actionId != null && actionId <= 0) {
        p.add(
            ConfigurationProblem.of(
                "actionId",
                actionId,
                "is not positive: omit it or give" + " the platform's action id"));
      }
      if (sendTime == null) {
        p.add(
            ConfigurationProblem.of(
                "sendTime",
                null,
                "is required: give an Instant, or a local time with the tenant's zone"));
      }
      if (targetedCount != null && targetedCount < 0) {
        p.add(
            ConfigurationProblem.of(
                "targetedCount", targetedCount, "is negative: give zero or more, or omit it"));
      }
      LinkedHashSet<String> unique = new LinkedHashSet<>();
      for (int i = 0; i < promoCodes.size(); i++) {
        String code = promoCodes.get(i);
        if (code == null || code.isBlank() || !code.strip().equals(code)) {
          p.add(
              ConfigurationProblem.of(
                  "promoCodes[" + i + "]",
                  Texts.printable(code),
                  "is blank or padded: give the code without surrounding spaces"));
        } else if (code.indexOf(',') >= 0) {
          p.add(
              ConfigurationProblem.of(
                  "promoCodes[" + i + "]",
                  code,
                  "has a comma, the platform's list separator: split it into separate codes"));
        } else {
          unique.add(code);
        }
      }
      ConfigurationException.throwIfAny("campaign", p);
      promoCodes.clear();
      promoCodes.addAll(unique);
      return new Campaign(this);
    }
  }
}
