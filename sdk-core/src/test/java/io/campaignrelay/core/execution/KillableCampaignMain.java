package io.campaignrelay.core.execution;

import io.campaignrelay.core.ExecutionMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Child process of {@link KillMidCampaignTest}: runs a 2,000-recipient LIVE campaign with a file
 * journal against a "vendor" whose state lives in a file (deliveries, and the idempotency keys it
 * has accepted, like Delivyr's Idempotency-Key). With a kill point it halts the JVM abruptly (no
 * finally blocks, no shutdown hooks: as {@code kill -9} would) after that many deliveries, in the
 * middle of a batch.
 *
 * <p>Args: journalFile vendorFile killAfterDeliveries(-1 = never)
 */
public final class KillableCampaignMain {
  private KillableCampaignMain() {}

  public static void main(String[] args) throws IOException {
    Path journalFile = Path.of(args[0]);
    Path vendorFile = Path.of(args[1]);
    int killAfter = Integer.parseInt(args[2]);
    Set<String> acceptedKeys = new HashSet<>();
    int[] delivered = {0};
    if (Files.exists(vendorFile)) {
      for (String line : Files.readAllLines(vendorFile)) {
        acceptedKeys.add(line.split("\\|")[0]);
      }
    }
    try (FileChannel vendor =
            FileChannel.open(
                vendorFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        FileExecutionJournal journal = FileExecutionJournal.open(journalFile)) {
      MessageChannel channel =
          new MessageChannel() {
            @Override
            public String name() {
              return "file-vendor";
            }

            @Override
            public int maxBatchSize() {
              return 100;
            }

            @Override
            public boolean deduplicatesByIdempotencyKey() {
              return true;
            }

            @Override
            public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
              List<DispatchResult> out = new ArrayList<>();
              for (OutboundMessage m : batch) {
                String key = m.idempotencyKey().value();
                if (acceptedKeys.add(key)) {
                  try {
                    vendor.write(
                        StandardCharsets.UTF_8.encode(key + "|" + m.customerId().value() + "\n"));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                  if (++delivered[0] == killAfter) {
                    Runtime.getRuntime().halt(137);
                  }
                }
                out.add(DispatchResult.accepted(m.idempotencyKey(), key, "b"));
              }
              return out;
            }
          };
      ExecutionReport report =
          CampaignExecutor.builder()
              .targetSource(new EngineFixtures.Targets(2000))
              .channel(channel)
              .journal(journal)
              .build()
              .execute(
                  EngineFixtures.campaign(99, 2000), EngineFixtures.template(), ExecutionMode.LIVE);
      System.out.println(
          "REPORT skipped="
              + report.skipped()
              + " resent="
              + report.resent()
              + " dispatched="
              + report.dispatched());
    }
  }
}
