package io.campaignrelay.textlocal.models;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TextLocal error code. The constants are the codes the spec lists (the global codes 1 to 3 from
 * the API introduction; the command codes from TextLocal's pages and from published clients, some
 * of them INFERRED). The table is open: {@link #of(int)} keeps any other code TextLocal returns
 * together with its message, so nothing is lost.
 *
 * <p>Expandable enum: compare with {@code equals}, not {@code ==}.
 */
public final class TextLocalErrorCode {

  private static final Map<Integer, TextLocalErrorCode> KNOWN = new ConcurrentHashMap<>();

  /** 1: No command specified. */
  public static final TextLocalErrorCode NO_COMMAND = known(1, "No command specified.");

  /** 2: Unrecognised command. */
  public static final TextLocalErrorCode UNRECOGNISED_COMMAND = known(2, "Unrecognised command.");

  /** 3: Invalid login details (surfaced as an authentication error). */
  public static final TextLocalErrorCode INVALID_LOGIN = known(3, "Invalid login details.");

  /** 4: No recipients specified. */
  public static final TextLocalErrorCode NO_RECIPIENTS = known(4, "No recipients specified.");

  /** 5: No message content. */
  public static final TextLocalErrorCode NO_MESSAGE = known(5, "No message content.");

  /** 6: Message too long. */
  public static final TextLocalErrorCode MESSAGE_TOO_LONG = known(6, "Message too long.");

  /** 7: Insufficient credits. */
  public static final TextLocalErrorCode INSUFFICIENT_CREDITS = known(7, "Insufficient credits.");

  /** 8: Invalid schedule date. */
  public static final TextLocalErrorCode INVALID_SCHEDULE_DATE = known(8, "Invalid schedule date.");

  /** 9: Schedule date is in the past. */
  public static final TextLocalErrorCode SCHEDULE_DATE_IN_PAST =
      known(9, "Schedule date is in the past.");

  /** 10: Invalid group ID. */
  public static final TextLocalErrorCode INVALID_GROUP_ID = known(10, "Invalid group ID.");

  /** 11: Selected group is empty. */
  public static final TextLocalErrorCode GROUP_EMPTY = known(11, "Selected group is empty.");

  /** 12: No group name specified. */
  public static final TextLocalErrorCode NO_GROUP_NAME = known(12, "No group name specified.");

  /** 13: Group name is too long. */
  public static final TextLocalErrorCode GROUP_NAME_TOO_LONG = known(13, "Group name is too long.");

  /** 14: Group already exists. */
  public static final TextLocalErrorCode GROUP_EXISTS = known(14, "Group already exists.");

  /** 15: Invalid JSON string (INFERRED command: create_contacts_bulk / bulk_json). */
  public static final TextLocalErrorCode INVALID_JSON = known(15, "Invalid JSON string");

  /** 25: No group ID specified. */
  public static final TextLocalErrorCode NO_GROUP_ID = known(25, "No group ID specified.");

  /** 32: Invalid number format. */
  public static final TextLocalErrorCode INVALID_NUMBER_FORMAT =
      known(32, "Invalid number format.");

  /** 33: You have supplied too many numbers (more than 10,000 in one send). */
  public static final TextLocalErrorCode TOO_MANY_NUMBERS =
      known(33, "You have supplied too many numbers.");

  /** 34: You have supplied both a group ID and a set of numbers. */
  public static final TextLocalErrorCode GROUP_AND_NUMBERS =
      known(34, "You have supplied both a group ID and a set of numbers.");

  /** 43: Invalid sender name. */
  public static final TextLocalErrorCode INVALID_SENDER = known(43, "Invalid sender name.");

  /** 44: No sender name specified. */
  public static final TextLocalErrorCode NO_SENDER = known(44, "No sender name specified.");

  /** 51: No valid numbers specified. */
  public static final TextLocalErrorCode NO_VALID_NUMBERS =
      known(51, "No valid numbers specified.");

  /** 55: No numbers specified. */
  public static final TextLocalErrorCode NO_NUMBERS = known(55, "No numbers specified");

  /** 56: Invalid number(s) specified; they will not be created. */
  public static final TextLocalErrorCode INVALID_NUMBERS_NOT_CREATED =
      known(56, "Invalid number(s) specified. They will not be created");

  /** 61: Specified number(s) not found. */
  public static final TextLocalErrorCode NUMBERS_NOT_FOUND =
      known(61, "Specified number(s) not found");

  /** 62: Cannot delete specified group (probably the built-in groups 5 and 6). */
  public static final TextLocalErrorCode CANNOT_DELETE_GROUP =
      known(62, "Cannot delete specified group");

  /** 185: No URL specified. */
  public static final TextLocalErrorCode NO_URL = known(185, "No URL Specified");

  /** 186: Invalid URL specified. */
  public static final TextLocalErrorCode INVALID_URL = known(186, "Invalid URL Specified");

  /** 191: Schedule time is outside that allowed (INFERRED: India send window). */
  public static final TextLocalErrorCode SCHEDULE_OUTSIDE_WINDOW =
      known(191, "Schedule time is outside that allowed");

  /** 192: You cannot send message at this time (INFERRED: India send window). */
  public static final TextLocalErrorCode SEND_NOT_ALLOWED_NOW =
      known(192, "You cannot send message at this time");

  /** 202: Invalid or duplicate numbers specified. */
  public static final TextLocalErrorCode INVALID_OR_DUPLICATE_NUMBERS =
      known(202, "Invalid or Duplicate numbers specified");

  private final int code;
  private final String description;
  private final boolean known;

  private TextLocalErrorCode(int code, String description, boolean known) {
    this.code = code;
    this.description = description;
    this.known = known;
  }

  private static TextLocalErrorCode known(int code, String description) {
    TextLocalErrorCode c = new TextLocalErrorCode(code, description, true);
    KNOWN.put(code, c);
    return c;
  }

  /**
   * The constant for a code, or a new value for a code the table does not list.
   *
   * @param code TextLocal's code
   * @return the error code; never null
   */
  public static TextLocalErrorCode of(int code) {
    TextLocalErrorCode c = KNOWN.get(code);
    return c != null ? c : new TextLocalErrorCode(code, "Unlisted TextLocal error code", false);
  }

  /**
   * Parses a code given as text (TextLocal sends numbers; tolerant of strings).
   *
   * @param code the code as text
   * @return the error code; unparseable text gives code 0
   */
  public static TextLocalErrorCode fromString(String code) {
    if (code == null) {
      return of(0);
    }
    try {
      return of(Integer.parseInt(code.trim()));
    } catch (NumberFormatException e) {
      return of(0);
    }
  }

  /**
   * The numeric code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * The message the spec records for this code (TextLocal's own message travels with the error).
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Whether this code is one of the constants of this class.
   *
   * @return true for a listed code
   */
  public boolean isKnown() {
    return known;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextLocalErrorCode other && other.code == code;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(code);
  }

  /** Renders {@code code (description)}. */
  @Override
  public String toString() {
    return code + " (" + description + ")";
  }
}
