package io.campaignrelay.core;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily paged result: iterating it fetches one page at a time, only when the previous one is
 * used up, so a listing of millions of items never holds more than one page. Iterate items with
 * {@link #iterator()} / {@link #stream()}, or whole pages with {@link #byPage()} / {@link
 * #streamByPage()}. Each iteration starts again from the first page (and calls the vendor again).
 *
 * <p>Every vendor's paging style fits the continuation token: an offset ({@code start=}, {@code
 * $skip=}) is written as its decimal text, a cursor as itself. A page whose token is null is the
 * last one.
 *
 * @param <T> the item type
 */
public final class PagedIterable<T> implements Iterable<T> {

  /**
   * Fetches one page.
   *
   * @param <T> the item type
   */
  @FunctionalInterface
  public interface PageFetcher<T> {
    /**
     * Fetches the page after the given token.
     *
     * @param continuationToken null for the first page, else the previous page's token
     * @return the page; never null
     */
    Page<T> fetch(String continuationToken);
  }

  /**
   * One page of items.
   *
   * @param items the page's items (copied, unmodifiable)
   * @param continuationToken the token of the next page, or null if this is the last page
   * @param <T> the item type
   */
  public record Page<T>(List<T> items, String continuationToken) {
    /**
     * Validates and copies the items.
     *
     * @throws NullPointerException if items is null
     */
    public Page {
      items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /**
     * Whether another page follows.
     *
     * @return true if {@link #continuationToken()} is not null
     */
    public boolean hasNext() {
      return continuationToken != null;
    }
  }

  private final PageFetcher<T> fetcher;

  private PagedIterable(PageFetcher<T> fetcher) {
    this.fetcher = fetcher;
  }

  /**
   * Creates a paged iterable; nothing is fetched until it is iterated.
   *
   * @param fetcher fetches one page
   * @param <T> the item type
   * @return the iterable
   */
  public static <T> PagedIterable<T> of(PageFetcher<T> fetcher) {
    return new PagedIterable<>(Objects.requireNonNull(fetcher, "fetcher"));
  }

  /**
   * The pages, fetched lazily.
   *
   * @return an iterable of pages
   */
  public Iterable<Page<T>> byPage() {
    return PageIterator::new;
  }

  /**
   * The pages as a sequential stream, fetched lazily.
   *
   * @return the stream
   */
  public Stream<Page<T>> streamByPage() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(new PageIterator(), Spliterator.ORDERED), false);
  }

  /**
   * The items as a sequential stream, fetched lazily page by page.
   *
   * @return the stream
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
  }

  @Override
  public Iterator<T> iterator() {
    PageIterator pages = new PageIterator();
    return new Iterator<>() {
      private Iterator<T> current = Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (!pages.hasNext()) {
            return false;
          }
          current = pages.next().items().iterator();
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  private final class PageIterator implements Iterator<Page<T>> {
    private String token;
    private boolean started;
    private boolean done;
    private Page<T> next;

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (done) {
        return false;
      }
      Page<T> page = Objects.requireNonNull(fetcher.fetch(started ? token : null), "page");
      started = true;
      token = page.continuationToken();
      done = token == null;
      if (page.items().isEmpty()) {
        // The last page may be empty; an empty page that claims more would loop forever, so it
        // ends the listing too.
        done = true;
        return false;
      }
      next = page;
      return true;
    }

    @Override
    public Page<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Page<T> p = next;
      next = null;
      return p;
    }
  }
}
