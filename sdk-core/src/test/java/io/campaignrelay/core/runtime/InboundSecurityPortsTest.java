package io.campaignrelay.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboundSecurityPortsTest {

  @TempDir Path dir;

  @Test
  void tokensAreLongUrlSafeAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String t = ListenerTokens.newToken().reveal();
      assertThat(t).matches("[A-Za-z0-9_-]{43}");
      seen.add(t);
    }
    assertThat(seen).hasSize(1_000);
  }

  @Test
  void aFileTokenSurvivesARestartAndARotationRefusesTheOldOne() throws Exception {
    Path file = dir.resolve("listener-token");
    FileListenerTokens tokens = FileListenerTokens.open(file);
    assertThat(tokens.current()).isEmpty();
    assertThat(tokens.matches("anything")).isFalse();
    Secret first = tokens.rotate();
    assertThat(tokens.matches(first.reveal())).isTrue();
    assertThat(FileListenerTokens.open(file).matches(first.reveal())).isTrue();
    Secret second = tokens.rotate();
    assertThat(tokens.matches(first.reveal())).isFalse();
    assertThat(tokens.matches(second.reveal())).isTrue();
    assertThat(tokens.matches(null)).isFalse();
    assertThat(FileListenerTokens.open(file).matches(first.reveal())).isFalse();
    assertThat(tokens.toString()).doesNotContain(second.reveal());
    Files.writeString(file, "short");
    assertThat(FileListenerTokens.open(file).current()).isEmpty();
  }

  @Test
  void inMemoryTokensRotate() {
    InMemoryListenerTokens tokens = InMemoryListenerTokens.create();
    assertThat(tokens.current()).isEmpty();
    Secret a = tokens.rotate();
    Secret b = tokens.rotate();
    assertThat(tokens.matches(a.reveal())).isFalse();
    assertThat(tokens.matches(b.reveal())).isTrue();
  }

  @Test
  void eachCapStopsItsScopeAndARefusalCountsNowhere() {
    InMemorySendCaps caps =
        InMemorySendCaps.builder()
            .perDestinationPerDay(2)
            .perCountryPerHour(3)
            .perCampaign(5)
            .build();
    Instant t = Instant.parse("2026-01-05T09:00:00Z");
    assertThat(caps.tryAcquire("c1", "+441", "GB", t)).isEmpty();
    assertThat(caps.tryAcquire("c1", "+441", "GB", t)).isEmpty();
    assertThat(caps.tryAcquire("c1", "+441", "GB", t))
        .isEqualTo(Optional.of(SendCaps.Scope.DESTINATION_PER_DAY));
    assertThat(caps.tryAcquire("c1", "+442", "GB", t)).isEmpty();
    assertThat(caps.tryAcquire("c1", "+443", "GB", t))
        .isEqualTo(Optional.of(SendCaps.Scope.COUNTRY_PER_HOUR));
    Instant later = t.plus(Duration.ofHours(1));
    assertThat(caps.tryAcquire("c1", "+443", "GB", later)).isEmpty();
    assertThat(caps.tryAcquire("c1", "+444", "IE", later)).isEmpty();
    assertThat(caps.tryAcquire("c1", "+445", "IE", later))
        .isEqualTo(Optional.of(SendCaps.Scope.CAMPAIGN));
    assertThat(caps.tryAcquire("c2", "+445", "IE", later)).isEmpty();
    // the next UTC day: the number's count starts again, the campaign's does not
    Instant nextDay = t.plus(Duration.ofDays(1));
    assertThat(caps.tryAcquire("c3", "+441", "GB", nextDay)).isEmpty();
    assertThat(caps.tryAcquire("c1", "+446", "GB", nextDay))
        .isEqualTo(Optional.of(SendCaps.Scope.CAMPAIGN));
    assertThat(SendCaps.unlimited().tryAcquire("c", "+4", "GB", t)).isEmpty();
  }

  @Test
  void capsBelowOneAreListedTogether() {
    assertThatThrownBy(
            () ->
                InMemorySendCaps.builder()
                    .perDestinationPerDay(0)
                    .perCountryPerHour(-1)
                    .perCampaign(0)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(3));
  }

  @Test
  void refusalsAreCountedByKey() {
    InboundRefusals r = InboundRefusals.create();
    r.count("a 401 bad_token");
    r.count("a 401 bad_token");
    r.count("trigger premium_rate");
    assertThat(r.get("a 401 bad_token")).isEqualTo(2);
    assertThat(r.get("none")).isZero();
    assertThat(r.total()).isEqualTo(3);
    assertThat(r.snapshot()).containsOnlyKeys("a 401 bad_token", "trigger premium_rate");
  }
}
