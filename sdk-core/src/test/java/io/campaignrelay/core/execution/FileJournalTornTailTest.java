package io.campaignrelay.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.CustomerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal cut by a crash at any byte of its last records opens, keeps what is intact, goes on.
 */
class FileJournalTornTailTest {
  static final CampaignId CAMPAIGN = CampaignId.scheduled(77);
  static final Instant AT = Instant.parse("2026-11-24T08:00:00Z");

  @TempDir Path dir;

  static JournalEntry entry(String customer, RecipientState state, String detail) {
    return JournalEntry.of(CAMPAIGN, CustomerId.of(customer), state, AT, detail);
  }

  @Test
  void aTailTornAtEveryByteOffsetIsDiscardedAndTheRestIsKept() throws IOException {
    Path full = dir.resolve("full.log");
    try (FileExecutionJournal j = FileExecutionJournal.open(full)) {
      j.recordAll(
          List.of(
              entry("C1", RecipientState.PENDING, ""), entry("C2", RecipientState.PENDING, "")));
      j.recordAll(
          List.of(
              entry("C1", RecipientState.DISPATCHED, "id-1"),
              // multi-byte characters in the last record: a cut may fall inside one
              entry("C2", RecipientState.DROPPED, "refusé: numéro fixe ☎ 𝄞")));
    }
    byte[] bytes = Files.readAllBytes(full);
    int lastTwoStart = indexOfLine(bytes, 2);
    int lastStart = indexOfLine(bytes, 3);
    int checked = 0;
    for (int cut = lastTwoStart; cut <= bytes.length; cut++) {
      Path torn = dir.resolve("torn-" + cut + ".log");
      Files.write(torn, Arrays.copyOf(bytes, cut));
      try (FileExecutionJournal j = FileExecutionJournal.open(torn)) {
        RecipientState c1 = j.entry(CAMPAIGN, CustomerId.of("C1")).orElseThrow().state();
        RecipientState c2 = j.entry(CAMPAIGN, CustomerId.of("C2")).orElseThrow().state();
        boolean c1Done = cut >= lastStart;
        boolean c2Done = cut == bytes.length;
        assertThat(c1)
            .as("C1 at cut %d", cut)
            .isEqualTo(c1Done ? RecipientState.DISPATCHED : RecipientState.PENDING);
        assertThat(c2)
            .as("C2 at cut %d", cut)
            .isEqualTo(c2Done ? RecipientState.DROPPED : RecipientState.PENDING);
        assertThat(j.discardedLines())
            .isEqualTo(cut == lastTwoStart || cut == lastStart || c2Done ? 0 : 1);
        // The next append starts on a line of its own and survives a reopen.
        j.record(entry("C3", RecipientState.PENDING, "après"));
      }
      try (FileExecutionJournal again = FileExecutionJournal.open(torn)) {
        assertThat(again.discardedLines()).as("cut %d", cut).isZero();
        assertThat(again.entry(CAMPAIGN, CustomerId.of("C3"))).isPresent();
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void garbageInsideAMultiByteSequenceIsDiscardedNotAnError() throws IOException {
    Path file = dir.resolve("garbled.log");
    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      j.record(entry("C1", RecipientState.DISPATCHED, "ok"));
    }
    byte[] tail = {(byte) 0xE2, (byte) 0x98}; // the first two bytes of a three-byte character
    Files.write(file, tail, java.nio.file.StandardOpenOption.APPEND);
    try (FileExecutionJournal j = FileExecutionJournal.open(file)) {
      assertThat(j.entry(CAMPAIGN, CustomerId.of("C1"))).isPresent();
      assertThat(j.discardedLines()).isEqualTo(1);
    }
  }

  @Test
  void anUnopenableJournalNeverAdvisesAFreshOne() throws IOException {
    Path notADir = dir.resolve("file");
    Files.writeString(notADir, "x");
    CampaignRelayException e =
        catchThrowableOfType(
            CampaignRelayException.class,
            () -> FileExecutionJournal.open(notADir.resolve("journal.log")));
    assertThat(e.getMessage())
        .contains("open the same file again")
        .contains("never start a new journal");
    assertThat(new String(Files.readAllBytes(notADir), StandardCharsets.UTF_8)).isEqualTo("x");
  }

  private static int indexOfLine(byte[] bytes, int line) {
    int seen = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (seen == line) {
        return i;
      }
      if (bytes[i] == '\n') {
        seen++;
      }
    }
    return bytes.length;
  }
}
