package io.campaignrelay.reliability;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.CampaignExecutionException;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.ExecutionReport;
import io.campaignrelay.core.execution.FileExecutionJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Child JVM of {@link HaltTest}: runs LIVE campaigns against vendor servers living in the parent.
 * Each argument after the report file is one campaign, {@code
 * vendor|url|journal|campaignId|n|batch|seed|halt} where seed 0 means the natural target order
 * (else shuffled with it) and halt is {@code none}, {@code before:N} or {@code after:N} (halt the
 * JVM just before or after the N-th journal write). Appends {@code campaignId TAB completed TAB
 * uncertain TAB note} per campaign to the report file.
 */
public final class HaltMain {
  private HaltMain() {}

  public static void main(String[] args) throws Exception {
    Path report = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      String[] f = args[i].split("\\|");
      Vendor vendor = Vendor.valueOf(f[0]);
      String url = f[1];
      Path journalFile = Path.of(f[2]);
      long campaignId = Long.parseLong(f[3]);
      int n = Integer.parseInt(f[4]);
      int batch = Integer.parseInt(f[5]);
      long seed = Long.parseLong(f[6]);
      String halt = f[7];
      List<Integer> order = seed == 0 ? Targets.natural(n) : Targets.shuffled(n, seed);
      Campaign campaign = Targets.campaign(campaignId, n);
      String line;
      try (FileExecutionJournal file = FileExecutionJournal.open(journalFile)) {
        ExecutionJournal journal = file;
        if (!halt.equals("none")) {
          String[] h = halt.split(":");
          journal = HookedJournal.halting(file, Integer.parseInt(h[1]), h[0].equals("before"));
        }
        ExecutionReport r =
            CampaignExecutor.builder()
                .targetSource(Targets.inOrder(order))
                .channel(vendor.channel(url))
                .journal(journal)
                .batchSize(batch)
                .build()
                .execute(campaign, Targets.template(), ExecutionMode.LIVE);
        line = campaignId + "\ttrue\t" + r.uncertain() + "\t" + r;
      } catch (CampaignExecutionException e) {
        line = campaignId + "\tfalse\t" + e.partialReport().uncertain() + "\t" + e.getMessage();
      } catch (RuntimeException e) {
        line = campaignId + "\tfalse\t-1\t" + e;
      }
      Files.writeString(
          report,
          line.replace('\n', ' ') + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }
}
