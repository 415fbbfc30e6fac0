package io.campaignrelay.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.RecipientState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalLogFormatTest {
  private static final CampaignId CAMPAIGN = CampaignId.scheduled(5);

  private static List<JournalEntry> decode(byte[] bytes) {
    List<JournalEntry> out = new ArrayList<>();
    JournalLogFormat.decode(bytes, CAMPAIGN, "t_log", "db", out::add);
    return out;
  }

  @Test
  void everyFieldRoundTrips_unicodeLongTextsOddTimesAndCustomKeys() {
    String longDetail = "x".repeat(70_000) + "é";
    List<JournalEntry> entries =
        List.of(
            JournalEntry.of(
                CAMPAIGN, CustomerId.of("C1"), RecipientState.PENDING, Instant.EPOCH, ""),
            new JournalEntry(
                CAMPAIGN,
                CustomerId.of("Zoë-😀-客户"),
                RecipientState.DISPATCHED,
                new IdempotencyKey("custom-key_42.X"),
                Instant.parse("2026-11-24T08:00:00.123456Z"),
                "msg 😀 id"),
            JournalEntry.of(
                CAMPAIGN,
                CustomerId.of("C3"),
                RecipientState.FAILED,
                Instant.parse("1931-02-03T04:05:06.000001Z"),
                longDetail),
            JournalEntry.of(
                CAMPAIGN,
                CustomerId.of("C4"),
                RecipientState.LOGGED,
                Instant.MAX.minusNanos(999),
                "\u0000\n\t"));
    List<JournalEntry> back = decode(JournalLogFormat.encode(entries));
    assertThat(back).containsExactlyElementsOf(entries);
    for (RecipientState s : RecipientState.values()) {
      JournalEntry e = JournalEntry.of(CAMPAIGN, CustomerId.of("S"), s, Instant.EPOCH, s.name());
      assertThat(decode(JournalLogFormat.encode(List.of(e)))).containsExactly(e);
    }
  }

  @Test
  void cutOrForeignBytesAreRefusedNamingTheTable() {
    byte[] good =
        JournalLogFormat.encode(
            List.of(
                JournalEntry.of(
                    CAMPAIGN, CustomerId.of("C1"), RecipientState.PENDING, Instant.EPOCH, "d")));
    for (int cut = 0; cut < good.length; cut++) {
      byte[] shorter = Arrays.copyOf(good, cut);
      DatabaseException e = catchThrowableOfType(DatabaseException.class, () -> decode(shorter));
      assertThat(e).as("cut at %d", cut).isNotNull();
      assertThat(e.getMessage()).contains("t_log (db)");
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThat(catchThrowableOfType(DatabaseException.class, () -> decode(longer)).getMessage())
        .contains("1 bytes after its last entry");
    byte[] newer = good.clone();
    newer[0] = 2;
    assertThat(catchThrowableOfType(DatabaseException.class, () -> decode(newer)).getMessage())
        .contains("format 2")
        .contains("newer version");
  }
}
