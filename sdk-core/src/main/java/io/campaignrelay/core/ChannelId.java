package io.campaignrelay.core;

/**
 * The marketing platform's identifier of an execution channel. Channel ids are assigned per vendor
 * and tenant by the platform; two are fixed by the SMS-channel guide and offered as constants. Any
 * other positive id is allowed.
 *
 * @param value the positive channel id
 */
public record ChannelId(int value) implements Comparable<ChannelId> {

  /** The scheduled-SMS channel of the SMS-channel guide: {@code 452}. */
  public static final ChannelId SCHEDULED_SMS = new ChannelId(452);

  /** The triggered-SMS channel of the SMS-channel guide: {@code 250}. */
  public static final ChannelId TRIGGERED_SMS = new ChannelId(250);

  /**
   * Validates the id.
   *
   * @throws ConfigurationException if the id is zero or negative
   */
  public ChannelId {
    if (value <= 0) {
      throw new ConfigurationException(
          "channel id",
          ConfigurationProblem.of(
              "channelId",
              value,
              "is not positive: give the channel id the platform assigned (e.g. 452 for scheduled"
                  + " SMS, 250 for triggered SMS)"));
    }
  }

  /**
   * Returns the channel with this id.
   *
   * @param value the positive channel id
   * @return the id; the constant for 452 and 250
   * @throws ConfigurationException if the id is zero or negative
   */
  public static ChannelId of(int value) {
    if (value == SCHEDULED_SMS.value) {
      return SCHEDULED_SMS;
    }
    if (value == TRIGGERED_SMS.value) {
      return TRIGGERED_SMS;
    }
    return new ChannelId(value);
  }

  @Override
  public int compareTo(ChannelId other) {
    return Integer.compare(value, other.value);
  }

  /** Returns the number as text. */
  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
