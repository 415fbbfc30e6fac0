package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SegmentTest {

  /** A source of {@code total} ids that counts page reads and never materialises the set. */
  private static final class CountingSource implements Segment.PageReader {
    final long total;
    final AtomicInteger reads = new AtomicInteger();
    long maxOffsetRead = -1;

    CountingSource(long total) {
      this.total = total;
    }

    @Override
    public List<CustomerId> read(long offset, int limit) {
      reads.incrementAndGet();
      maxOffsetRead = Math.max(maxOffsetRead, offset);
      return LongStream.range(offset, Math.min(total, offset + limit))
          .mapToObj(i -> CustomerId.of("c" + i))
          .collect(Collectors.toList());
    }
  }

  @Test
  void pagedSegmentReadsLazilyPageByPage() {
    CountingSource source = new CountingSource(5_000_000);
    Segment s = Segment.paged("big", 5_000_000, source);
    assertThat(s.size()).hasValue(5_000_000);
    assertThat(source.reads).hasValue(0);
    List<List<CustomerId>> firstTwo = s.chunks(1000).limit(2).collect(Collectors.toList());
    assertThat(firstTwo).hasSize(2);
    assertThat(firstTwo.get(1).get(0)).isEqualTo(CustomerId.of("c1000"));
    assertThat(source.reads.get()).isLessThanOrEqualTo(3);
    assertThat(source.maxOffsetRead).isLessThan(3000);
  }

  @Test
  void pagedSegmentStopsAtAShortOrEmptyPage() {
    CountingSource source = new CountingSource(2500);
    List<List<CustomerId>> chunks = Segment.paged("s", source).chunks(1000).toList();
    assertThat(chunks).extracting(List::size).containsExactly(1000, 1000, 500);
    assertThat(source.reads).hasValue(3);

    CountingSource exact = new CountingSource(2000);
    assertThat(Segment.paged("s", exact).chunks(1000).count()).isEqualTo(2);
    assertThat(exact.reads).hasValue(3); // the third read returns nothing

    assertThat(Segment.paged("s", new CountingSource(0)).chunks(10).count()).isZero();
    assertThat(Segment.paged("s", (o, l) -> null).chunks(10).count()).isZero();
  }

  @Test
  void eachReadStartsOverAndIdsStreamOneByOne() {
    Segment s = Segment.paged("s", new CountingSource(2345));
    assertThat(s.customerIds().count()).isEqualTo(2345);
    assertThat(s.customerIds().findFirst()).hasValue(CustomerId.of("c0"));
    assertThat(s.size()).isEmpty();
  }

  @Test
  void aReaderReturningTooManyIdsIsAnError() {
    Segment s =
        Segment.paged("s", (offset, limit) -> List.of(CustomerId.of("a"), CustomerId.of("b")));
    assertThatThrownBy(() -> s.chunks(1).toList())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned 2 ids for a limit of 1");
  }

  @Test
  void streamedSegmentChunksAnIteratorLazily() {
    AtomicInteger pulled = new AtomicInteger();
    Segment s =
        Segment.streamed(
            "file",
            () ->
                new Iterator<>() {
                  int i;

                  @Override
                  public boolean hasNext() {
                    return i < 10_000_000;
                  }

                  @Override
                  public CustomerId next() {
                    pulled.incrementAndGet();
                    return CustomerId.of("x" + i++);
                  }
                });
    List<CustomerId> first = s.chunks(3).findFirst().orElseThrow();
    assertThat(first).extracting(CustomerId::value).containsExactly("x0", "x1", "x2");
    assertThat(pulled.get()).isLessThanOrEqualTo(6);
  }

  @Test
  void inMemorySegment() {
    List<CustomerId> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(CustomerId.of("id" + i));
    }
    Segment s = Segment.of("small", ids);
    ids.clear();
    assertThat(s.size()).hasValue(7);
    assertThat(s.chunks(3).toList()).extracting(List::size).containsExactly(3, 3, 1);
    assertThat(s.name()).isEqualTo("small");
    assertThat(s.toString()).contains("small", "7");
  }

  @Test
  void chunkIteratorHonoursTheIteratorContract() {
    Iterator<List<CustomerId>> it =
        Segment.of("s", List.of(CustomerId.of("a"))).chunks(5).iterator();
    assertThat(it.next()).containsExactly(CustomerId.of("a"));
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    Iterator<List<CustomerId>> paged =
        Segment.paged("s", new CountingSource(0)).chunks(5).iterator();
    assertThatThrownBy(paged::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> Segment.paged(" ", new CountingSource(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("name=' '")
        .hasMessageContaining("give the segment a name");
    assertThatThrownBy(() -> Segment.paged("s", -1, new CountingSource(1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("size='-1'");
    Segment s = Segment.paged("s", new CountingSource(1));
    assertThatThrownBy(() -> s.chunks(0))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("chunkSize='0'");
    assertThatThrownBy(() -> s.chunks(Segment.MAX_CHUNK_SIZE + 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("1 to 100000");
  }
}
