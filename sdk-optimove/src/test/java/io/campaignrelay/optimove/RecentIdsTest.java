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
}
