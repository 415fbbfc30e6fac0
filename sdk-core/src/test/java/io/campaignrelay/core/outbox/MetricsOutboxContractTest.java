package io.campaignrelay.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link MetricsOutbox} contract, for every implementation. */
class MetricsOutboxContractTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir static Path dir;

  static int files;

  record Impl(String name, Function<TestClock, MetricsOutbox> open) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Impl> impls() {
    return Stream.of(
        new Impl(
            "in memory", c -> InMemoryMetricsOutbox.create(c, MetricsOutbox.DEFAULT_RETENTION)),
        new Impl(
            "file",
            c ->
                FileMetricsOutbox.open(
                    dir.resolve("outbox-" + (files++) + ".log"),
                    FileMetricsOutbox.Durability.SYNC,
                    c,
                    MetricsOutbox.DEFAULT_RETENTION)));
  }

  static OutboxEntry entry(String id, String topic) {
    return new OutboxEntry(id, topic, "{\"id\":\"" + id + "\"}", T0);
  }

  @ParameterizedTest
  @MethodSource("impls")
  void pendingIsPerTopicInAppendOrder(Impl impl) {
    MetricsOutbox o = impl.open().apply(new TestClock(T0));
    assertThat(o.append(List.of(entry("a", "x"), entry("b", "y"), entry("c", "x")))).isEqualTo(3);
    assertThat(o.append(List.of(entry("d", "x")))).isEqualTo(1);

    assertThat(o.pending("x", 10)).extracting(OutboxEntry::id).containsExactly("a", "c", "d");
    assertThat(o.pending("x", 2)).extracting(OutboxEntry::id).containsExactly("a", "c");
    assertThat(o.pending("y", 10)).extracting(OutboxEntry::id).containsExactly("b");
    assertThat(o.pending("z", 10)).isEmpty();
    assertThat(o.depth()).isEqualTo(4);
    assertThat(o.depth("x")).isEqualTo(3);
    assertThat(o.depth("z")).isZero();
  }

  @ParameterizedTest
  @MethodSource("impls")
  void anIdIsHeldOnceAndAnAcknowledgedIdIsNeverPendingAgain(Impl impl) {
    TestClock clock = new TestClock(T0);
    MetricsOutbox o = impl.open().apply(clock);
    assertThat(o.append(List.of(entry("a", "x"), entry("a", "x")))).isEqualTo(1);
    assertThat(o.append(List.of(entry("a", "x")))).isZero();

    o.acknowledge(List.of("a", "unknown"));
    assertThat(o.pending("x", 10)).isEmpty();
    assertThat(o.depth()).isZero();

    clock.advance(Duration.ofDays(7));
    assertThat(o.append(List.of(entry("a", "x")))).as("a repeat within the retention").isZero();
    assertThat(o.pending("x", 10)).isEmpty();

    clock.advance(Duration.ofDays(2));
    assertThat(o.append(List.of(entry("a", "x")))).as("after the retention").isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("impls")
  void acknowledgingPartOfATopicKeepsTheRestInOrder(Impl impl) {
    MetricsOutbox o = impl.open().apply(new TestClock(T0));
    o.append(List.of(entry("1", "x"), entry("2", "x"), entry("3", "x")));
    o.acknowledge(List.of("2"));
    assertThat(o.pending("x", 10)).extracting(OutboxEntry::id).containsExactly("1", "3");
    assertThat(o.depth("x")).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("impls")
  void badArgumentsAreTyped(Impl impl) {
    MetricsOutbox o = impl.open().apply(new TestClock(T0));
    assertThatThrownBy(() -> o.pending("x", 0)).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> new OutboxEntry(" ", "", null, null))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(p -> p.field())
                    .containsExactly("id", "topic", "payload", "createdAt"));
  }
}
