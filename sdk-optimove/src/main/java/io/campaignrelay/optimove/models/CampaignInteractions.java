package io.campaignrelay.optimove.models;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-customer interactions for UpdateCampaignInteractions: which customers had one interaction
 * ({@link InteractionEventId}) with one template of a campaign on a given date. Optimove takes at
 * most {@value #MAX_CUSTOMERS_PER_CALL} customer ids per call; the client splits larger lists.
 * Optimove now calls this function legacy in favour of the signed engagement-metrics endpoint.
 * Immutable; build with {@link #builder()}.
 */
public final class CampaignInteractions {

  /** Optimove's largest {@code CustomerIDs} list per call. */
  public static final int MAX_CUSTOMERS_PER_CALL = 10_000;

  private final long campaignId;
  private final int channelId;
  private final LocalDate interactionDate;
  private final long templateId;
  private final InteractionEventId eventId;
  private final int recipientGroupId;
  private final List<String> customerIds;
  private final String appId;

  private CampaignInteractions(Builder b) {
    this.campaignId = b.campaignId;
    this.channelId = b.channelId;
    this.interactionDate = b.interactionDate;
    this.templateId = b.templateId;
    this.eventId = b.eventId;
    this.recipientGroupId = b.recipientGroupId;
    this.customerIds = List.copyOf(b.customerIds);
    this.appId = b.appId;
  }

  /**
   * A new builder (recipient group 1).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The campaign.
   *
   * @return the id
   */
  public long campaignId() {
    return campaignId;
  }

  /**
   * The channel.
   *
   * @return the id
   */
  public int channelId() {
    return channelId;
  }

  /**
   * The date of the interactions (sent as {@code YYYY-MM-DD}).
   *
   * @return the date
   */
  public LocalDate interactionDate() {
    return interactionDate;
  }

  /**
   * The template.
   *
   * @return the id
   */
  public long templateId() {
    return templateId;
  }

  /**
   * The interaction.
   *
   * @return the event id
   */
  public InteractionEventId eventId() {
    return eventId;
  }

  /**
   * The recipient group (1 unless the campaign has several).
   *
   * @return the group id
   */
  public int recipientGroupId() {
    return recipientGroupId;
  }

  /**
   * The customers.
   *
   * @return an unmodifiable list
   */
  public List<String> customerIds() {
    return customerIds;
  }

  /**
   * The app id (push channels only).
   *
   * @return the app id, or null
   */
  public String appId() {
    return appId;
  }

  @Override
  public String toString() {
    return "CampaignInteractions{campaignId="
        + campaignId
        + ", channelId="
        + channelId
        + ", date="
        + interactionDate
        + ", templateId="
        + templateId
        + ", eventId="
        + eventId
        + ", customers="
        + customerIds.size()
        + '}';
  }

  /** Builds {@link CampaignInteractions}. Not thread-safe. */
  public static final class Builder {
    private long campaignId;
    private int channelId;
    private LocalDate interactionDate;
    private long templateId;
    private InteractionEventId eventId;
    private int recipientGroupId = 1;
    private final List<String> customerIds = new ArrayList<>();
    private String appId;

    private Builder() {}

    /**
     * Sets the campaign.
     *
     * @param campaignId the positive id
     * @return this builder
     */
    public Builder campaignId(long campaignId) {
      this.campaignId = campaignId;
      return this;
    }

    /**
     * Sets the channel.
     *
     * @param channelId the positive id
     * @return this builder
     */
    public Builder channelId(int channelId) {
      this.channelId = channelId;
      return this;
    }

    /**
     * Sets the date (mandatory).
     *
     * @param date the date of the interactions
     * @return this builder
     */
    public Builder interactionDate(LocalDate date) {
      this.interactionDate = date;
      return this;
    }

    /**
     * Sets the template.
     *
     * @param templateId the id, zero or more
     * @return this builder
     */
    public Builder templateId(long templateId) {
      this.templateId = templateId;
      return this;
    }

    /**
     * Sets the interaction.
     *
     * @param eventId the event id
     * @return this builder
     */
    public Builder eventId(InteractionEventId eventId) {
      this.eventId = eventId;
      return this;
    }

    /**
     * Sets the recipient group.
     *
     * @param recipientGroupId the positive group id (default 1)
     * @return this builder
     */
    public Builder recipientGroupId(int recipientGroupId) {
      this.recipientGroupId = recipientGroupId;
      return this;
    }

    /**
     * Replaces the customers.
     *
     * @param customerIds the ids (any number; the client sends them in calls of at most {@value
     *     CampaignInteractions#MAX_CUSTOMERS_PER_CALL})
     * @return this builder
     */
    public Builder customerIds(List<String> customerIds) {
      this.customerIds.clear();
      this.customerIds.addAll(customerIds);
      return this;
    }

    /**
     * Sets the app id (push channels).
     *
     * @param appId the app id, or null
     * @return this builder
     */
    public Builder appId(String appId) {
      this.appId = appId;
      return this;
    }

    /**
     * Builds the interactions.
     *
     * @return the interactions
     * @throws ConfigurationException listing every invalid value
     */
    public CampaignInteractions build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (campaignId <= 0) {
        problems.add(ConfigurationProblem.of("campaignId", campaignId, "give the positive id"));
      }
      if (channelId <= 0) {
        problems.add(ConfigurationProblem.of("channelId", channelId, "give the positive id"));
      }
      if (interactionDate == null) {
        problems.add(
            ConfigurationProblem.of(
                "interactionDate", null, "is mandatory: give the date of the interactions"));
      }
      if (templateId < 0) {
        problems.add(ConfigurationProblem.of("templateId", templateId, "give the template id"));
      }
      if (eventId == null) {
        problems.add(
            ConfigurationProblem.of("eventId", null, "give an InteractionEventId, e.g. CLICKED"));
      }
      if (recipientGroupId <= 0) {
        problems.add(
            ConfigurationProblem.of("recipientGroupId", recipientGroupId, "use 1 (the default)"));
      }
      if (customerIds.isEmpty()) {
        problems.add(ConfigurationProblem.of("customerIds", "[]", "give at least one customer id"));
      }
      for (int i = 0; i < customerIds.size(); i++) {
        String id = customerIds.get(i);
        if (id == null || id.isBlank()) {
          problems.add(
              ConfigurationProblem.of(
                  "customerIds[" + i + "]", id, "give the customer's CustomerID"));
        }
      }
      ConfigurationException.throwIfAny("Optimove campaign interactions", problems);
      return new CampaignInteractions(this);
    }
  }
}
