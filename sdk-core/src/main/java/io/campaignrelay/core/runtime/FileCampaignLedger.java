package io.campaignrelay.core.runtime;

import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.implementation.RecordLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link CampaignLedger} in an append-only file (each change a checksummed, fsynced line; the
 * latest line of a key wins; a torn tail is discarded on open). One process at a time.
 */
public final class FileCampaignLedger extends InMemoryCampaignLedger implements Closeable {
  private static final String VERSION = "cl1";
  private final RecordLog log;

  private FileCampaignLedger(Path path) throws IOException {
    this.log = RecordLog.open(path, true, this::restore);
  }

  /**
   * Opens (or creates) a ledger file.
   *
   * @param path the file
   * @return the ledger
   * @throws CampaignRelayException if the file cannot be read or written
   */
  public static FileCampaignLedger open(Path path) {
    Objects.requireNonNull(path, "path");
    try {
      return new FileCampaignLedger(path);
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot open the campaign ledger "
              + path
              + ": "
              + e.getMessage()
              + "; fix the cause and open the same file again: a fresh ledger forgets which"
              + " campaigns were sent",
          e);
    }
  }

  private boolean restore(String[] f) {
    if (f.length < 6 || !VERSION.equals(f[0]) || (f.length - 6) % 2 != 0) {
      return false;
    }
    CampaignRecord.Builder b =
        CampaignRecord.builder(
            CampaignId.of(f[1]), f[2], Instant.ofEpochMilli(Long.parseLong(f[3])));
    if (!f[4].isEmpty()) {
      b.sentAt(Instant.ofEpochMilli(Long.parseLong(f[4])));
    }
    if (!f[5].isEmpty()) {
      for (String d : f[5].split(",")) {
        b.metricDayDone(Integer.parseInt(d));
      }
    }
    for (int i = 6; i < f.length; i += 2) {
      b.attribute(f[i], f[i + 1]);
    }
    load(b.build());
    return true;
  }

  @Override
  void store(CampaignRecord r) {
    List<String> f = new ArrayList<>();
    f.add(VERSION);
    f.add(r.campaignId().value());
    f.add(r.channel());
    f.add(Long.toString(r.sendAt().toEpochMilli()));
    f.add(r.sentAt().map(i -> Long.toString(i.toEpochMilli())).orElse(""));
    StringBuilder days = new StringBuilder();
    for (int d : r.metricDaysDone()) {
      days.append(days.length() == 0 ? "" : ",").append(d);
    }
    f.add(days.toString());
    for (Map.Entry<String, String> a : r.attributes().entrySet()) {
      f.add(a.getKey());
      f.add(a.getValue());
    }
    try {
      log.append(List.<String[]>of(f.toArray(new String[0])));
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot write the campaign ledger " + log.path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      log.close();
    } catch (IOException e) {
      throw new CampaignRelayException("cannot close " + log.path(), e);
    }
  }
}
