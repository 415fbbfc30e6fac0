package io.campaignrelay.optimove.models;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Which campaign targets to pull: the campaign, the channel, the customer attributes to return
 * (their RealFieldNames, in the order the values should come back; by the SMS-channel convention
 * the phone number first) and the paging. Immutable; build with {@link #builder()}.
 *
 * <p>Attribute names are sent joined with {@code ;}. Older Optimove APIs return the values as one
 * string joined with {@code CustomerAttributesDelimiter} ({@code ,} by default, {@code ;} allowed);
 * current ones return a JSON array. Both are read. Pages hold at most {@value #MAX_PAGE_SIZE} rows
 * (Optimove's cap on customer functions), so a larger page size is rejected: a capped page would
 * look like the last one and end the pull early.
 */
public final class CampaignTargetQuery {

  /** Optimove's largest page of customer rows. */
  public static final int MAX_PAGE_SIZE = 10_000;

  private static final String DISALLOWED_IN_NAMES = ";:/?&#%$+=,";

  private final long campaignId;
  private final int channelId;
  private final List<String> customerAttributes;
  private final char attributeDelimiter;
  private final int pageSize;

  private CampaignTargetQuery(Builder b) {
    this.campaignId = b.campaignId;
    this.channelId = b.channelId;
    this.customerAttributes = List.copyOf(b.customerAttributes);
    this.attributeDelimiter = b.attributeDelimiter;
    this.pageSize = b.pageSize;
  }

  /**
   * A new builder (page size {@value #MAX_PAGE_SIZE}, delimiter {@code ,}, no attributes).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.campaignId = campaignId;
    b.channelId = channelId;
    b.customerAttributes.addAll(customerAttributes);
    b.attributeDelimiter = attributeDelimiter;
    b.pageSize = pageSize;
    return b;
  }

  /**
   * The campaign ({@code CampaignID}).
   *
   * @return the positive id
   */
  public long campaignId() {
    return campaignId;
  }

  /**
   * The channel ({@code ChannelID}).
   *
   * @return the positive id
   */
  public int channelId() {
    return channelId;
  }

  /**
   * The attribute names, in request order.
   *
   * @return an unmodifiable list, possibly empty
   */
  public List<String> customerAttributes() {
    return customerAttributes;
  }

  /**
   * The delimiter of the older single-string attribute form.
   *
   * @return {@code ,} or {@code ;}
   */
  public char attributeDelimiter() {
    return attributeDelimiter;
  }

  /**
   * Rows per page ({@code $top}).
   *
   * @return 1 to {@value #MAX_PAGE_SIZE}
   */
  public int pageSize() {
    return pageSize;
  }

  @Override
  public String toString() {
    return "CampaignTargetQuery{campaignId="
        + campaignId
        + ", channelId="
        + channelId
        + ", customerAttributes="
        + customerAttributes
        + ", attributeDelimiter="
        + attributeDelimiter
        + ", pageSize="
        + pageSize
        + '}';
  }

  /** Builds a {@link CampaignTargetQuery}. Not thread-safe. */
  public static final class Builder {
    private long campaignId;
    private int channelId;
    private final List<String> customerAttributes = new ArrayList<>();
    private char attributeDelimiter = ',';
    private int pageSize = MAX_PAGE_SIZE;

    private Builder() {}

    /**
     * Sets the campaign.
     *
     * @param campaignId the positive {@code CampaignID}
     * @return this builder
     */
    public Builder campaignId(long campaignId) {
      this.campaignId = campaignId;
      return this;
    }

    /**
     * Sets the channel.
     *
     * @param channelId the positive {@code ChannelID}, e.g. 452
     * @return this builder
     */
    public Builder channelId(int channelId) {
      this.channelId = channelId;
      return this;
    }

    /**
     * Replaces the attributes to return.
     *
     * @param names RealFieldNames in the order wanted (phone number first for SMS)
     * @return this builder
     */
    public Builder customerAttributes(List<String> names) {
      customerAttributes.clear();
      customerAttributes.addAll(names);
      return this;
    }

    /**
     * Sets the delimiter of the older single-string attribute form.
     *
     * @param delimiter {@code ,} (the default) or {@code ;}
     * @return this builder
     */
    public Builder attributeDelimiter(char delimiter) {
      this.attributeDelimiter = delimiter;
      return this;
    }

    /**
     * Sets the page size.
     *
     * @param pageSize 1 to {@value #MAX_PAGE_SIZE}
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     * @throws ConfigurationException listing every invalid value
     */
    public CampaignTargetQuery build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (campaignId <= 0) {
        problems.add(
            ConfigurationProblem.of(
                "campaignId", campaignId, "give the positive CampaignID Optimove notified"));
      }
      if (channelId <= 0) {
        problems.add(
            ConfigurationProblem.of(
                "channelId", channelId, "give the positive ChannelID, e.g. 452 for scheduled SMS"));
      }
      if (attributeDelimiter != ',' && attributeDelimiter != ';') {
        problems.add(
            ConfigurationProblem.of(
                "attributeDelimiter", attributeDelimiter, "Optimove allows only ',' or ';'"));
      }
      if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        problems.add(
            ConfigurationProblem.of(
                "pageSize",
                pageSize,
                "use 1 to "
                    + MAX_PAGE_SIZE
                    + " (Optimove returns at most "
                    + MAX_PAGE_SIZE
                    + " customer rows per page)"));
      }
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < customerAttributes.size(); i++) {
        String n = customerAttributes.get(i);
        String field = "customerAttributes[" + i + "]";
        if (n == null || n.isBlank() || !n.strip().equals(n)) {
          problems.add(
              ConfigurationProblem.of(
                  field, n, "give the attribute's RealFieldName without surrounding spaces"));
          continue;
        }
        for (int c = 0; c < DISALLOWED_IN_NAMES.length(); c++) {
          if (n.indexOf(DISALLOWED_IN_NAMES.charAt(c)) >= 0) {
            problems.add(
                ConfigurationProblem.of(
                    field,
                    n,
                    "contains '"
                        + DISALLOWED_IN_NAMES.charAt(c)
                        + "': RealFieldNames are joined with ';' and may not contain any of "
                        + DISALLOWED_IN_NAMES));
            break;
          }
        }
        if (seen.stream().anyMatch(n::equalsIgnoreCase)) {
          problems.add(
              ConfigurationProblem.of(field, n, "is repeated: request each attribute once"));
        }
        seen.add(n);
      }
      ConfigurationException.throwIfAny("Optimove campaign target query", problems);
      return new CampaignTargetQuery(this);
    }
  }
}
