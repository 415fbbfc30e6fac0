package io.campaignrelay.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.FileExecutionJournal;
import io.campaignrelay.core.execution.MessageChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal torn at every byte offset of its last records: a campaign of 6 recipients in batches
 * of 2 runs to the end while the test notes the journal's size and the vendor's state at every
 * write; then, for every offset inside the last batch's PENDING and outcome writes (customer ids
 * carry 2-, 3- and 4-byte UTF-8 characters, so many offsets fall inside one), the journal is cut
 * there, a vendor server starts from the state it had at that moment (the moment of the crash), and
 * the campaign is re-run with its targets shuffled. Every offset must end with 0 duplicates, 0 lost
 * and 0 uncertain.
 */
class TornJournalTest {
  static final int N = 6;
  static final int BATCH = 2;

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> tornAtEveryByteOfTheLastRecords() {
    return tests(dir, id -> !Catalogue.KNOWN_FAILING.contains(id));
  }

  static Stream<DynamicTest> tests(Path dir, Predicate<String> include) {
    return Stream.of(Vendor.values())
        .filter(v -> include.test(v.code + "-torn-journal"))
        .map(v -> DynamicTest.dynamicTest(v.code + "-torn-journal", () -> check(dir, v)));
  }

  private static void check(Path dir, Vendor vendor) throws Exception {
    FaultCase fc =
        new FaultCase(
            vendor.code + "-torn-journal",
            "torn-journal",
            vendor,
            Fault.NONE,
            0,
            false,
            N,
            BATCH,
            null,
            true,
            false,
            false);
    Campaign campaign = Targets.campaign(fc.campaignId(), N);
    Path original = Files.createDirectories(dir.resolve(fc.id())).resolve("journal.log");
    List<Long> sizeBefore = new ArrayList<>();
    List<Ledger> ledgerBefore = new ArrayList<>();
    Ledger live = new Ledger();
    try (VendorServer server = vendor.server(live);
        FileExecutionJournal journal = FileExecutionJournal.open(original)) {
      HookedJournal hooked =
          new HookedJournal(
              journal,
              w -> {
                sizeBefore.add(size(original));
                ledgerBefore.add(live.copy());
              },
              w -> {});
      fc.executor(Targets.inOrder(Targets.natural(N)), server, hooked)
          .execute(campaign, Targets.template(), ExecutionMode.LIVE);
    }
    byte[] bytes = Files.readAllBytes(original);
    int writes = sizeBefore.size();
    assertThat(writes).as("journal writes").isGreaterThanOrEqualTo(2);
    int from = sizeBefore.get(writes - 2).intValue();
    int runs = 0;
    int duplicates = 0;
    int lost = 0;
    int wrongUncertain = 0;
    int insideCharacter = 0;
    int leaks = 0;
    List<String> failing = new ArrayList<>();
    try (VendorServer server = vendor.server(new Ledger())) {
      MessageChannel channel = vendor.channel(server.url());
      for (int cut = from; cut < bytes.length; cut++) {
        int w = 0;
        while (w + 1 < writes && sizeBefore.get(w + 1) <= cut) {
          w++;
        }
        if ((bytes[cut] & 0xC0) == 0x80) {
          insideCharacter++;
        }
        Path torn =
            Files.createDirectories(dir.resolve(fc.id() + "-" + cut)).resolve("journal.log");
        Files.write(torn, Arrays.copyOf(bytes, cut));
        Ledger state = ledgerBefore.get(w).copy();
        server.restore(state);
        Outcome o = rerun(fc, campaign, torn, state, channel, cut);
        runs++;
        duplicates += o.duplicates();
        lost += o.lost();
        leaks += o.secretLeaks();
        if (o.uncertain() != o.trulyUnknown()) {
          wrongUncertain++;
        }
        if (!o.passed() && failing.size() < 5) {
          failing.add("cut at byte " + cut + ": " + o);
        }
      }
    }
    Outcome total =
        new Outcome(
            fc.id(),
            "torn-journal",
            runs,
            duplicates,
            lost,
            wrongUncertain,
            0,
            leaks,
            failing.isEmpty(),
            true,
            runs + " offsets, " + insideCharacter + " inside a multi-byte character; " + failing);
    Results.record("OFF", total);
    assertThat(insideCharacter).as("offsets inside a multi-byte character").isPositive();
    assertThat(total.passed()).as(total.toString()).isTrue();
  }

  private static Outcome rerun(
      FaultCase fc, Campaign campaign, Path torn, Ledger ledger, MessageChannel channel, int cut) {
    {
      ExecutionReport last = null;
      boolean completed = false;
      String note = "";
      List<String> texts = new ArrayList<>();
      int run = 0;
      while (!completed && run < 2) {
        run++;
        try (FileExecutionJournal j = FileExecutionJournal.open(torn)) {
          last =
              fc.executor(Targets.inOrder(Targets.shuffled(N, cut * 7L + run)), channel, j)
                  .execute(campaign, Targets.template(), ExecutionMode.LIVE);
          completed = true;
        } catch (CampaignExecutionException e) {
          last = e.partialReport();
          note = e.getMessage();
          texts.add(FaultCase.chain(e));
        } catch (RuntimeException e) {
          last = null;
          note = e.toString();
          texts.add(FaultCase.chain(e));
        }
      }
      return fc.evaluate(
          ledger,
          torn,
          campaign,
          last == null ? -1 : last.uncertain(),
          run,
          completed,
          true,
          texts,
          note);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
