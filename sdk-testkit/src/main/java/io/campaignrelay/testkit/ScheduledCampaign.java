package io.campaignrelay.testkit;

import java.time.LocalDateTime;
import java.util.AbstractList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * A scheduled campaign of a {@link FakeOptimove} tenant: its id, channel, templates, send time and
 * lazily computed target list. Immutable and thread-safe.
 */
public final class ScheduledCampaign {
  private final long campaignId;
  private final int channelId;
  private final List<Long> templateIds;
  private final LocalDateTime scheduledTime;
  private final long actionId;
  private final List<String> promoCodes;
  private final int targetCount;
  private final LongFunction<FakeCustomer> target;

  ScheduledCampaign(
      long campaignId,
      int channelId,
      List<Long> templateIds,
      LocalDateTime scheduledTime,
      long actionId,
      List<String> promoCodes,
      int targetCount,
      LongFunction<FakeCustomer> target) {
    this.campaignId = campaignId;
    this.channelId = channelId;
    this.templateIds = List.copyOf(templateIds);
    this.scheduledTime = scheduledTime;
    this.actionId = actionId;
    this.promoCodes = List.copyOf(promoCodes);
    this.targetCount = targetCount;
    this.target = target;
  }

  /**
   * The Optimove CampaignID.
   *
   * @return the id
   */
  public long campaignId() {
    return campaignId;
  }

  /**
   * The execution channel.
   *
   * @return the ChannelID
   */
  public int channelId() {
    return channelId;
  }

  /**
   * The templates; target {@code j} gets {@code templateIds().get(j % size)}.
   *
   * @return the TemplateIDs
   */
  public List<Long> templateIds() {
    return templateIds;
  }

  /**
   * The template of target {@code j}.
   *
   * @param j the target index
   * @return the TemplateID
   */
  public long templateIdOf(long j) {
    return templateIds.get((int) (j % templateIds.size()));
  }

  /**
   * The scheduled send time (tenant-local wall time; the fake uses UTC).
   *
   * @return the time
   */
  public LocalDateTime scheduledTime() {
    return scheduledTime;
  }

  /**
   * The ActionID.
   *
   * @return the id
   */
  public long actionId() {
    return actionId;
  }

  /**
   * The promo codes.
   *
   * @return the codes
   */
  public List<String> promoCodes() {
    return promoCodes;
  }

  /**
   * The number of targeted customers.
   *
   * @return the count
   */
  public int targetCount() {
    return targetCount;
  }

  /**
   * The targeted customers, computed on access (no memory per customer).
   *
   * @return an unmodifiable lazy list
   */
  public List<FakeCustomer> targets() {
    return new AbstractList<>() {
      @Override
      public FakeCustomer get(int index) {
        if (index < 0 || index >= targetCount) {
          throw new IndexOutOfBoundsException("index " + index + " of " + targetCount);
        }
        return target.apply(index);
      }

      @Override
      public int size() {
        return targetCount;
      }
    };
  }

  @Override
  public String toString() {
    return "ScheduledCampaign[id="
        + campaignId
        + ", channel="
        + channelId
        + ", templates="
        + templateIds
        + ", at="
        + scheduledTime
        + ", targets="
        + targetCount
        + "]";
  }
}
