package io.campaignrelay.optimove;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.execution.TargetSource;
import io.campaignrelay.optimove.models.CampaignTargetQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The engine's {@link TargetSource} on Optimove: streams a scheduled campaign's recipients with
 * their attributes (in the configured order, the phone number first for SMS) and promo codes, page
 * by page ({@value CampaignTargetQuery#MAX_PAGE_SIZE} rows by default) and lazily, never holding
 * more than one page.
 *
 * <p>By default it reads GetCustomerExecutionDetailsByCampaign, which carries each customer's promo
 * codes and template; {@link Function#SEND_DETAILS_BY_CHANNEL} reads
 * GetCustomerSendDetailsByChannel instead (no per-customer promo codes: the campaign's own codes
 * are used). A customer whose template differs from the campaign's gets it through {@link
 * Recipient#withTemplate(TemplateId)}. A customer repeated within a window of page-size consecutive
 * rows is yielded once; repeats further apart are not tracked (that would hold every id of a
 * million-customer campaign in memory). Immutable and thread-safe.
 *
 * <p>A listing that cannot be trusted stops with a {@link TargetListingException} naming the
 * campaign and the page: a page that repeats the previous one, rows past the campaign's targeted
 * count plus a margin ({@link Builder#targetedMargin(long)}), or a page on which no row carries the
 * requested attributes. A row that alone lacks its attributes keeps them empty (never a made-up
 * value), so the engine's phone lookup drops it naming the missing attribute.
 */
public final class OptimoveTargetSource implements TargetSource {

  /** Which Optimove function lists the recipients. */
  public enum Function {
    /** GetCustomerExecutionDetailsByCampaign: per-customer promo codes and template (default). */
    EXECUTION_DETAILS_BY_CAMPAIGN,
    /** GetCustomerSendDetailsByChannel: the classic vendor pull. */
    SEND_DETAILS_BY_CHANNEL
  }

  /** The smallest default margin over the targeted count, in rows. */
  public static final long MIN_TARGETED_MARGIN = 100;

  private final OptimoveClient client;
  private final long targetedMargin;
  private final List<String> customerAttributes;
  private final Function function;
  private final int pageSize;
  private final char attributeDelimiter;

  private OptimoveTargetSource(Builder b) {
    this.client = b.client;
    this.customerAttributes = List.copyOf(b.customerAttributes);
    this.function = b.function;
    this.pageSize = b.pageSize;
    this.attributeDelimiter = b.attributeDelimiter;
    this.targetedMargin = b.targetedMargin;
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
   * The attributes requested for every recipient, in order.
   *
   * @return an unmodifiable list
   */
  public List<String> customerAttributes() {
    return customerAttributes;
  }

  /**
   * Streams the campaign's recipients.
   *
   * @param campaign a scheduled campaign (integer id)
   * @return a lazy stream; closing it is harmless (pages are read whole)
   * @throws ConfigurationException if the campaign id is not an integer
   */
  @Override
  public Stream<Recipient> recipients(Campaign campaign) {
    Objects.requireNonNull(campaign, "campaign");
    long campaignId =
        campaign
            .id()
            .numericValue()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "Optimove target source",
                        ConfigurationProblem.of(
                            "campaign.id",
                            campaign.id(),
                            "Optimove lists targets of scheduled campaigns, whose ids are"
                                + " integers; triggered campaigns carry their customer in the"
                                + " event-11 payload")));
    CampaignTargetQuery query =
        CampaignTargetQuery.builder()
            .campaignId(campaignId)
            .channelId(campaign.channel().value())
            .customerAttributes(customerAttributes)
            .attributeDelimiter(attributeDelimiter)
            .pageSize(pageSize)
            .build();
    TemplateId campaignTemplate = campaign.templateId();
    Stream<Recipient> rows =
        switch (function) {
          case EXECUTION_DETAILS_BY_CAMPAIGN ->
              withinTargeted(
                      client.listCustomerExecutionDetails(query).streamByPage(),
                      campaign,
                      campaignId)
                  .map(
                      d ->
                          recipient(
                              d.customerId(),
                              d.attributes(),
                              d.promoCodes(),
                              d.templateId(),
                              campaignTemplate));
          case SEND_DETAILS_BY_CHANNEL ->
              withinTargeted(
                      client.listCustomerSendDetails(query).streamByPage(), campaign, campaignId)
                  .map(
                      d ->
                          recipient(
                              d.customerId(),
                              d.attributes(),
                              campaign.promoCodes(),
                              d.templateId(),
                              campaignTemplate));
        };
    return dedupeAdjacent(rows, pageSize);
  }

  /**
   * The pages' rows, stopped with {@link TargetListingException.Problem#PAST_TARGETED_COUNT} when
   * they go past the campaign's targeted count plus the margin.
   */
  private <T> Stream<T> withinTargeted(
      Stream<PagedIterable.Page<T>> pages, Campaign campaign, long campaignId) {
    if (campaign.targetedCount().isEmpty()) {
      return pages.flatMap(p -> p.items().stream());
    }
    long targeted = campaign.targetedCount().getAsLong();
    long margin = targetedMargin >= 0 ? targetedMargin : defaultMargin(targeted);
    long limit = targeted + margin;
    long[] read = {0};
    int[] page = {0};
    return pages.flatMap(
        p -> {
          page[0]++;
          long skip = read[0];
          read[0] += p.items().size();
          if (read[0] > limit) {
            throw new TargetListingException(
                TargetListingException.Problem.PAST_TARGETED_COUNT,
                campaignId,
                page[0],
                skip,
                customerAttributes,
                List.of(),
                "Optimove listed more targets for campaign "
                    + campaignId
                    + " than it targets: page "
                    + page[0]
                    + " ($skip="
                    + skip
                    + ") brings the rows to "
                    + read[0]
                    + ", past the targeted count "
                    + targeted
                    + " plus the margin "
                    + margin
                    + "; the listing was stopped (the server may ignore $top/$skip). Check the"
                    + " campaign's targeted count or set targetedMargin(...)");
          }
          return p.items().stream();
        });
  }

  /**
   * The default margin over a campaign's targeted count: a tenth of it, at least {@value
   * #MIN_TARGETED_MARGIN} rows.
   *
   * @param targeted the targeted count
   * @return the margin in rows
   */
  public static long defaultMargin(long targeted) {
    return Math.max(MIN_TARGETED_MARGIN, targeted / 10);
  }

  private static Recipient recipient(
      String customerId,
      CustomerAttributes attributes,
      List<String> promoCodes,
      long templateId,
      TemplateId campaignTemplate) {
    Recipient r = Recipient.of(CustomerId.of(customerId), attributes, promoCodes);
    if (templateId > 0) {
      TemplateId own = TemplateId.of(templateId);
      if (!own.equals(campaignTemplate)) {
        r = r.withTemplate(own);
      }
    }
    return r;
  }

  private static Stream<Recipient> dedupeAdjacent(Stream<Recipient> rows, int window) {
    java.util.LinkedHashSet<CustomerId> recent = new java.util.LinkedHashSet<>();
    return rows.filter(
        r -> {
          if (!recent.add(r.customerId())) {
            return false;
          }
          if (recent.size() > window) {
            var it = recent.iterator();
            it.next();
            it.remove();
          }
          return true;
        });
  }

  @Override
  public String toString() {
    return "OptimoveTargetSource{" + function + ", attributes=" + customerAttributes + '}';
  }

  /** Builds an {@link OptimoveTargetSource}. Not thread-safe. */
  public static final class Builder {
    private OptimoveClient client;
    private final List<String> customerAttributes = new ArrayList<>();
    private String phoneAttribute;
    private Function function = Function.EXECUTION_DETAILS_BY_CAMPAIGN;
    private int pageSize = CampaignTargetQuery.MAX_PAGE_SIZE;
    private char attributeDelimiter = ',';
    private long targetedMargin = -1;

    private Builder() {}

    /**
     * Sets how many rows past a campaign's {@link Campaign#targetedCount()} the listing may read
     * before it stops with {@link TargetListingException.Problem#PAST_TARGETED_COUNT} (default:
     * {@link OptimoveTargetSource#defaultMargin(long)}, a tenth of the count and at least {@value
     * OptimoveTargetSource#MIN_TARGETED_MARGIN}). Campaigns without a targeted count are not
     * checked this way (a repeated page still stops the listing).
     *
     * @param rows zero or more
     * @return this builder
     */
    public Builder targetedMargin(long rows) {
      this.targetedMargin = rows;
      return this;
    }

    /**
     * Sets the client (required).
     *
     * @param client the Optimove client
     * @return this builder
     */
    public Builder client(OptimoveClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the attributes to request, in order (for SMS the phone number first, then the template
     * variables).
     *
     * @param names the RealFieldNames
     * @return this builder
     */
    public Builder customerAttributes(List<String> names) {
      customerAttributes.clear();
      customerAttributes.addAll(names);
      return this;
    }

    /**
     * Requires that this attribute is the first one (the SMS-channel guide: "the phone number must
     * be the first in the list").
     *
     * @param name the phone attribute's RealFieldName, or null to skip the check
     * @return this builder
     */
    public Builder phoneAttribute(String name) {
      this.phoneAttribute = name;
      return this;
    }

    /**
     * Chooses the Optimove function.
     *
     * @param function the function
     * @return this builder
     */
    public Builder function(Function function) {
      this.function = function;
      return this;
    }

    /**
     * Sets the page size.
     *
     * @param pageSize 1 to {@value CampaignTargetQuery#MAX_PAGE_SIZE}
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets the delimiter of the older single-string attribute form.
     *
     * @param delimiter {@code ,} or {@code ;}
     * @return this builder
     */
    public Builder attributeDelimiter(char delimiter) {
      this.attributeDelimiter = delimiter;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     * @throws ConfigurationException listing every problem
     */
    public OptimoveTargetSource build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (client == null) {
        problems.add(ConfigurationProblem.of("client", null, "give an OptimoveClient"));
      }
      if (function == null) {
        problems.add(ConfigurationProblem.of("function", null, "choose a Function"));
      }
      if (targetedMargin < -1) {
        problems.add(
            ConfigurationProblem.of("targetedMargin", targetedMargin, "give zero or more rows"));
      }
      try {
        CampaignTargetQuery.builder()
            .campaignId(1)
            .channelId(1)
            .customerAttributes(customerAttributes)
            .attributeDelimiter(attributeDelimiter)
            .pageSize(pageSize)
            .build();
      } catch (ConfigurationException e) {
        problems.addAll(e.problems());
      }
      if (phoneAttribute != null) {
        try {
          CustomerAttributes.requirePhoneFirst(
              "customerAttributes", customerAttributes, phoneAttribute);
        } catch (ConfigurationException e) {
          problems.addAll(e.problems());
        }
      }
      ConfigurationException.throwIfAny("Optimove target source", problems);
      return new OptimoveTargetSource(this);
    }
  }
}
