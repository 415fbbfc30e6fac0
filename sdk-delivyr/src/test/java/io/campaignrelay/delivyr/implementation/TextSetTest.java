package io.campaignrelay.delivyr.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch's distinct-key check must answer as a {@link HashSet} does. */
class TextSetTest {

  @Test
  void answersAsAHashSetOnRepeatsCollisionsAndGrowth() {
    Random random = new Random(17);
    for (int expected : new int[] {0, 1, 2, 3, 1000}) {
      TextSet set = TextSet.withExpected(expected);
      Set<String> reference = new HashSet<>();
      for (int i = 0; i < 5000; i++) {
        // few distinct texts, so repeats are common; "Aa" and "BB" share a hash code
        String text =
            switch (random.nextInt(4)) {
              case 0 -> "Aa".repeat(random.nextInt(4)) + "BB".repeat(random.nextInt(4));
              case 1 -> "cr1-" + random.nextInt(3000);
              case 2 -> new String("cr1-" + random.nextInt(50)); // equal, not the same instance
              default -> "";
            };
        assertThat(set.add(text)).as(text).isEqualTo(reference.add(text));
        assertThat(set.size()).isEqualTo(reference.size());
      }
    }
  }
}
