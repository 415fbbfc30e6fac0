package io.campaignrelay.reliability;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CustomerId;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.FileExecutionJournal;
import io.campaignrelay.core.execution.JournalEntry;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.RecipientState;
import io.campaignrelay.core.execution.TargetSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One fault of the matrix: a LIVE campaign of {@code n} recipients in batches of {@code batch}
 * through one vendor, the fault firing on the {@code atCall}-th send call of the first run, then
 * re-runs (fault gone, targets shuffled, same journal file) until a run completes or {@link
 * #MAX_RUNS} runs were made. With {@code recordsDown} the vendor's reconciliation commands fail for
 * the whole test. With an Optimove {@code paging}, recipients come from the Optimove server.
 */
record FaultCase(
    String id,
    String faultClass,
    Vendor vendor,
    Fault fault,
    int atCall,
    boolean recordsDown,
    int n,
    int batch,
    OptimoveServer.Paging paging,
    boolean expectCompletion,
    boolean persistent,
    boolean rerunWhileUncertain) {

  static final int MAX_RUNS = 3;
  static final int OPTIMOVE_PAGE = 6;

  static FaultCase of(String id, String faultClass, Vendor vendor, Fault fault) {
    return new FaultCase(id, faultClass, vendor, fault, 2, false, 16, 4, null, true, false, false);
  }

  FaultCase withRecordsDown() {
    return new FaultCase(
        id,
        faultClass,
        vendor,
        fault,
        atCall,
        true,
        n,
        batch,
        paging,
        expectCompletion,
        persistent,
        rerunWhileUncertain);
  }

  FaultCase optimove(OptimoveServer.Paging p, boolean completes) {
    return new FaultCase(
        id,
        faultClass,
        vendor,
        fault,
        atCall,
        recordsDown,
        n,
        batch,
        p,
        completes,
        persistent,
        rerunWhileUncertain);
  }

  FaultCase at(int call) {
    return new FaultCase(
        id,
        faultClass,
        vendor,
        fault,
        call,
        recordsDown,
        n,
        batch,
        paging,
        expectCompletion,
        persistent,
        rerunWhileUncertain);
  }

  /** The fault fires on every send call of the first run from {@code atCall} on (retries too). */
  FaultCase lasting() {
    return new FaultCase(
        id,
        faultClass,
        vendor,
        fault,
        atCall,
        recordsDown,
        n,
        batch,
        paging,
        expectCompletion,
        true,
        rerunWhileUncertain);
  }

  /**
   * Re-runs a completed run too while its report counts uncertain recipients (as an operator
   * following "run again to reconcile" would), at most {@link #MAX_RUNS} runs in all.
   */
  FaultCase rerunWhileUncertain(String newId) {
    return new FaultCase(
        newId,
        faultClass,
        vendor,
        fault,
        atCall,
        recordsDown,
        n,
        batch,
        paging,
        expectCompletion,
        persistent,
        true);
  }

  /** A campaign id per case, stable across JVMs. */
  long campaignId() {
    return 100_000L + Math.floorMod(id.hashCode(), 800_000);
  }

  Outcome run(Path dir) throws IOException {
    return run(dir, (run, journal) -> journal);
  }

  /**
   * Runs the case.
   *
   * @param dir an empty directory for the journal
   * @param journals the journal path of each run (from 1); the disk-full test swaps the file system
   */
  Outcome run(Path dir, BiFunction<Integer, Path, Path> journals) throws IOException {
    Ledger ledger = new Ledger();
    Campaign campaign = Targets.campaign(campaignId(), n);
    Path journal = dir.resolve("journal.log");
    List<String> texts = new ArrayList<>();
    try (VendorServer server = vendor.server(ledger);
        OptimoveServer optimove = paging == null ? null : new OptimoveServer()) {
      server.fault = fault;
      server.faultAtCall = atCall;
      server.recordsDown = recordsDown;
      server.persistent = persistent;
      if (optimove != null) {
        optimove.paging(paging);
      }
      ExecutionReport last = null;
      boolean completed = false;
      String note = "";
      int runs = 0;
      for (int run = 1;
          run <= MAX_RUNS
              && (!completed || (rerunWhileUncertain && last != null && last.uncertain() > 0));
          run++) {
        completed = false;
        runs = run;
        List<Integer> order =
            run == 1 ? Targets.natural(n) : Targets.shuffled(n, campaignId() * 31 + run);
        TargetSource source;
        if (optimove != null) {
          optimove.rows(order);
          source = Vendor.optimove(optimove.url(), OPTIMOVE_PAGE);
        } else {
          source = Targets.inOrder(order);
        }
        try (FileExecutionJournal j = FileExecutionJournal.open(journals.apply(run, journal))) {
          last =
              executor(source, server, j).execute(campaign, Targets.template(), ExecutionMode.LIVE);
          completed = true;
        } catch (CampaignExecutionException e) {
          last = e.partialReport();
          note = "run " + run + ": " + e.getMessage();
          texts.add(chain(e));
        } catch (RuntimeException e) {
          last = null;
          note = "run " + run + ": " + e;
          texts.add(chain(e));
        }
        if (run == 1) {
          server.armed = false;
          if (server instanceof DelivyrServer d) {
            d.settle();
          }
        }
      }
      boolean expect = expectCompletion;
      if (optimove != null && optimove.valveFired()) {
        note = "paging never ended (the server's valve answered 500); " + note;
        completed = false;
        expect = true;
      }
      if (Files.exists(journal)) {
        texts.add(Files.readString(journal, StandardCharsets.UTF_8));
      }
      long uncertain = last == null ? (expect ? -1 : 0) : last.uncertain();
      return evaluate(ledger, journal, campaign, uncertain, runs, completed, expect, texts, note);
    }
  }

  CampaignExecutor executor(TargetSource source, VendorServer server, ExecutionJournal journal) {
    return executor(source, vendor.channel(server.url()), journal);
  }

  CampaignExecutor executor(TargetSource source, MessageChannel channel, ExecutionJournal journal) {
    return CampaignExecutor.builder()
        .targetSource(source)
        .channel(channel)
        .journal(journal)
        .batchSize(batch)
        .build();
  }

  Outcome evaluate(
      Ledger ledger,
      Path journal,
      Campaign campaign,
      long uncertain,
      int runs,
      boolean completed,
      boolean expect,
      List<String> texts,
      String note) {
    int duplicates = 0;
    int lost = 0;
    int trulyUnknown = 0;
    List<String> lostIds = new ArrayList<>();
    FileExecutionJournal j = null;
    try {
      j = FileExecutionJournal.open(journal);
    } catch (RuntimeException unreadable) {
      note = "the journal cannot be opened (" + unreadable.getMessage() + "); " + note;
    }
    try {
      for (int c = 0; c < n; c++) {
        String digits = Targets.digits(c);
        int count = ledger.acceptedCount(digits);
        duplicates += Math.max(0, count - 1);
        if (count == 0) {
          Optional<JournalEntry> e =
              j == null
                  ? Optional.empty()
                  : j.entry(campaign.id(), CustomerId.of(Targets.customerId(c)));
          if (e.isEmpty() || e.get().state() != RecipientState.DROPPED) {
            lost++;
            lostIds.add(c + (e.isEmpty() ? ":none" : ":" + e.get().state()));
          }
        } else if (recordsDown && !ledger.isConfirmed(digits)) {
          trulyUnknown++;
        }
      }
    } finally {
      if (j != null) {
        j.close();
      }
    }
    int leaks = 0;
    for (String t : texts) {
      if (t.contains(vendor.apiKey) || t.contains(Vendor.OPTIMOVE_KEY)) {
        leaks++;
      }
    }
    String why = lostIds.isEmpty() ? note : "lost " + lostIds + "; " + note;
    return new Outcome(
        id,
        faultClass,
        runs,
        duplicates,
        lost,
        uncertain,
        trulyUnknown,
        leaks,
        completed,
        expect,
        why.length() > 300 ? why.substring(0, 300) : why);
  }

  static String chain(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t).append('\n');
    }
    return sb.toString();
  }
}
