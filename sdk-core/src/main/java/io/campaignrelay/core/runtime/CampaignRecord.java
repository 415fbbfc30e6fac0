package io.campaignrelay.core.runtime;

import io.campaignrelay.core.CampaignId;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a runtime knows of one campaign on one channel: when it is to be sent, when it was sent,
 * which metric days are reported, and vendor references (batch ids, contact groups, the settings it
 * runs with) as named strings. Immutable; change it with {@link #toBuilder()}.
 */
public final class CampaignRecord {
  private final String key;
  private final CampaignId campaignId;
  private final String channel;
  private final Instant sendAt;
  private final Instant sentAt;
  private final SortedSet<Integer> metricDaysDone;
  private final Map<String, String> attributes;

  private CampaignRecord(Builder b) {
    this.campaignId = Objects.requireNonNull(b.campaignId, "campaignId");
    this.channel = Objects.requireNonNull(b.channel, "channel");
    this.key = keyOf(campaignId, channel);
    this.sendAt = Objects.requireNonNull(b.sendAt, "sendAt");
    this.sentAt = b.sentAt;
    this.metricDaysDone = Collections.unmodifiableSortedSet(new TreeSet<>(b.metricDaysDone));
    this.attributes = Collections.unmodifiableMap(new TreeMap<>(b.attributes));
  }

  /**
   * The ledger key of a campaign on a channel.
   *
   * @param campaignId the campaign
   * @param channel the channel's name or id
   * @return {@code <campaign>:<channel>}
   */
  public static String keyOf(CampaignId campaignId, String channel) {
    return campaignId.value() + ":" + channel;
  }

  /**
   * A builder.
   *
   * @param campaignId the campaign
   * @param channel the channel's name or id
   * @param sendAt when it is to be sent
   * @return a new builder
   */
  public static Builder builder(CampaignId campaignId, String channel, Instant sendAt) {
    Builder b = new Builder();
    b.campaignId = campaignId;
    b.channel = channel;
    b.sendAt = sendAt;
    return b;
  }

  /**
   * A builder holding this record's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = builder(campaignId, channel, sendAt);
    b.sentAt = sentAt;
    b.metricDaysDone.addAll(metricDaysDone);
    b.attributes.putAll(attributes);
    return b;
  }

  /**
   * The ledger key.
   *
   * @return {@code <campaign>:<channel>}
   */
  public String key() {
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
   * The channel's name or id.
   *
   * @return the channel
   */
  public String channel() {
    return channel;
  }

  /**
   * When the campaign is to be sent.
   *
   * @return the instant
   */
  public Instant sendAt() {
    return sendAt;
  }

  /**
   * When its execution finished.
   *
   * @return the instant, or empty while not yet sent
   */
  public Optional<Instant> sentAt() {
    return Optional.ofNullable(sentAt);
  }

  /**
   * The metric days (1 = the day after the send) already reported.
   *
   * @return the days, ascending
   */
  public SortedSet<Integer> metricDaysDone() {
    return metricDaysDone;
  }

  /**
   * A named vendor reference.
   *
   * @param name the name
   * @return the value, if set
   */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /**
   * Every named vendor reference.
   *
   * @return the references, by name
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CampaignRecord r
        && key.equals(r.key)
        && sendAt.equals(r.sendAt)
        && Objects.equals(sentAt, r.sentAt)
        && metricDaysDone.equals(r.metricDaysDone)
        && attributes.equals(r.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, sendAt, sentAt, metricDaysDone, attributes);
  }

  @Override
  public String toString() {
    return "CampaignRecord{"
        + key
        + ", sendAt="
        + sendAt
        + (sentAt == null ? "" : ", sentAt=" + sentAt)
        + ", metricDaysDone="
        + metricDaysDone
        + ", attributes="
        + attributes.keySet()
        + '}';
  }

  /** Builds a {@link CampaignRecord}. Not thread-safe. */
  public static final class Builder {
    private CampaignId campaignId;
    private String channel;
    private Instant sendAt;
    private Instant sentAt;
    private final SortedSet<Integer> metricDaysDone = new TreeSet<>();
    private final Map<String, String> attributes = new TreeMap<>();

    private Builder() {}

    /**
     * Sets when the campaign is to be sent.
     *
     * @param sendAt the instant
     * @return this builder
     */
    public Builder sendAt(Instant sendAt) {
      this.sendAt = sendAt;
      return this;
    }

    /**
     * Sets when its execution finished.
     *
     * @param sentAt the instant, or null while not sent
     * @return this builder
     */
    public Builder sentAt(Instant sentAt) {
      this.sentAt = sentAt;
      return this;
    }

    /**
     * Marks a metric day as reported.
     *
     * @param day 1 (the day after the send) or later
     * @return this builder
     */
    public Builder metricDayDone(int day) {
      metricDaysDone.add(day);
      return this;
    }

    /**
     * Sets a named vendor reference.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the record.
     *
     * @return the record
     */
    public CampaignRecord build() {
      return new CampaignRecord(this);
    }
  }
}
