package io.campaignrelay.textlocal.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.campaignrelay.core.ExpandableStringEnum;
import io.campaignrelay.core.ExpandableValues;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TextLocal error code. The constants are the codes the spec lists (the global codes 1 to 3 from
 * the API introduction; the command codes from TextLocal's pages and from published clients, some
 * of them INFERRED). The table is open: {@link #of(int)} keeps any other code TextLocal returns
 * (TextLocal's own message travels with the error), so nothing is lost.
 *
 * <p><b>Refusals.</b> TextLocal documents errors as fatal: an answer with {@code status: failure}
 * stopped the request (warnings are what did not stop it). {@link #refusesRequest()} says which
 * codes prove that nothing of the request was processed, so that a send refused with it may be sent
 * again: every listed code (login, command, recipients, text, credit, schedule, group, sender,
 * number and send-window errors, and the contact and short-URL errors) but 56 and 202 (see there).
 * An unlisted code is never taken as a refusal: its outcome is unknown.
 *
 * <p>Expandable enum on core's {@link ExpandableStringEnum}: the wire {@link #value()} is the code
 * in decimal (e.g. {@code "7"}), {@link #code()} the number; compare with {@code equals}, never
 * {@code ==}.
 */
public final class TextLocalErrorCode extends ExpandableStringEnum<TextLocalErrorCode> {

  private static final String UNLISTED = "Unlisted TextLocal error code";
  private static final Map<String, String> DESCRIPTIONS = new ConcurrentHashMap<>();

  /**
   * Listed codes that do not prove that nothing was processed: 56 and 202 name some of the given
   * numbers as invalid, which may leave the others created (INFERRED).
   */
  private static final Set<String> NOT_REFUSALS = Set.of("56", "202");

  private static final ExpandableValues<TextLocalErrorCode> VALUES =
      ExpandableValues.create(TextLocalErrorCode::new);

  /** 1: No command specified. */
  public static final TextLocalErrorCode NO_COMMAND = register(1, "No command specified.");

  /** 2: Unrecognised command. */
  public static final TextLocalErrorCode UNRECOGNISED_COMMAND =
      register(2, "Unrecognised command.");

  /** 3: Invalid login details (surfaced as an authentication error). */
  public static final TextLocalErrorCode INVALID_LOGIN = register(3, "Invalid login details.");

  /** 4: No recipients specified. */
  public static final TextLocalErrorCode NO_RECIPIENTS = register(4, "No recipients specified.");

  /** 5: No message content. */
  public static final TextLocalErrorCode NO_MESSAGE = register(5, "No message content.");

  /** 6: Message too long. */
  public static final TextLocalErrorCode MESSAGE_TOO_LONG = register(6, "Message too long.");

  /** 7: Insufficient credits. */
  public static final TextLocalErrorCode INSUFFICIENT_CREDITS =
      register(7, "Insufficient credits.");

  /** 8: Invalid schedule date. */
  public static final TextLocalErrorCode INVALID_SCHEDULE_DATE =
      register(8, "Invalid schedule date.");

  /** 9: Schedule date is in the past. */
  public static final TextLocalErrorCode SCHEDULE_DATE_IN_PAST =
      register(9, "Schedule date is in the past.");

  /** 10: Invalid group ID. */
  public static final TextLocalErrorCode INVALID_GROUP_ID = register(10, "Invalid group ID.");

  /** 11: Selected group is empty. */
  public static final TextLocalErrorCode GROUP_EMPTY = register(11, "Selected group is empty.");

  /** 12: No group name specified. */
  public static final TextLocalErrorCode NO_GROUP_NAME = register(12, "No group name specified.");

  /** 13: Group name is too long. */
  public static final TextLocalErrorCode GROUP_NAME_TOO_LONG =
      register(13, "Group name is too long.");

  /** 14: Group already exists. */
  public static final TextLocalErrorCode GROUP_EXISTS = register(14, "Group already exists.");

  /** 15: Invalid JSON string (INFERRED command: create_contacts_bulk / bulk_json). */
  public static final TextLocalErrorCode INVALID_JSON = register(15, "Invalid JSON string");

  /** 25: No group ID specified. */
  public static final TextLocalErrorCode NO_GROUP_ID = register(25, "No group ID specified.");

  /** 32: Invalid number format. */
  public static final TextLocalErrorCode INVALID_NUMBER_FORMAT =
      register(32, "Invalid number format.");

  /** 33: You have supplied too many numbers (more than 10,000 in one send). */
  public static final TextLocalErrorCode TOO_MANY_NUMBERS =
      register(33, "You have supplied too many numbers.");

  /** 34: You have supplied both a group ID and a set of numbers. */
  public static final TextLocalErrorCode GROUP_AND_NUMBERS =
      register(34, "You have supplied both a group ID and a set of numbers.");

  /** 43: Invalid sender name. */
  public static final TextLocalErrorCode INVALID_SENDER = register(43, "Invalid sender name.");

  /** 44: No sender name specified. */
  public static final TextLocalErrorCode NO_SENDER = register(44, "No sender name specified.");

  /** 51: No valid numbers specified. */
  public static final TextLocalErrorCode NO_VALID_NUMBERS =
      register(51, "No valid numbers specified.");

  /** 55: No numbers specified. */
  public static final TextLocalErrorCode NO_NUMBERS = register(55, "No numbers specified");

  /**
   * 56: Invalid number(s) specified; they will not be created. Not a {@linkplain #refusesRequest()
   * refusal}: the valid numbers of the same request may have been created.
   */
  public static final TextLocalErrorCode INVALID_NUMBERS_NOT_CREATED =
      register(56, "Invalid number(s) specified. They will not be created");

  /** 61: Specified number(s) not found. */
  public static final TextLocalErrorCode NUMBERS_NOT_FOUND =
      register(61, "Specified number(s) not found");

  /** 62: Cannot delete specified group (probably the built-in groups 5 and 6). */
  public static final TextLocalErrorCode CANNOT_DELETE_GROUP =
      register(62, "Cannot delete specified group");

  /** 185: No URL specified. */
  public static final TextLocalErrorCode NO_URL = register(185, "No URL Specified");

  /** 186: Invalid URL specified. */
  public static final TextLocalErrorCode INVALID_URL = register(186, "Invalid URL Specified");

  /** 191: Schedule time is outside that allowed (INFERRED: India send window). */
  public static final TextLocalErrorCode SCHEDULE_OUTSIDE_WINDOW =
      register(191, "Schedule time is outside that allowed");

  /** 192: You cannot send message at this time (INFERRED: India send window). */
  public static final TextLocalErrorCode SEND_NOT_ALLOWED_NOW =
      register(192, "You cannot send message at this time");

  /**
   * 202: Invalid or duplicate numbers specified. Not a {@linkplain #refusesRequest() refusal}: the
   * other numbers of the same request may have been processed.
   */
  public static final TextLocalErrorCode INVALID_OR_DUPLICATE_NUMBERS =
      register(202, "Invalid or Duplicate numbers specified");

  private TextLocalErrorCode(String value) {
    super(value);
  }

  private static TextLocalErrorCode register(int code, String description) {
    String value = Integer.toString(code);
    DESCRIPTIONS.put(value, description);
    return VALUES.register(value);
  }

  /**
   * The constant for a code, or a new value for a code the table does not list.
   *
   * @param code TextLocal's code
   * @return the error code; never null
   */
  public static TextLocalErrorCode of(int code) {
    return VALUES.fromString(Integer.toString(code));
  }

  /**
   * Parses a code given as text (TextLocal sends numbers; tolerant of strings and spaces).
   *
   * @param code the code as text
   * @return the error code; null or text that is not a whole number gives code 0
   */
  @JsonCreator
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
   * The codes this SDK version lists, in ascending order.
   *
   * @return an unmodifiable list
   */
  public static List<TextLocalErrorCode> values() {
    return VALUES.known();
  }

  /**
   * The numeric code.
   *
   * @return the code
   */
  public int code() {
    return Integer.parseInt(value());
  }

  /**
   * The message the spec records for this code (TextLocal's own message travels with the error).
   *
   * @return the description, or {@code "Unlisted TextLocal error code"}
   */
  public String description() {
    return DESCRIPTIONS.getOrDefault(value(), UNLISTED);
  }

  /**
   * Whether an answer with this error proves that TextLocal processed nothing of the request (a
   * positive refusal: no SMS of a refused send went out). True for every listed code but 56 and 202
   * (which may leave part of a contacts request done); false for any unlisted code, whose meaning
   * is not documented.
   *
   * @return true for a documented refusal
   */
  public boolean refusesRequest() {
    return isKnown() && !NOT_REFUSALS.contains(value());
  }

  /**
   * Whether this code is one of the constants of this class.
   *
   * @return true for a listed code
   */
  @Override
  public boolean isKnown() {
    return VALUES.isKnown(this);
  }
}
