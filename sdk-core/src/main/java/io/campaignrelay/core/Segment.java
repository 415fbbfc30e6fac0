package io.campaignrelay.core;

import io.campaignrelay.core.implementation.Texts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A named set of customers to send to, read lazily page by page so that a segment of millions of
 * ids is never held in memory. Each call to {@link #chunks(int)} or {@link #customerIds()} reads
 * the source again from the start. Thread-safe if its {@link PageReader} is.
 */
public final class Segment {

  /**
   * Reads one page of a segment's ids, as paged APIs do ({@code $skip}/{@code $top}).
   * Implementations must be thread-safe if the segment is read from several threads.
   */
  @FunctionalInterface
  public interface PageReader {
    /**
     * Reads the ids at {@code offset}, at most {@code limit} of them.
     *
     * @param offset how many ids to skip, zero or more
     * @param limit the most ids to return, one or more
     * @return the page; fewer than {@code limit} (including none) means the end was reached
     */
    List<CustomerId> read(long offset, int limit);
  }

  /** Largest chunk accepted by {@link #chunks(int)}. */
  public static final int MAX_CHUNK_SIZE = 100_000;

  private final String name;
  private final Long size;
  private final PageReader reader;
  private final Supplier<Iterator<CustomerId>> iterators;

  private Segment(
      String name, Long size, PageReader reader, Supplier<Iterator<CustomerId>> iterators) {
    this.name = name;
    this.size = size;
    this.reader = reader;
    this.iterators = iterators;
  }

  /**
   * A segment read page by page from a source.
   *
   * @param name the segment's name, not blank
   * @param reader reads one page
   * @return the segment, its size unknown
   * @throws ConfigurationException if the name is blank
   */
  public static Segment paged(String name, PageReader reader) {
    return new Segment(checkName(name), null, Objects.requireNonNull(reader, "reader"), null);
  }

  /**
   * A segment read page by page from a source whose size is known in advance.
   *
   * @param name the segment's name, not blank
   * @param size the number of ids, zero or more
   * @param reader reads one page
   * @return the segment
   * @throws ConfigurationException if the name is blank or the size negative
   */
  public static Segment paged(String name, long size, PageReader reader) {
    return new Segment(
        checkName(name), checkSize(size), Objects.requireNonNull(reader, "reader"), null);
  }

  /**
   * A segment read from an iterator opened anew for each read (e.g. over a file or a cursor).
   *
   * @param name the segment's name, not blank
   * @param iterators opens a fresh iterator over the ids
   * @return the segment, its size unknown
   * @throws ConfigurationException if the name is blank
   */
  public static Segment streamed(String name, Supplier<Iterator<CustomerId>> iterators) {
    return new Segment(checkName(name), null, null, Objects.requireNonNull(iterators, "iterators"));
  }

  /**
   * A small segment held in memory (tests, triggered sends).
   *
   * @param name the segment's name, not blank
   * @param ids the ids; copied
   * @return the segment, its size known
   * @throws ConfigurationException if the name is blank
   */
  public static Segment of(String name, List<CustomerId> ids) {
    List<CustomerId> copy = List.copyOf(ids);
    return new Segment(checkName(name), (long) copy.size(), null, copy::iterator);
  }

  /**
   * The segment's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The number of ids, when the source knows it.
   *
   * @return the size, or empty
   */
  public OptionalLong size() {
    return size == null ? OptionalLong.empty() : OptionalLong.of(size);
  }

  /**
   * The ids in chunks, read lazily: a page is fetched only when the stream reaches it, and at most
   * one chunk is held at a time. Close the stream (or consume it) when done.
   *
   * @param chunkSize the ids per chunk, 1 to {@value #MAX_CHUNK_SIZE}; the last chunk may be
   *     smaller
   * @return a sequential stream of non-empty, unmodifiable chunks
   * @throws ConfigurationException if the chunk size is out of range
   */
  public Stream<List<CustomerId>> chunks(int chunkSize) {
    if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
      throw new ConfigurationException(
          "segment",
          ConfigurationProblem.of(
              "chunkSize", chunkSize, "is out of range: give 1 to " + MAX_CHUNK_SIZE));
    }
    Iterator<List<CustomerId>> it =
        reader != null
            ? new PagedChunks(reader, chunkSize)
            : new IteratorChunks(iterators.get(), chunkSize);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * The ids one by one, read lazily in pages of 1,000.
   *
   * @return a sequential stream
   */
  public Stream<CustomerId> customerIds() {
    return chunks(1_000).flatMap(List::stream);
  }

  @Override
  public String toString() {
    return "Segment{name=" + name + (size == null ? "" : ", size=" + size) + '}';
  }

  private static String checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new ConfigurationException(
          "segment",
          ConfigurationProblem.of(
              "name", Texts.printable(name), "is blank: give the segment a name"));
    }
    return name;
  }

  private static Long checkSize(long size) {
    if (size < 0) {
      throw new ConfigurationException(
          "segment",
          ConfigurationProblem.of("size", size, "is negative: give zero or more, or omit it"));
    }
    return size;
  }

  private static final class PagedChunks implements Iterator<List<CustomerId>> {
    private final PageReader reader;
    private final int chunkSize;
    private long offset;
    private boolean done;
    private List<CustomerId> next;

    PagedChunks(PageReader reader, int chunkSize) {
      this.reader = reader;
      this.chunkSize = chunkSize;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        List<CustomerId> page = reader.read(offset, chunkSize);
        if (page == null || page.isEmpty()) {
          done = true;
        } else {
          if (page.size() > chunkSize) {
            throw new IllegalStateException(
                "segment page reader returned "
                    + page.size()
                    + " ids for a limit of "
                    + chunkSize
                    + ": return at most 'limit' ids");
          }
          next = List.copyOf(page);
          offset += page.size();
          done = page.size() < chunkSize;
        }
      }
      return next != null;
    }

    @Override
    public List<CustomerId> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      List<CustomerId> result = next;
      next = null;
      return result;
    }
  }

  private static final class IteratorChunks implements Iterator<List<CustomerId>> {
    private final Iterator<CustomerId> ids;
    private final int chunkSize;

    IteratorChunks(Iterator<CustomerId> ids, int chunkSize) {
      this.ids = Objects.requireNonNull(ids, "iterator");
      this.chunkSize = chunkSize;
    }

    @Override
    public boolean hasNext() {
      return ids.hasNext();
    }

    @Override
    public List<CustomerId> next() {
      if (!ids.hasNext()) {
        throw new NoSuchElementException();
      }
      List<CustomerId> chunk = new ArrayList<>(Math.min(chunkSize, 1024));
      while (chunk.size() < chunkSize && ids.hasNext()) {
        chunk.add(Objects.requireNonNull(ids.next(), "segment iterator returned a null id"));
      }
      return List.copyOf(chunk);
    }
  }
}
