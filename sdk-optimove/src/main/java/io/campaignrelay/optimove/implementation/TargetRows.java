package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.optimove.models.CustomerExecutionDetail;
import io.campaignrelay.optimove.models.CustomerSendDetail;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the rows of the two target functions straight into the public models, one {@link
 * JsonParser} pass per row: no data-binding of an intermediate row and no JSON tree per row. A
 * campaign of a million recipients reads a million rows, so this is a hot path.
 *
 * <p>The rows are read exactly as Jackson data-binding read them before (the tests pin this):
 *
 * <ul>
 *   <li>{@code GetCustomerSendDetailsByChannel}: {@code CustomerID}, {@code TemplateID}, {@code
 *       ScheduledTime} (also accepted as {@code ScheduleTime}), {@code CustomerAttributes}.
 *   <li>{@code GetCustomerExecutionDetailsByCampaign}: {@code CustomerID}, {@code ActionID}, {@code
 *       TemplateID}, {@code PromoCode} (comma-separated text, or an array), {@code ScheduleTime}
 *       (also accepted as {@code ScheduledTime}), {@code CustomerAttributes}.
 *   <li>Field names match ignoring case; unknown fields are skipped; when a field repeats, the last
 *       one wins; a missing id is 0.
 *   <li>The common token of each field (a string, an integer, null) is read directly; any other
 *       token falls back to Jackson's own coercion ({@code "7"} for an id, a number for an id
 *       text), so what was accepted or rejected before still is.
 *   <li>{@code CustomerAttributes}: see {@link AttributeValues}. The singular {@code
 *       CustomerAttribute} (a third-party mock sends it, and by one account the live API) is read
 *       the same way.
 * </ul>
 *
 * <p>A {@link PageStats} given to the readers counts the rows of one page that carried the
 * attributes key and samples the keys of its first rows, so that a page without any attributes is
 * reported instead of yielding customers whose every attribute, phone number included, is null.
 */
public final class TargetRows {

  static final int OTHER = 0;
  static final int CUSTOMER_ID = 1;
  static final int ACTION_ID = 2;
  static final int TEMPLATE_ID = 3;
  static final int PROMO_CODE = 4;
  static final int TIME = 5;
  static final int ATTRIBUTES = 6;

  private TargetRows() {}

  /** What the rows of one page carried. Not thread-safe: one page, one reader thread. */
  public static final class PageStats {
    private static final int SAMPLED_ROWS = 3;
    private static final int MAX_KEYS = 32;

    private int rows;
    private int rowsWithAttributes;
    private final java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();

    /** Creates empty stats. */
    public PageStats() {}

    boolean sampling() {
      return rows < SAMPLED_ROWS && keys.size() < MAX_KEYS;
    }

    void key(String name) {
      keys.add(name);
    }

    void row(boolean hadAttributes) {
      rows++;
      if (hadAttributes) {
        rowsWithAttributes++;
      }
    }

    /**
     * The rows read.
     *
     * @return the count
     */
    public int rows() {
      return rows;
    }

    /**
     * The rows that carried the attributes key ({@code CustomerAttributes} or {@code
     * CustomerAttribute}, any case).
     *
     * @return the count
     */
    public int rowsWithAttributes() {
      return rowsWithAttributes;
    }

    /**
     * The keys of the first rows, as spelled.
     *
     * @return the distinct keys in order of appearance
     */
    public List<String> keysSeen() {
      return List.copyOf(keys);
    }
  }

  /**
   * The reader of GetCustomerSendDetailsByChannel rows for one query.
   *
   * @param attributes the query's attribute reader, shared by every row
   * @return the row reader
   */
  public static Responses.RowReader<CustomerSendDetail> sendDetails(AttributeValues attributes) {
    return sendDetails(attributes, null);
  }

  /**
   * The reader of GetCustomerSendDetailsByChannel rows of one page, counting into its stats.
   *
   * @param attributes the query's attribute reader, shared by every row
   * @param stats the page's stats, or null
   * @return the row reader
   */
  public static Responses.RowReader<CustomerSendDetail> sendDetails(
      AttributeValues attributes, PageStats stats) {
    return parser -> {
      boolean sample = stats != null && stats.sampling();
      boolean hadAttributes = false;
      String customerId = null;
      long templateId = 0;
      String time = null;
      AttributeValues.Raw raw = null;
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parser.currentName();
        if (sample) {
          stats.key(name);
        }
        int field = field(name);
        parser.nextToken();
        switch (field) {
          case CUSTOMER_ID -> customerId = text(parser);
          case TEMPLATE_ID -> templateId = id(parser);
          case TIME -> time = text(parser);
          case ATTRIBUTES -> {
            raw = attributes.read(parser);
            hadAttributes = true;
          }
          default -> parser.skipChildren();
        }
      }
      if (stats != null) {
        stats.row(hadAttributes);
      }
      CustomerAttributes resolved = attributes.resolve(raw);
      return new CustomerSendDetail(customerId, templateId, time, resolved);
    };
  }

  /**
   * The reader of GetCustomerExecutionDetailsByCampaign rows for one query.
   *
   * @param attributes the query's attribute reader, shared by every row
   * @return the row reader
   */
  public static Responses.RowReader<CustomerExecutionDetail> executionDetails(
      AttributeValues attributes) {
    return executionDetails(attributes, null);
  }

  /**
   * The reader of GetCustomerExecutionDetailsByCampaign rows of one page, counting into its stats.
   *
   * @param attributes the query's attribute reader, shared by every row
   * @param stats the page's stats, or null
   * @return the row reader
   */
  public static Responses.RowReader<CustomerExecutionDetail> executionDetails(
      AttributeValues attributes, PageStats stats) {
    return parser -> {
      boolean sample = stats != null && stats.sampling();
      boolean hadAttributes = false;
      String customerId = null;
      long actionId = 0;
      long templateId = 0;
      List<String> promoCodes = List.of();
      String time = null;
      AttributeValues.Raw raw = null;
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String name = parser.currentName();
        if (sample) {
          stats.key(name);
        }
        int field = field(name);
        parser.nextToken();
        switch (field) {
          case CUSTOMER_ID -> customerId = text(parser);
          case ACTION_ID -> actionId = id(parser);
          case TEMPLATE_ID -> templateId = id(parser);
          case PROMO_CODE -> promoCodes = commaList(parser);
          case TIME -> time = text(parser);
          case ATTRIBUTES -> {
            raw = attributes.read(parser);
            hadAttributes = true;
          }
          default -> parser.skipChildren();
        }
      }
      if (stats != null) {
        stats.row(hadAttributes);
      }
      CustomerAttributes resolved = attributes.resolve(raw);
      return new CustomerExecutionDetail(
          customerId, actionId, templateId, promoCodes, time, resolved);
    };
  }

  /**
   * Makes a listing's element from the fields of one target row that a campaign run uses.
   *
   * @param <T> the element type
   */
  @FunctionalInterface
  public interface TargetFactory<T> {
    /**
     * Makes the element of one row.
     *
     * @param customerId the {@code CustomerID} as read (null if absent)
     * @param templateId the {@code TemplateID}, 0 if absent
     * @param promoCodes the {@code PromoCode} list, or null for GetCustomerSendDetailsByChannel
     *     rows (which carry none)
     * @param attributes the resolved attributes
     * @return the element
     */
    T make(
        String customerId, long templateId, List<String> promoCodes, CustomerAttributes attributes);
  }

  /** {@link #text(JsonParser)} without the string: a text is decoded (and so checked) only. */
  static void checkText(JsonParser parser) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      parser.getTextLength(); // decodes the text as getText() would, without making a String
    } else if (t != JsonToken.VALUE_NULL) {
      text(parser);
    }
  }

  /**
   * {@link #commaList(JsonParser)} with the list of the previous text kept: consecutive rows with
   * the same promo code text (a campaign's code is often everyone's) share one list.
   */
  static final class PromoCodes {
    private String lastText;
    private List<String> lastList;

    List<String> read(JsonParser parser) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return commaList(parser);
      }
      char[] chars = parser.getTextCharacters();
      int offset = parser.getTextOffset();
      int length = parser.getTextLength();
      String last = lastText;
      if (last != null && last.length() == length && same(last, chars, offset, length)) {
        return lastList;
      }
      String text = new String(chars, offset, length);
      List<String> list = List.copyOf(splitCommas(text)); // shared by rows: immutable
      lastText = text;
      lastList = list;
      return list;
    }

    private static boolean same(String s, char[] chars, int offset, int length) {
      for (int i = 0; i < length; i++) {
        if (s.charAt(i) != chars[offset + i]) {
          return false;
        }
      }
      return true;
    }
  }

  static int field(String name) {
    switch (name) {
      case "CustomerID":
        return CUSTOMER_ID;
      case "ActionID":
        return ACTION_ID;
      case "TemplateID":
        return TEMPLATE_ID;
      case "PromoCode":
        return PROMO_CODE;
      case "ScheduleTime":
      case "ScheduledTime":
        return TIME;
      case "CustomerAttributes":
      case "CustomerAttribute":
        return ATTRIBUTES;
      default:
        return fieldIgnoringCase(name);
    }
  }

  private static int fieldIgnoringCase(String name) {
    if (name.equalsIgnoreCase("CustomerID")) {
      return CUSTOMER_ID;
    }
    if (name.equalsIgnoreCase("ActionID")) {
      return ACTION_ID;
    }
    if (name.equalsIgnoreCase("TemplateID")) {
      return TEMPLATE_ID;
    }
    if (name.equalsIgnoreCase("PromoCode")) {
      return PROMO_CODE;
    }
    if (name.equalsIgnoreCase("ScheduleTime") || name.equalsIgnoreCase("ScheduledTime")) {
      return TIME;
    }
    if (name.equalsIgnoreCase("CustomerAttributes") || name.equalsIgnoreCase("CustomerAttribute")) {
      return ATTRIBUTES;
    }
    return OTHER;
  }

  static String text(JsonParser parser) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    return parser.readValueAs(String.class);
  }

  static long id(JsonParser parser) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return parser.getLongValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return 0;
    }
    Long value = parser.readValueAs(Long.class);
    return value == null ? 0 : value;
  }

  /** {@link Responses#commaList(JsonNode)} read from the parser, without a tree in common cases. */
  private static List<String> commaList(JsonParser parser) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (t == JsonToken.VALUE_STRING) {
      return splitCommas(parser.getText());
    }
    if (t != JsonToken.START_ARRAY) {
      JsonNode node = parser.readValueAsTree();
      return Responses.commaList(node);
    }
    List<String> out = new ArrayList<>();
    for (JsonToken e = parser.nextToken(); e != JsonToken.END_ARRAY; e = parser.nextToken()) {
      String s;
      if (e == JsonToken.VALUE_NULL) {
        continue;
      } else if (e == JsonToken.VALUE_STRING) {
        s = parser.getText().trim();
      } else {
        JsonNode node = parser.readValueAsTree();
        if (node == null || node.isNull()) {
          continue;
        }
        s = node.isValueNode() ? node.asText().trim() : node.toString();
      }
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Splits on {@code ,} into trimmed non-empty parts, as {@link Responses#commaList} does. */
  private static List<String> splitCommas(String text) {
    if (text.indexOf(',') < 0) {
      String p = text.trim();
      return p.isEmpty() ? List.of() : List.of(p);
    }
    List<String> out = new ArrayList<>(4);
    int start = 0;
    int length = text.length();
    for (int i = 0; i <= length; i++) {
      if (i == length || text.charAt(i) == ',') {
        String p = text.substring(start, i).trim();
        if (!p.isEmpty()) {
          out.add(p);
        }
        start = i + 1;
      }
    }
    return out;
  }
}
