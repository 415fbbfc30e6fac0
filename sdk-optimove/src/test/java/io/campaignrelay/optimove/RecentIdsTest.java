package io.campaignrelay.optimove;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.CustomerId;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The allocation-free window of recent ids answers as the LinkedHashSet it replaced. */
class RecentIdsTest {

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
        OptimoveTargetSource.RecentIds ids = new OptimoveTargetSource.RecentIds(window);
        LinkedHashSet<CustomerId> recent = new LinkedHashSet<>();
        for (int i = 0; i < 20_000; i++) {
          CustomerId id = CustomerId.of("c" + random.nextInt(Math.max(1, spread)));
          assertThat(ids.add(id))
              .as("window %d, spread %d, step %d, id %s", window, spread, i, id)
              .isEqualTo(reference(recent, id, window));
        }
      }
    }
  }

  @Test
  void anIdComesBackOnceItLeftTheWindow() {
    OptimoveTargetSource.RecentIds ids = new OptimoveTargetSource.RecentIds(2);
    assertThat(ids.add(CustomerId.of("a"))).isTrue();
    assertThat(ids.add(CustomerId.of("a"))).isFalse();
    assertThat(ids.add(CustomerId.of("b"))).isTrue();
    assertThat(ids.add(CustomerId.of("c"))).isTrue();
    assertThat(ids.add(CustomerId.of("b"))).isFalse();
    assertThat(ids.add(CustomerId.of("a"))).isTrue();
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
    OptimoveTargetSource.RecentIds ids = new OptimoveTargetSource.RecentIds(5);
    LinkedHashSet<CustomerId> recent = new LinkedHashSet<>();
    Random random = new Random(3);
    for (int i = 0; i < 5_000; i++) {
      CustomerId id = alike.get(random.nextInt(alike.size()));
      assertThat(ids.add(id)).as("step %d, id %s", i, id).isEqualTo(reference(recent, id, 5));
    }
  }
}
