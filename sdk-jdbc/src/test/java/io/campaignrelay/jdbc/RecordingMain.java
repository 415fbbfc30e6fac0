package io.campaignrelay.jdbc;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.RecipientState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link KilledProcessTest}: records {@code small} batches of 500 entries,
 * printing a line after each {@code recordAll} returns, then arms a thread that halts the JVM
 * ({@link Runtime#halt}: no shutdown hooks, no close) after {@code haltMillis} and records batches
 * of 20,000 entries (several statements in one transaction each) until it is halted.
 *
 * <p>Arguments: {@code h2 <file>} or {@code url <jdbcUrl> <schema>}, then {@code small}, {@code
 * haltMillis}.
 */
final class RecordingMain {
  private RecordingMain() {}

  public static void main(String[] args) throws Exception {
    int a = 0;
    JdbcStore store =
        args[a++].equals("h2")
            ? JdbcStore.h2(Path.of(args[a++]))
            : JdbcStore.builder().jdbcUrl(args[a++]).schema(args[a++]).build();
    int small = Integer.parseInt(args[a++]);
    long haltMillis = Long.parseLong(args[a]);
    CampaignId id = CampaignId.scheduled(77);
    int next = 0;
    for (int b = 0; b < small; b++) {
      store.executionJournal().recordAll(batch(id, next, 500));
      next += 500;
      System.out.println("recorded " + next);
      System.out.flush();
    }
    Thread halter =
        new Thread(
            () -> {
              try {
                Thread.sleep(haltMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Runtime.getRuntime().halt(137);
            });
    halter.setDaemon(true);
    halter.start();
    while (true) {
      store.executionJournal().recordAll(batch(id, next, 20_000));
      next += 20_000;
    }
  }

  private static List<JournalEntry> batch(CampaignId id, int from, int n) {
    List<JournalEntry> out = new ArrayList<>(n);
    for (int i = from; i < from + n; i++) {
      out.add(
          JournalEntry.of(id, CustomerId.of("C" + i), RecipientState.PENDING, Instant.EPOCH, ""));
    }
    return out;
  }
}
