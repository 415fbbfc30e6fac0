package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.outbox.MetricsOutbox;
import io.campaignrelay.core.outbox.OutboxDelivery;
import io.campaignrelay.core.outbox.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link MetricsOutbox} contract (as core states it for every implementation) on every database
 * the store supports, plus what a shared database adds: rows survive the store, and instances
 * appending the same id at once store it once.
 */
abstract class OutboxContract {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private final List<JdbcStore> opened = new ArrayList<>();
  final MutableClock clock = new MutableClock(T0);

  abstract JdbcStore.Builder settings();

  JdbcMetricsOutbox open() {
    JdbcStore s = settings().build();
    opened.add(s);
    return JdbcMetricsOutbox.of(s, clock, MetricsOutbox.DEFAULT_RETENTION);
  }

  @AfterEach
  void close() {
    opened.forEach(JdbcStore::close);
  }

  static OutboxEntry entry(String id, String topic) {
    return new OutboxEntry(id, topic, "{\"id\":\"" + id + "\"}", T0);
  }

  @Test
  void pendingIsPerTopicInAppendOrderAndSurvivesTheStore() {
    MetricsOutbox o = open();
    assertThat(o.append(List.of(entry("a", "x"), entry("b", "y"), entry("c", "x")))).isEqualTo(3);
    assertThat(o.append(List.of(entry("d", "x")))).isEqualTo(1);
    MetricsOutbox other = open();
    assertThat(other.pending("x", 10)).extracting(OutboxEntry::id).containsExactly("a", "c", "d");
    assertThat(other.pending("x", 2)).extracting(OutboxEntry::id).containsExactly("a", "c");
    assertThat(other.pending("y", 10)).containsExactly(entry("b", "y"));
    assertThat(other.pending("z", 10)).isEmpty();
    assertThat(other.depth()).isEqualTo(4);
    assertThat(other.depth("x")).isEqualTo(3);
    assertThat(other.depth("z")).isZero();
  }

  @Test
  void anIdIsHeldOnceAndAnAcknowledgedIdIsNeverPendingAgain() {
    MetricsOutbox o = open();
    assertThat(o.append(List.of(entry("a", "x"), entry("a", "x")))).isEqualTo(1);
    assertThat(o.append(List.of(entry("a", "x")))).isZero();
    o.acknowledge(List.of("a", "unknown"));
    assertThat(o.pending("x", 10)).isEmpty();
    assertThat(o.depth()).isZero();
    clock.advance(Duration.ofDays(7));
    assertThat(o.append(List.of(entry("a", "x")))).as("a repeat within the retention").isZero();
    clock.advance(Duration.ofDays(2));
    assertThat(o.append(List.of(entry("a", "x")))).as("after the retention").isEqualTo(1);
    assertThat(o.pending("x", 10)).extracting(OutboxEntry::id).containsExactly("a");
  }

  @Test
  void acknowledgingPartOfATopicKeepsTheRestInOrderAndDeliveryEmptiesIt() {
    MetricsOutbox o = open();
    o.append(List.of(entry("1", "x"), entry("2", "x"), entry("3", "x"), entry("4", "x")));
    o.acknowledge(List.of("2"));
    assertThat(o.pending("x", 10)).extracting(OutboxEntry::id).containsExactly("1", "3", "4");
    List<String> sent = new ArrayList<>();
    OutboxDelivery.Result r =
        OutboxDelivery.deliver(o, "x", 2, batch -> batch.forEach(e -> sent.add(e.id())));
    assertThat(r.isComplete()).isTrue();
    assertThat(sent).containsExactly("1", "3", "4");
    assertThat(o.depth()).isZero();
  }

  @Test
  void ofInstancesAppendingTheSameIdAtOnceItIsStoredOnce() throws Exception {
    List<JdbcMetricsOutbox> outboxes = new ArrayList<>();
    for (int i = 0; i < RuntimeStateContract.RACERS; i++) {
      outboxes.add(open());
    }
    List<Integer> added =
        RuntimeStateContract.race(
            RuntimeStateContract.RACERS,
            i ->
                () -> {
                  try {
                    return outboxes.get(i).append(List.of(entry("same", "x")));
                  } catch (DatabaseException e) {
                    return 0; // H2: a racing duplicate fails the append; nothing was stored by it
                  }
                });
    assertThat(added.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    assertThat(outboxes.get(0).pending("x", 10)).hasSize(1);
  }

  @Test
  void badArgumentsAreTyped() {
    MetricsOutbox o = open();
    assertThatThrownBy(() -> o.pending("x", 0)).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> o.append(null)).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> JdbcMetricsOutbox.of(null, null, Duration.ofDays(-1)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("store")
        .hasMessageContaining("clock")
        .hasMessageContaining("retention");
  }
}
