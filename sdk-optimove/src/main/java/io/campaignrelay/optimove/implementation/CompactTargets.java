package io.campaignrelay.optimove.implementation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.campaignrelay.core.CustomerAttributes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one target page for a campaign run, read from the streaming parser and kept packed:
 * each row's customer id and attribute values as Latin-1 bytes in a few blocks shared by the page,
 * not as strings and objects per row. The run makes a row's objects only when it takes the row
 * ({@link #customerId(int)}, {@link #attributes(int)}), so what a page holds while it waits and
 * while it is consumed is one byte array per 128 KiB of text plus a few arrays of one slot per row:
 * a small fraction of the same page as recipients, and nothing a garbage collection has to trace
 * row by row. Each block is 128 KiB, under the size at which G1 allocates an array outside the
 * young generation (half a region, 512 KiB at least). A value with a character outside Latin-1
 * (which a Java string keeps as UTF-16 anyway) is kept as a string of its own.
 *
 * <p>The rows are read exactly as {@link TargetRows#executionDetails} and {@link
 * TargetRows#sendDetails} read them (the same acceptance, the same errors with the same messages,
 * the equivalence tests pin it); what the run does not use is checked but not kept: a {@code
 * ScheduleTime} text is decoded (so a broken one fails as before) but never made a string, an
 * {@code ActionID} is read and dropped, a row's {@code PromoCode} list is shared with the row
 * before it when the text is the same.
 *
 * <p>A row is kept packed only when it certainly makes a recipient (its id is plain visible ASCII
 * of 1 to 256 characters, its promo codes are not blank, the attribute names are valid); any other
 * row is handed to the {@link TargetRows.TargetFactory} as it is read, and what it made is kept
 * whole ({@link #special(int)}), so that an unusual row is treated exactly as before. Every row's
 * id is kept packed, for the page's digest and the recent-ids window.
 *
 * <p>Not thread-safe: one page is read on one thread; once read, it may be handed to another thread
 * (through a safe publication, such as a queue) and read from there.
 */
public final class CompactTargets {
  /** Bytes per block: 128 KiB, a quarter of G1's smallest humongous threshold. */
  static final int BLOCK_BYTES = 1 << 17;

  /** Values longer than this are kept as strings of their own (rare: long free-text attributes). */
  static final int LONG_VALUE = 4096;

  // a value is a two-byte header and its bytes: the length, or one of these (own: an int follows)
  private static final int NULL = 0xFFFF;
  private static final int OWN_STRING = 0xFFFE;
  private static final int NULL_HASH = "null".hashCode();

  private final boolean execution;
  private final AttributeValues attributes;
  private final TargetRows.PageStats stats;
  private final TargetRows.TargetFactory<?> factory;
  private final List<String> campaignCodes;
  private final int width;
  private final AttributeValues.Row values;
  private final TargetRows.PromoCodes promo = new TargetRows.PromoCodes();

  private byte[][] blocks = new byte[8][];
  private int blockCount;
  private byte[] block;
  private int position;
  private int[] starts;
  private int[] idHashes; // each row's idHash, computed while its id is in hand
  private long[] templates; // made at the first row with a template id
  private Object[] promoLists; // execution rows only: each row's (shared, immutable) list
  private Object[] specials; // made at the first row that is not kept packed
  private List<String> ownStrings; // values longer than LONG_VALUE or outside Latin-1
  private Object checkedCodes; // the last promo list found to have no blank code
  private int rows;

  // The field names in the order the last row of the page had them (nearly always the order of
  // every row of a listing): each is matched against the parser's bytes (JsonParser#nextFieldName)
  // instead of being decoded and looked up, and what TargetRows.field made of it is kept beside.
  private static final int MAX_EXPECTED = 16;
  private final SerializedString[] expected = new SerializedString[MAX_EXPECTED];
  private final int[] expectedFields = new int[MAX_EXPECTED];
  private int learned;

  private char[] id = new char[32];
  private int idLength; // -1: no id (null)

  private CompactTargets(
      boolean execution,
      AttributeValues attributes,
      TargetRows.PageStats stats,
      TargetRows.TargetFactory<?> factory,
      List<String> campaignCodes,
      int expectedRows) {
    this.execution = execution;
    this.attributes = attributes;
    this.stats = stats;
    this.factory = factory;
    this.campaignCodes = campaignCodes;
    this.width = attributes.names().size();
    this.values = attributes.newRow();
    int capacity = Math.max(16, Math.min(expectedRows, 1024));
    this.starts = new int[capacity];
    this.idHashes = new int[capacity];
    this.promoLists = execution ? new Object[capacity] : null;
  }

  /**
   * An empty page, to {@link #read(JsonParser)} rows into.
   *
   * @param execution true for GetCustomerExecutionDetailsByCampaign rows, false for
   *     GetCustomerSendDetailsByChannel rows (whose {@code ActionID} and {@code PromoCode} are
   *     skipped, as {@link TargetRows#sendDetails} skips them)
   * @param attributes the query's attribute reader
   * @param stats the page's stats, or null
   * @param factory makes the element of a row that is not kept packed (it may return an object that
   *     fails later; it must not throw)
   * @param campaignCodes the codes a row without its own list gets (send-details rows): checked
   *     like a row's own list before the row is kept packed
   * @param expectedRows the page size asked for (sizes the first arrays)
   * @return the page
   */
  public static CompactTargets page(
      boolean execution,
      AttributeValues attributes,
      TargetRows.PageStats stats,
      TargetRows.TargetFactory<?> factory,
      List<String> campaignCodes,
      int expectedRows) {
    return new CompactTargets(execution, attributes, stats, factory, campaignCodes, expectedRows);
  }

  /**
   * Reads the row the parser is on and adds it to the page.
   *
   * @param parser positioned on the row's {@code START_OBJECT}; left on its {@code END_OBJECT}
   * @throws IOException if the row is unreadable
   * @throws IllegalArgumentException if the row has more attribute values than names
   */
  public void read(JsonParser parser) throws IOException {
    boolean sample = stats != null && stats.sampling();
    boolean hadAttributes = false;
    idLength = -1;
    long templateId = 0;
    List<String> promoCodes = List.of();
    values.clear();
    for (int k = 0; ; k++) {
      String name;
      int field;
      if (k < learned && parser.nextFieldName(expected[k])) {
        // the name the previous row had here, matched on the parser's bytes
        name = expected[k].getValue();
        field = expectedFields[k];
      } else {
        // no name expected here, or another one: nextFieldName has moved on to the token anyway
        JsonToken t = k < learned ? parser.currentToken() : parser.nextToken();
        if (t != JsonToken.FIELD_NAME) {
          break;
        }
        name = parser.currentName();
        field = TargetRows.field(name);
        if (k < MAX_EXPECTED) {
          expected[k] = new SerializedString(name);
          expectedFields[k] = field;
          learned = Math.max(learned, k + 1);
        }
      }
      if (sample) {
        stats.key(name);
      }
      if (!execution && (field == TargetRows.ACTION_ID || field == TargetRows.PROMO_CODE)) {
        field = TargetRows.OTHER;
      }
      parser.nextToken();
      switch (field) {
        case TargetRows.CUSTOMER_ID -> readId(parser);
        case TargetRows.ACTION_ID -> TargetRows.id(parser);
        case TargetRows.TEMPLATE_ID -> templateId = TargetRows.id(parser);
        case TargetRows.PROMO_CODE -> promoCodes = promo.read(parser);
        case TargetRows.TIME -> TargetRows.checkText(parser);
        case TargetRows.ATTRIBUTES -> {
          values.read(parser);
          hadAttributes = true;
        }
        default -> parser.skipChildren();
      }
    }
    if (stats != null) {
      stats.row(hadAttributes);
    }
    int n = values.checkedCount();
    List<String> codes = execution ? promoCodes : null;
    boolean packed =
        attributes.hasShape() && plainId() && noBlankCode(codes != null ? codes : campaignCodes);
    slot(templateId, codes);
    if (!packed) {
      CustomerAttributes resolved = values.resolve();
      String customerId = idLength < 0 ? null : new String(id, 0, idLength);
      if (specials == null) {
        specials = new Object[starts.length];
      }
      specials[rows] = factory.make(customerId, templateId, codes, resolved);
      n = 0;
    }
    write(n, packed);
    values.clear();
    rows++;
  }

  private void readId(JsonParser parser) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      setId(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    } else if (t == JsonToken.VALUE_NULL) {
      idLength = -1;
    } else {
      String s = TargetRows.text(parser);
      if (s == null) {
        idLength = -1;
      } else {
        setId(s.toCharArray(), 0, s.length());
      }
    }
  }

  private void setId(char[] text, int offset, int length) {
    if (length > id.length) {
      id = new char[Math.max(length, id.length * 2)];
    }
    System.arraycopy(text, offset, id, 0, length);
    idLength = length;
  }

  /** The id {@code CustomerId} accepts without a further check: visible ASCII, 1-256 chars. */
  private boolean plainId() {
    if (idLength <= 0 || idLength > io.campaignrelay.core.CustomerId.MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < idLength; i++) {
      char c = id[i];
      if (c <= ' ' || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** What a recipient requires of its codes (none blank), checked once per shared list. */
  private boolean noBlankCode(List<String> codes) {
    if (codes == checkedCodes) {
      return true;
    }
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      if (code == null || code.isBlank()) {
        return false;
      }
    }
    checkedCodes = codes;
    return true;
  }

  private void slot(long templateId, List<String> codes) {
    if (rows == starts.length) {
      int n = starts.length * 2;
      starts = Arrays.copyOf(starts, n);
      idHashes = Arrays.copyOf(idHashes, n);
      if (templates != null) {
        templates = Arrays.copyOf(templates, n);
      }
      if (promoLists != null) {
        promoLists = Arrays.copyOf(promoLists, n);
      }
      if (specials != null) {
        specials = Arrays.copyOf(specials, n);
      }
    }
    int h = NULL_HASH;
    if (idLength >= 0) {
      // String.hashCode's sum over the characters (the same for Latin-1 and UTF-16 strings)
      h = 0;
      char[] c = id;
      for (int i = 0, n = idLength; i < n; i++) {
        h = 31 * h + c[i];
      }
    }
    idHashes[rows] = h;
    if (templateId != 0) {
      if (templates == null) {
        templates = new long[starts.length];
      }
      templates[rows] = templateId;
    }
    if (promoLists != null) {
      promoLists[rows] = codes;
    }
  }

  /** Writes the row's id and (packed) its n values into the current block, or a new one. */
  private void write(int n, boolean packed) {
    int need = size(idLength);
    int count = packed ? width : 0;
    for (int i = 0; i < count; i++) {
      need += i < n ? size(values.length(i)) : 1;
    }
    if (block == null || position + need > block.length) {
      if (blockCount == blocks.length) {
        blocks = Arrays.copyOf(blocks, blockCount * 2);
      }
      block = new byte[Math.max(BLOCK_BYTES, need)];
      blocks[blockCount++] = block;
      position = 0;
    }
    starts[rows] = ((blockCount - 1) << 17) | position;
    put(id, 0, idLength);
    char[] chars = values.chars();
    for (int i = 0; i < count; i++) {
      if (i < n) {
        put(chars, values.offset(i), values.length(i));
      } else {
        header(NULL);
      }
    }
  }

  /** The bytes a value may take: its header and its Latin-1 bytes, or a header and an index. */
  private static int size(int length) {
    return length < 0 ? 2 : length > LONG_VALUE ? 6 : 2 + Math.max(length, 4);
  }

  private void header(int value) {
    block[position++] = (byte) (value >>> 8);
    block[position++] = (byte) value;
  }

  private void put(char[] text, int offset, int length) {
    if (length < 0) {
      header(NULL);
      return;
    }
    if (length <= LONG_VALUE) {
      int p = position + 2;
      int end = offset + length;
      int i = offset;
      while (i < end) {
        char c = text[i++];
        if (c > 0xFF) {
          break;
        }
        block[p++] = (byte) c;
      }
      if (p - position - 2 == length) {
        header(length);
        position = p;
        return;
      }
    }
    if (ownStrings == null) {
      ownStrings = new ArrayList<>();
    }
    int index = ownStrings.size();
    ownStrings.add(new String(text, offset, length));
    header(OWN_STRING);
    block[position++] = (byte) (index >>> 24);
    block[position++] = (byte) (index >>> 16);
    block[position++] = (byte) (index >>> 8);
    block[position++] = (byte) index;
  }

  /**
   * The rows read.
   *
   * @return the count
   */
  public int size() {
    return rows;
  }

  /**
   * What the factory made of a row that is not kept packed.
   *
   * @param row the row
   * @return the factory's element, or null if the row is packed
   */
  public Object special(int row) {
    return specials == null ? null : specials[row];
  }

  /**
   * A row's {@code CustomerID} as read.
   *
   * @param row the row
   * @return the id, or null if the row had none
   */
  public String customerId(int row) {
    byte[] b = blocks[row(starts[row])];
    return text(b, offset(starts[row]));
  }

  /**
   * A packed row's attributes, made now.
   *
   * @param row a row whose {@link #special(int)} is null
   * @return the attributes, one value (or none) per requested name
   */
  public CustomerAttributes attributes(int row) {
    if (width == 0) {
      return CustomerAttributes.empty();
    }
    int start = starts[row];
    byte[] b = blocks[row(start)];
    int p = skip(b, offset(start));
    String[] out = new String[width];
    for (int i = 0; i < width; i++) {
      out[i] = text(b, p);
      p = skip(b, p);
    }
    return attributes.of(out);
  }

  /**
   * A row's {@code TemplateID}.
   *
   * @param row the row
   * @return the id, 0 if the row had none
   */
  public long templateId(int row) {
    return templates == null ? 0 : templates[row];
  }

  /**
   * A row's promo codes.
   *
   * @param row the row
   * @return the row's list (shared, immutable), or null for send-details rows, which carry none
   */
  @SuppressWarnings("unchecked")
  public List<String> promoCodes(int row) {
    return promoLists == null ? null : (List<String>) promoLists[row];
  }

  /**
   * The hash of a row's id as text: {@code String.valueOf(customerId(row)).hashCode()}, without the
   * string.
   *
   * @param row the row
   * @return the hash
   */
  public int idHash(int row) {
    return idHashes[row];
  }

  /**
   * Whether two rows (of this page or of two pages) have the same id.
   *
   * @param row a row of this page
   * @param other a page
   * @param otherRow a row of that page
   * @return true if both ids are the same text, or both absent
   */
  public boolean sameId(int row, CompactTargets other, int otherRow) {
    int s = starts[row];
    int t = other.starts[otherRow];
    byte[] a = blocks[row(s)];
    byte[] b = other.blocks[row(t)];
    int p = offset(s);
    int q = offset(t);
    int length = header(a, p);
    int otherLength = header(b, q);
    if (length == OWN_STRING || otherLength == OWN_STRING) {
      return java.util.Objects.equals(text(a, p), other.text(b, q));
    }
    if (length != otherLength) {
      return false;
    }
    if (length == NULL) {
      return true;
    }
    return Arrays.equals(a, p + 2, p + 2 + length, b, q + 2, q + 2 + length);
  }

  private static int row(int start) {
    return start >>> 17;
  }

  private static int offset(int start) {
    return start & (BLOCK_BYTES - 1);
  }

  private static int header(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  /** The value at p. */
  private String text(byte[] b, int p) {
    int length = header(b, p);
    if (length == NULL) {
      return null;
    }
    if (length == OWN_STRING) {
      int index =
          ((b[p + 2] & 0xFF) << 24)
              | ((b[p + 3] & 0xFF) << 16)
              | ((b[p + 4] & 0xFF) << 8)
              | (b[p + 5] & 0xFF);
      return ownStrings.get(index);
    }
    return new String(b, p + 2, length, StandardCharsets.ISO_8859_1);
  }

  /** Where the value after the one at p starts. */
  private static int skip(byte[] b, int p) {
    int length = header(b, p);
    return length == NULL ? p + 2 : length == OWN_STRING ? p + 6 : p + 2 + length;
  }
}
