package io.campaignrelay.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagedIterableTest {

  /** Offset paging over 0..total-1 with the given page size; records every fetch. */
  static PagedIterable<Integer> offsets(int total, int size, List<String> fetches) {
    return PagedIterable.of(
        token -> {
          fetches.add(String.valueOf(token));
          int start = token == null ? 0 : Integer.parseInt(token);
          int end = Math.min(total, start + size);
          List<Integer> items = IntStream.range(start, end).boxed().collect(Collectors.toList());
          return new PagedIterable.Page<>(items, end < total ? Integer.toString(end) : null);
        });
  }

  @Test
  void fetchesLazilyOnePageAtATimeAcrossAShortLastPage() {
    List<String> fetches = new ArrayList<>();
    PagedIterable<Integer> p = offsets(25, 10, fetches);
    assertThat(fetches).isEmpty();

    assertThat(p.stream().limit(5).collect(Collectors.toList())).containsExactly(0, 1, 2, 3, 4);
    assertThat(fetches).containsExactly("null");

    fetches.clear();
    assertThat(p.stream().count()).isEqualTo(25);
    assertThat(fetches).containsExactly("null", "10", "20");
  }

  @Test
  void pagesCarryTheirTokens() {
    List<PagedIterable.Page<Integer>> pages = new ArrayList<>();
    offsets(20, 10, new ArrayList<>()).byPage().forEach(pages::add);
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).hasNext()).isTrue();
    assertThat(pages.get(1).hasNext()).isFalse();
    assertThat(pages.get(1).items()).hasSize(10);
  }

  @Test
  void anEmptyListingFetchesOnceAndYieldsNothing() {
    List<String> fetches = new ArrayList<>();
    assertThat(offsets(0, 10, fetches).iterator().hasNext()).isFalse();
    assertThat(fetches).containsExactly("null");
  }

  @Test
  void anEmptyPageClaimingMoreEndsTheListingInsteadOfLooping() {
    PagedIterable<Integer> p = PagedIterable.of(t -> new PagedIterable.Page<>(List.of(), "again"));
    assertThat(p.stream().count()).isZero();
  }
}
