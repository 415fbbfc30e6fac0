package io.campaignrelay.textlocal;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily paged list: pages are fetched with {@code start}/{@code limit} only while the caller
 * iterates, one request per page, never holding more than one page. Each {@link #iterator()} starts
 * again from the first page. Paging stops at an empty page, when the reported total is reached, or
 * (when no total is reported) at a page shorter than the page size.
 *
 * <p>Warnings of every page are available through {@link #byPage()}.
 *
 * @param <T> the item type
 */
public final class PagedIterable<T> implements Iterable<T> {

  /** Fetches one page. */
  @FunctionalInterface
  public interface PageFetcher<T> {
    /**
     * Fetches the page at an offset.
     *
     * @param start the offset
     * @param limit the page size
     * @return the page
     */
    Page<T> fetch(int start, int limit);
  }

  private final PageFetcher<T> fetcher;
  private final int pageSize;

  /**
   * Creates the iterable.
   *
   * @param fetcher fetches one page
   * @param pageSize items per page, positive
   * @throws IllegalArgumentException if the page size is not positive
   */
  public PagedIterable(PageFetcher<T> fetcher, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize=" + pageSize + ": use a positive page size");
    }
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.pageSize = pageSize;
  }

  /**
   * The pages, fetched lazily.
   *
   * @return an iterable over pages
   */
  public Iterable<Page<T>> byPage() {
    return PageIterator::new;
  }

  @Override
  public Iterator<T> iterator() {
    Iterator<Page<T>> pages = new PageIterator();
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

  /**
   * The items as a sequential, lazily fetched stream.
   *
   * @return the stream
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
  }

  private final class PageIterator implements Iterator<Page<T>> {
    private int start;
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
      Page<T> page = fetcher.fetch(start, pageSize);
      int n = page.items().size();
      start += n;
      if (n == 0) {
        done = true;
        return false;
      }
      done = page.total() > 0 ? start >= page.total() : n < pageSize;
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
