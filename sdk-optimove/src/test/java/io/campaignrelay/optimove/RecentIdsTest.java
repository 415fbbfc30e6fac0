package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.optimove.implementation.AttributeValues;
import io.campaignrelay.optimove.implementation.CompactTargets;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free window of recent ids answers as the LinkedHashSet it replaced. The ids are
 * packed rows of real pages (read from JSON, as the source reads them), split into pages of 100
 * rows so that ids are compared within a page and across pages.
 */
class RecentIdsTest {

  private static final int PAGE = 100;

  /** Feeds the ids to the window page by page, answering for each whether it was added. */
  static final class Feed {
    private final OptimoveTargetSource.RecentIds ids;

    Feed(int window) {
      ids = new OptimoveTargetSource.RecentIds(window);
    }

    /** The window's answers for the ids, in order, read as pages of {@link #PAGE} rows. */
    java.util.List<Boolean> add(java.util.List<CustomerId> all) {
      java.util.List<Boolean> out = new java.util.ArrayList<>();
      for (int from = 0; from < all.size(); from += PAGE) {
        java.util.List<CustomerId> part = all.subList(from, Math.min(all.size(), from + PAGE));
        CompactTargets page = page(part);
        for (int i = 0; i < part.size(); i++) {
          out.add(ids.add(page, i));
        }
      }
      return out;
    }
  }

  /** A page of rows without attributes read from a JSON array (a number id needs the codec). */
  static CompactTargets read(String json, int expectedRows) {
    CompactTargets page =
        CompactTargets.page(
            true,
            AttributeValues.forQuery(java.util.List.of(), ','),
            null,
            (customerId, templateId, codes, attributes) -> "not packed: " + customerId,
            java.util.List.of(),
            expectedRows);
    try (JsonParser p = new com.fasterxml.jackson.databind.ObjectMapper().createParser(json)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        page.read(p);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return page;
  }

  static CompactTargets page(java.util.List<CustomerId> ids) {
    StringBuilder json = new StringBuilder("[");
    for (CustomerId id : ids) {
      json.append(json.length() > 1 ? "," : "").append("{\"CustomerID\":\"").append(id.value());
      json.append("\"}");
    }
    json.append(']');
    CompactTargets page = read(json.toString(), ids.size());
    for (int i = 0; i < ids.size(); i++) {
      assertThat(page.special(i)).isNull();
      assertThat(page.customerId(i)).isEqualTo(ids.get(i).value());
      assertThat(page.idHash(i)).isEqualTo(ids.get(i).value().hashCode());
    }
    return page;
  }

  @Test
  void aRowsIdHashIsTheHashOfItsIdAsTextWhateverTheIdIs() {
    String longId = "L".repeat(5000);
    String json =
        "[{\"CustomerID\":null},{\"CustomerID\":12345},{\"CustomerID\":\"\u5ba2\u62371\"},"
            + "{\"CustomerID\":\"Zo\u00eb 7\"},{\"CustomerID\":\""
            + longId
            + "\"},{}]";
    CompactTargets page = read(json, 8);
    assertThat(page.size()).isEqualTo(6);
    for (int i = 0; i < page.size(); i++) {
      assertThat(page.idHash(i))
          .as("row %d", i)
          .isEqualTo(String.valueOf(page.customerId(i)).hashCode());
    }
    assertThat(page.customerId(1)).isEqualTo("12345");
    assertThat(page.customerId(2)).isEqualTo("\u5ba2\u62371");
    assertThat(page.customerId(4)).isEqualTo(longId);
    assertThat(page.customerId(5)).isNull();
  }

  /** The former rule: add, and drop the eldest when past the window. */
  static boolean reference(LinkedHashSet<CustomerId> recent, CustomerId id, int window) {
    if (!recent.add(id)) {
      return false;
    }
    if (recent.size() > window) {
      Iterator<CustomerId> it = recent.iterator();
      it.next();
      it.remove();
    }
    return true;
  }

  @Test
  void randomStreamsOfIdsAreFilteredExactlyAsBefore() {
    Random random = new Random(17);
    for (int window : new int[] {1, 2, 3, 7, 64, 1000}) {
      for (int spread : new int[] {2, window, window * 3 + 1, 50_000}) {
        java.util.List<CustomerId> stream = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
          stream.add(CustomerId.of("c" + random.nextInt(Math.max(1, spread))));
        }
        java.util.List<Boolean> answers = new Feed(window).add(stream);
        LinkedHashSet<CustomerId> recent = new LinkedHashSet<>();
        for (int i = 0; i < stream.size(); i++) {
          CustomerId id = stream.get(i);
          assertThat(answers.get(i))
              .as("window %d, spread %d, step %d, id %s", window, spread, i, id)
              .isEqualTo(reference(recent, id, window));
        }
      }
    }
  }

  @Test
  void anIdComesBackOnceItLeftTheWindow() {
    java.util.List<CustomerId> stream =
        java.util.stream.Stream.of("a", "a", "b", "c", "b", "a").map(CustomerId::of).toList();
    assertThat(new Feed(2).add(stream)).containsExactly(true, false, true, true, false, true);
  }

  @Test
  void idsWithTheSameHashAreStillToldApart() {
    // "Aa" and "BB" have the same String hash, so all 16 ids below hash alike: only equals tells
    // them apart, and removing the eldest must not lose the others' places.
    java.util.List<CustomerId> alike = new java.util.ArrayList<>();
    for (int bits = 0; bits < 16; bits++) {
      StringBuilder sb = new StringBuilder();
      for (int b = 0; b < 4; b++) {
        sb.append((bits >> b & 1) == 0 ? "Aa" : "BB");
      }
      alike.add(CustomerId.of(sb.toString()));
    }
    assertThat(alike.stream().map(CustomerId::hashCode).distinct()).hasSize(1);
    LinkedHashSet<CustomerId> recent = new LinkedHashSet<>();
    Random random = new Random(3);
    java.util.List<CustomerId> stream = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      stream.add(alike.get(random.nextInt(alike.size())));
    }
    java.util.List<Boolean> answers = new Feed(5).add(stream);
    for (int i = 0; i < stream.size(); i++) {
      CustomerId id = stream.get(i);
      assertThat(answers.get(i)).as("step %d, id %s", i, id).isEqualTo(reference(recent, id, 5));
    }
  }
}
