package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The marketing platform's identifier of a campaign, in either of its two observed forms, kept
 * without loss:
 *
 * <ul>
 *   <li>a positive integer for scheduled campaigns (JSON number {@code CampaignID}, e.g. {@code
 *       1234}); see {@link #scheduled(long)} and {@link #numericValue()};
 *   <li>a dotted string for triggered campaigns (JSON string {@code campaignID}, e.g. {@code
 *       "2.38"}); see {@link #triggered(String)}.
 * </ul>
 *
 * <p>The text is kept exactly as given ({@code "2.38"} and {@code "2.380"} are different ids), so a
 * value read from a payload can be written back unchanged. The dotted form is known from one
 * published sample only (INFERRED: dot-separated decimal numbers); anything else is rejected with
 * an error that says which form is expected.
 *
 * @param value the id as text: decimal digits, optionally several groups separated by dots
 */
public record CampaignId(String value) implements Comparable<CampaignId> {

  /**
   * Validates the id.
   *
   * @throws ConfigurationException if the text is not a positive integer or dotted digits
   */
  public CampaignId {
    String problem = problem(value);
    if (problem != null) {
      throw new ConfigurationException(
          "campaign id", ConfigurationProblem.of("campaignId", Texts.printable(value), problem));
    }
  }

  /**
   * Parses an id in either form.
   *
   * @param value a positive integer such as {@code "1234"} or dotted digits such as {@code "2.38"}
   * @return the id
   * @throws ConfigurationException if the text is neither form
   */
  public static CampaignId of(String value) {
    return new CampaignId(value);
  }

  /**
   * The id of a scheduled campaign.
   *
   * @param id the positive integer id
   * @return the id
   * @throws ConfigurationException if {@code id} is zero or negative
   */
  public static CampaignId scheduled(long id) {
    if (id <= 0) {
      throw new ConfigurationException(
          "campaign id",
          ConfigurationProblem.of(
              "campaignId",
              id,
              "is not positive: give the scheduled campaign's CampaignID as sent by the platform"));
    }
    return new CampaignId(Long.toString(id));
  }

  /**
   * The id of a triggered campaign, usually dotted such as {@code "2.38"}.
   *
   * @param id the id as carried by the trigger payload
   * @return the id
   * @throws ConfigurationException if the text is neither a positive integer nor dotted digits
   */
  public static CampaignId triggered(String id) {
    return new CampaignId(id);
  }

  /**
   * Whether this id is a plain integer (the form of scheduled campaigns).
   *
   * @return true for {@code "1234"}, false for {@code "2.38"}
   */
  public boolean isNumeric() {
    return value.indexOf('.') < 0;
  }

  /**
   * The integer value of a numeric id.
   *
   * @return the number, or empty for a dotted id or one too large for a {@code long}
   */
  public OptionalLong numericValue() {
    if (!isNumeric()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException tooLarge) {
      return OptionalLong.empty();
    }
  }

  private static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "is missing: give a positive integer (scheduled campaigns) or dotted digits such as"
          + " '2.38' (triggered campaigns)";
    }
    boolean digitSeen = false;
    boolean allZero = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digitSeen = true;
        allZero &= c == '0';
      } else if (c == '.') {
        if (!digitSeen || i == value.length() - 1) {
          return "has an empty part around a '.': give dotted digits such as '2.38'";
        }
        digitSeen = false;
      } else {
        return "has the character '"
            + Texts.printable(String.valueOf(c))
            + "': give a positive integer (scheduled campaigns) or dotted digits such as '2.38'"
            + " (triggered campaigns)";
      }
    }
    if (allZero) {
      return "is zero: give the campaign id as sent by the platform";
    }
    return null;
  }

  /**
   * Orders integer ids before dotted ones; integers by value, dotted ids part by part by value
   * ({@code 2.9} before {@code 2.38}); equal values (leading zeros) by text.
   *
   * @param other the other id
   * @return the comparison result
   */
  @Override
  public int compareTo(CampaignId other) {
    Objects.requireNonNull(other, "other");
    if (isNumeric() != other.isNumeric()) {
      return isNumeric() ? -1 : 1;
    }
    String[] a = value.split("\\.");
    String[] b = other.value.split("\\.");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = compareDigits(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    return value.compareTo(other.value);
  }

  private static int compareDigits(String x, String y) {
    String a = stripZeros(x);
    String b = stripZeros(y);
    if (a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }

  /** Returns the id as text. */
  @Override
  public String toString() {
    return value;
  }
}
