package io.campaignrelay.delivyr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.delivyr.models.Page;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PagedIterableTest {

  @Test
  void fetchesLazilyAndRestartsForEachIterator() {
    List<String> cursors = new ArrayList<>();
    PagedIterable<Integer> list =
        PagedIterable.of(
            cursor -> {
              cursors.add(String.valueOf(cursor));
              return cursor == null
                  ? new Page<>(List.of(1, 2), "b")
                  : cursor.equals("b") ? new Page<>(List.of(), "c") : new Page<>(List.of(3), null);
            });
    assertThat(cursors).isEmpty();
    assertThat(list.stream().toList()).containsExactly(1, 2, 3);
    assertThat(cursors).containsExactly("null", "b", "c");
    assertThat(list.stream().limit(1).toList()).containsExactly(1);
    assertThat(cursors).hasSize(4);
    List<Page<Integer>> pages = new ArrayList<>();
    list.byPage().forEach(pages::add);
    assertThat(pages).extracting(Page::nextCursor).containsExactly("b", "c", null);
  }

  @Test
  void stopsOnARepeatedCursorAndEndsCleanly() {
    PagedIterable<Integer> loop = PagedIterable.of(cursor -> new Page<>(List.of(1), "same"));
    Iterator<Integer> it = loop.iterator();
    assertThat(it.next()).isEqualTo(1);
    // The second page, fetched with cursor "same", answers "same" again: a loop.
    assertThatThrownBy(it::next)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("same");
    Iterator<Integer> empty = PagedIterable.<Integer>of(c -> new Page<>(null, null)).iterator();
    assertThat(empty.hasNext()).isFalse();
    assertThatThrownBy(empty::next).isInstanceOf(NoSuchElementException.class);
  }
}
