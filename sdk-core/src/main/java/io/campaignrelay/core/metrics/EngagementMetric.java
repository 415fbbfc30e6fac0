package io.campaignrelay.core.metrics;

/**
 * The campaign engagement metrics of the marketing platform's external-vendor reporting. Which of
 * them a vendor reports, and from which outcome, is a {@link MetricsMapping}. {@link #SENT} is
 * never reported: it is derived as Targeted - Dropped ({@link MetricsSnapshot#sent()}).
 */
public enum EngagementMetric {
  /** The message was confirmed received. */
  DELIVERED("Delivered"),
  /** The message was opened (not available for SMS). */
  OPENED("Opened"),
  /** The customer clicked a link in the message; counted once per click. */
  CLICKED("Clicked"),
  /** The message was sent; derived, never reported. */
  SENT("Sent"),
  /** The message was not sent (rejected before sending). */
  DROPPED("Dropped"),
  /** The message could not be delivered to the phone. */
  BOUNCED("Bounced"),
  /** The customer opted out. */
  UNSUBSCRIBED("Unsubscribed"),
  /** The customer reported the message as spam. */
  SPAM_REPORTED("Spam Reported");

  private final String displayName;

  EngagementMetric(String displayName) {
    this.displayName = displayName;
  }

  /**
   * The platform's name of the metric.
   *
   * @return e.g. {@code "Spam Reported"}
   */
  public String displayName() {
    return displayName;
  }
}
