package io.campaignrelay.core.sms;

/**
 * The character encoding an SMS is sent in, which decides how many characters fit in a part. Every
 * message whose characters all belong to the GSM 03.38 default alphabet (basic table and extension
 * table) is sent as {@link #GSM_7}; one character outside it makes the whole message {@link
 * #UCS_2}.
 */
public enum SmsEncoding {
  /** GSM 03.38 default alphabet, 7-bit septets: 160 in one part, 153 per part when split. */
  GSM_7(160, 153),
  /** UCS-2 (UTF-16 code units): 70 in one part, 67 per part when split. */
  UCS_2(70, 67);

  private final int singlePartUnits;
  private final int multiPartUnits;

  SmsEncoding(int singlePartUnits, int multiPartUnits) {
    this.singlePartUnits = singlePartUnits;
    this.multiPartUnits = multiPartUnits;
  }

  /**
   * How many units fit in a message sent as one part.
   *
   * @return 160 for GSM-7, 70 for UCS-2
   */
  public int singlePartUnits() {
    return singlePartUnits;
  }

  /**
   * How many units fit in each part of a concatenated message (the rest of the 140 bytes carries
   * the concatenation header).
   *
   * @return 153 for GSM-7, 67 for UCS-2
   */
  public int multiPartUnits() {
    return multiPartUnits;
  }
}
