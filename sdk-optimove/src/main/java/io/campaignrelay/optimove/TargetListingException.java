package io.campaignrelay.optimove;

import io.campaignrelay.core.CampaignRelayException;
import java.util.List;

/**
 * Optimove's listing of a campaign's targets cannot be trusted, so it was stopped instead of
 * reading (and texting) the same customers again or texting them without their attributes. Names
 * the campaign, the page and its {@code $skip}; {@link #problem()} says what was seen.
 */
public final class TargetListingException extends CampaignRelayException {
  private static final long serialVersionUID = 1L;

  /** What made the listing stop. */
  public enum Problem {
    /**
     * A page repeated the previous one (same first and last customer ids, or the same ids): the
     * server ignores {@code $top}/{@code $skip} (a third-party Optimove mock does).
     */
    PAGE_REPEATED,
    /** Paging went past the campaign's targeted count plus the margin. */
    PAST_TARGETED_COUNT,
    /**
     * No row of a page carried the requested attributes under any known key ({@code
     * CustomerAttributes}, or the singular {@code CustomerAttribute} some servers send).
     */
    ATTRIBUTES_MISSING
  }

  private final Problem problem;
  private final long campaignId;
  private final int page;
  private final long skip;
  private final List<String> attributeNames;
  private final List<String> keysSeen;

  /**
   * Creates the exception.
   *
   * @param problem what was seen
   * @param campaignId the campaign listed
   * @param page the page, 1-based
   * @param skip the page's {@code $skip}
   * @param attributeNames the requested attribute names (for {@link Problem#ATTRIBUTES_MISSING})
   * @param keysSeen the row keys the page used (for {@link Problem#ATTRIBUTES_MISSING})
   * @param message what happened and what to do
   */
  public TargetListingException(
      Problem problem,
      long campaignId,
      int page,
      long skip,
      List<String> attributeNames,
      List<String> keysSeen,
      String message) {
    super(message);
    this.problem = problem;
    this.campaignId = campaignId;
    this.page = page;
    this.skip = skip;
    this.attributeNames = attributeNames == null ? List.of() : List.copyOf(attributeNames);
    this.keysSeen = keysSeen == null ? List.of() : List.copyOf(keysSeen);
  }

  /**
   * What made the listing stop.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }

  /**
   * The campaign whose targets were listed.
   *
   * @return the CampaignID
   */
  public long campaignId() {
    return campaignId;
  }

  /**
   * The page at which the listing stopped.
   *
   * @return the page number, 1-based
   */
  public int page() {
    return page;
  }

  /**
   * The {@code $skip} of that page.
   *
   * @return the rows skipped
   */
  public long skip() {
    return skip;
  }

  /**
   * The attributes requested.
   *
   * @return the names, empty unless the problem is {@link Problem#ATTRIBUTES_MISSING}
   */
  public List<String> attributeNames() {
    return attributeNames;
  }

  /**
   * The keys the page's rows used.
   *
   * @return the key spellings, empty unless the problem is {@link Problem#ATTRIBUTES_MISSING}
   */
  public List<String> keysSeen() {
    return keysSeen;
  }
}
