package io.campaignrelay.textlocal.models;

import java.time.Instant;

/**
 * The send-level options of a {@code bulk_json} call, written at the top level of its {@code data}
 * object. Only {@code messages} is documented as required; the names of the optional keys are
 * partly INFERRED ({@code sender}, {@code test}, {@code custom}, {@code receipt_url} as on {@code
 * send}; {@code scheduled} as a Unix time, as a published client sends it).
 *
 * @param sender the sender name, or null for the account default
 * @param scheduleTime when to send, or null for now
 * @param custom the batch tag echoed back in receipts, or null
 * @param receiptUrl the receipt URL, or null
 * @param test whether this is a test-mode send (nothing sent, no credit used)
 */
public record BulkSendOptions(
    String sender, Instant scheduleTime, String custom, String receiptUrl, boolean test) {

  /**
   * No options: account default sender, send now, live.
   *
   * @return the options
   */
  public static BulkSendOptions defaults() {
    return new BulkSendOptions(null, null, null, null, false);
  }

  /**
   * A copy with a sender.
   *
   * @param value the sender
   * @return the copy
   */
  public BulkSendOptions withSender(String value) {
    return new BulkSendOptions(value, scheduleTime, custom, receiptUrl, test);
  }

  /**
   * A copy with a schedule time.
   *
   * @param value the time
   * @return the copy
   */
  public BulkSendOptions withScheduleTime(Instant value) {
    return new BulkSendOptions(sender, value, custom, receiptUrl, test);
  }

  /**
   * A copy with a batch tag.
   *
   * @param value the tag
   * @return the copy
   */
  public BulkSendOptions withCustom(String value) {
    return new BulkSendOptions(sender, scheduleTime, value, receiptUrl, test);
  }

  /**
   * A copy with a receipt URL.
   *
   * @param value the URL
   * @return the copy
   */
  public BulkSendOptions withReceiptUrl(String value) {
    return new BulkSendOptions(sender, scheduleTime, custom, value, test);
  }

  /**
   * A copy in or out of test mode.
   *
   * @param value the flag
   * @return the copy
   */
  public BulkSendOptions withTest(boolean value) {
    return new BulkSendOptions(sender, scheduleTime, custom, receiptUrl, value);
  }
}
