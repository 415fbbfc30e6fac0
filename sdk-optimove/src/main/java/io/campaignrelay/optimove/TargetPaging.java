package io.campaignrelay.optimove;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.optimove.implementation.Responses;
import io.campaignrelay.optimove.implementation.TargetRows;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;

/**
 * The {@code $top}/{@code $skip} paging of the two target functions, with the checks that a server
 * ignoring them cannot defeat.
 *
 * <p>The continuation token is {@code <next $skip>~<next page number>~<digest of the page just
 * read>~<repeats>}; it carries the previous page's digest (hashes of its first and last customer
 * ids and of all its ids), so every iteration checks its own pages and the listing stays stateless
 * and thread-safe. A page that repeats the previous one (same first and last ids, or the same ids)
 * stops the listing with {@link TargetListingException.Problem#PAGE_REPEATED}; for pages of a
 * single row, where one customer listed twice in a row is possible, only the third identical page
 * in a row does. A page whose rows all lack the attributes key stops it with {@link
 * TargetListingException.Problem#ATTRIBUTES_MISSING}; some rows without it are logged (their
 * attributes are null, so the engine drops them naming the missing phone attribute).
 */
final class TargetPaging {

  private static final Logger LOG = LoggerFactory.getLogger(TargetPaging.class);
  private static final int SINGLE_ROW_REPEATS = 3;

  private TargetPaging() {}

  /**
   * The rows of one page as they are read, and the page's elements once it is complete.
   *
   * @param <T> the element type
   */
  interface PageRows<T> {
    /** Reads the row the parser is on (positioned on its START_OBJECT). */
    void read(com.fasterxml.jackson.core.JsonParser parser) throws java.io.IOException;

    /** The rows read so far. */
    int size();

    /** {@code String.valueOf(<the row's customer id>).hashCode()}: the page digest's input. */
    int idHash(int row);

    /** The page's elements, once every row was read. */
    List<T> items();
  }

  /**
   * Rows read one object each by a row reader, into a list.
   *
   * @param reader reads a row
   * @param idOf a row's customer id as read
   * @param expected the page size asked for
   * @param <T> the row type
   * @return the rows of one page
   */
  static <T> PageRows<T> listOf(
      Responses.RowReader<T> reader, Function<T, String> idOf, int expected) {
    List<T> rows = new ArrayList<>(Math.min(expected, 1024));
    return new PageRows<>() {
      @Override
      public void read(com.fasterxml.jackson.core.JsonParser parser) throws java.io.IOException {
        rows.add(reader.read(parser));
      }

      @Override
      public int size() {
        return rows.size();
      }

      @Override
      public int idHash(int row) {
        return String.valueOf(idOf.apply(rows.get(row))).hashCode();
      }

      @Override
      public List<T> items() {
        return rows;
      }
    };
  }

  /** The page's digest. */
  private record Digest(int first, int last, int all, int rows) {
    static Digest of(PageRows<?> rows) {
      int all = 1;
      int n = rows.size();
      for (int i = 0; i < n; i++) {
        all = 31 * all + rows.idHash(i);
      }
      return new Digest(rows.idHash(0), rows.idHash(n - 1), all, n);
    }

    boolean repeats(Digest previous) {
      return previous != null
          && ((first == previous.first && last == previous.last)
              || (all == previous.all && rows == previous.rows));
    }

    String text() {
      return Integer.toHexString(first)
          + "."
          + Integer.toHexString(last)
          + "."
          + Integer.toHexString(all)
          + "."
          + rows;
    }

    static Digest parse(String s) {
      String[] p = s.split("\\.");
      return new Digest(
          Integer.parseUnsignedInt(p[0], 16),
          Integer.parseUnsignedInt(p[1], 16),
          Integer.parseUnsignedInt(p[2], 16),
          Integer.parseInt(p[3]));
    }
  }

  /** Where an iteration is. */
  private record Cursor(long skip, int page, Digest previous, int repeats) {
    static Cursor parse(String token) {
      if (token == null) {
        return new Cursor(0, 1, null, 0);
      }
      String[] p = token.split("~", -1);
      long skip = Long.parseLong(p[0]);
      if (p.length < 4) {
        return new Cursor(skip, 0, null, 0);
      }
      return new Cursor(skip, Integer.parseInt(p[1]), Digest.parse(p[2]), Integer.parseInt(p[3]));
    }

    String next(long nextSkip, Digest digest, int repeats) {
      return nextSkip + "~" + (page + 1) + "~" + digest.text() + "~" + repeats;
    }
  }

  static <T> PagedIterable<T> of(
      Responses responses,
      long campaignId,
      List<String> attributeNames,
      int pageSize,
      Function<Long, Call<okhttp3.ResponseBody>> fetch,
      Consumer<Call<?>> onCall,
      String operation,
      String rowName,
      Function<TargetRows.PageStats, PageRows<T>> rowsFor) {
    return PagedIterable.of(
        token -> {
          Cursor c = Cursor.parse(token);
          int page = c.page() > 0 ? c.page() : (int) (c.skip() / pageSize) + 1;
          TargetRows.PageStats stats = new TargetRows.PageStats();
          PageRows<T> rows = rowsFor.apply(stats);
          Responses.RowReader<Boolean> reader =
              parser -> {
                try {
                  rows.read(parser);
                  return Boolean.TRUE;
                } catch (IllegalArgumentException | ConfigurationException e) {
                  throw responses.unusable(operation, e.getMessage(), "");
                }
              };
          Call<okhttp3.ResponseBody> call = fetch.apply(c.skip());
          onCall.accept(call);
          int n = responses.readRows(call, operation, rowName, reader, read -> {});
          if (n == 0) {
            return new PagedIterable.Page<>(rows.items(), null);
          }
          Digest digest = Digest.of(rows);
          int repeats = digest.repeats(c.previous()) ? c.repeats() + 1 : 0;
          if (repeats >= (n == 1 ? SINGLE_ROW_REPEATS : 1)) {
            throw new TargetListingException(
                TargetListingException.Problem.PAGE_REPEATED,
                campaignId,
                page,
                c.skip(),
                attributeNames,
                List.of(),
                "Optimove "
                    + operation
                    + " for campaign "
                    + campaignId
                    + ": page "
                    + page
                    + " ($skip="
                    + c.skip()
                    + ") repeats the previous page (same customers, "
                    + n
                    + " rows): the server ignores $top/$skip, so the listing was stopped instead"
                    + " of reading the same customers again; "
                    + c.skip()
                    + " rows were read before it. Use a server that honours $top and $skip");
          }
          if (!attributeNames.isEmpty()) {
            checkAttributes(campaignId, attributeNames, operation, page, c.skip(), stats);
          }
          String next = n < pageSize ? null : c.next(c.skip() + n, digest, repeats);
          return new PagedIterable.Page<>(rows.items(), next);
        });
  }

  private static void checkAttributes(
      long campaignId,
      List<String> names,
      String operation,
      int page,
      long skip,
      TargetRows.PageStats stats) {
    if (stats.rowsWithAttributes() == 0) {
      throw new TargetListingException(
          TargetListingException.Problem.ATTRIBUTES_MISSING,
          campaignId,
          page,
          skip,
          names,
          stats.keysSeen(),
          "Optimove "
              + operation
              + " for campaign "
              + campaignId
              + ": no row of page "
              + page
              + " ($skip="
              + skip
              + ") carries the requested attributes "
              + names
              + " (rows had the keys "
              + stats.keysSeen()
              + "; expected CustomerAttributes or CustomerAttribute). Check that the API key may"
              + " read these attributes (Settings > Access Management > API Keys) and that their"
              + " names are RealFieldNames");
    }
    if (stats.rowsWithAttributes() < stats.rows()) {
      LOG.warn(
          "Optimove {} for campaign {}: {} of {} rows of page {} ($skip={}) carry no"
              + " CustomerAttributes; their attributes {} are empty, so the engine drops them"
              + " (no phone number)",
          operation,
          campaignId,
          stats.rows() - stats.rowsWithAttributes(),
          stats.rows(),
          page,
          skip,
          names);
    }
  }
}
