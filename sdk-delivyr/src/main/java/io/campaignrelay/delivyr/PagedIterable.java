package io.campaignrelay.delivyr;

import io.campaignrelay.delivyr.models.Page;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily paged Delivyr list. Nothing is requested until iteration starts; each page is fetched
 * when the previous one is used up, and only one page is held in memory at a time, so a Message Log
 * of millions of entries can be streamed. Each call to {@link #iterator()} starts again from the
 * first page.
 *
 * <p>Thread-safe to share; each iterator is for one thread.
 *
 * @param <T> the item type
 */
public final class PagedIterable<T> implements Iterable<T> {

  private final Function<String, Page<T>> fetch;

  private PagedIterable(Function<String, Page<T>> fetch) {
    this.fetch = fetch;
  }

  /**
   * Creates a paged list from a page fetcher.
   *
   * @param fetch returns the page for a cursor (null for the first page)
   * @param <T> the item type
   * @return the list
   */
  public static <T> PagedIterable<T> of(Function<String, Page<T>> fetch) {
    return new PagedIterable<>(Objects.requireNonNull(fetch, "fetch"));
  }

  /**
   * Iterates over the pages themselves (for callers that keep cursors).
   *
   * @return the pages, fetched lazily
   */
  public Iterable<Page<T>> byPage() {
    return PageIterator::new;
  }

  @Override
  public Iterator<T> iterator() {
    return new ItemIterator();
  }

  /**
   * The items as a sequential stream, fetched lazily.
   *
   * @return the stream
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private final class PageIterator implements Iterator<Page<T>> {
    private String cursor;
    private boolean started;
    private boolean last;

    @Override
    public boolean hasNext() {
      return !started || !last;
    }

    @Override
    public Page<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Page<T> page = fetch.apply(started ? cursor : null);
      started = true;
      String nextCursor = page.nextCursor();
      if (nextCursor != null && nextCursor.equals(cursor)) {
        throw new IllegalStateException(
            "Delivyr returned the same nextCursor twice ("
                + nextCursor
                + "): stopping to avoid a"
                + " loop");
      }
      cursor = nextCursor;
      last = cursor == null;
      return page;
    }
  }

  private final class ItemIterator implements Iterator<T> {
    private final PageIterator pages = new PageIterator();
    private Iterator<T> current = Collections.emptyIterator();

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (!pages.hasNext()) {
          return false;
        }
        current = pages.next().data().iterator();
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
  }
}
