package io.campaignrelay.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One SMS a fake vendor accepted for a recipient. Absent optional values are empty strings.
 *
 * @param vendor {@code "textlocal"} or {@code "delivyr"}
 * @param id the vendor's message id
 * @param to the recipient exactly as the vendor received it (TextLocal: digits without {@code +};
 *     Delivyr: E.164)
 * @param text the rendered text (empty if the fake was told not to retain bodies)
 * @param sender the sender name ("" if none)
 * @param customerId the customer id the client sent along ("" if none; TextLocal has none)
 * @param campaignRef TextLocal {@code custom} / Delivyr {@code campaign.optimoveCampaignId} ("" if
 *     none)
 * @param sendAt when the message goes (or went) out: the request time or the scheduled time
 * @param testMode whether it was only logged (TextLocal {@code test=true}, Delivyr testing mode)
 */
public record SentMessage(
    String vendor,
    String id,
    String to,
    String text,
    String sender,
    String customerId,
    String campaignRef,
    Instant sendAt,
    boolean testMode) {

  /**
   * Checks that no component is null.
   *
   * @param vendor the vendor
   * @param id the id
   * @param to the recipient
   * @param text the text
   * @param sender the sender
   * @param customerId the customer id
   * @param campaignRef the campaign reference
   * @param sendAt the send time
   * @param testMode the test flag
   */
  public SentMessage {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(campaignRef, "campaignRef");
    Objects.requireNonNull(sendAt, "sendAt");
  }

  /**
   * The recipient reduced to its digits, so {@code +447700900123} and {@code 447700900123} match.
   *
   * @return the digits of {@link #to()}
   */
  public String toDigits() {
    return SentMessages.digits(to);
  }
}
