package io.campaignrelay.core.runtime;

import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.implementation.RecordLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link ProcessedIds} in an append-only file (fsynced per id; ids expired when the file is opened
 * are not loaded). The file grows with every id; start a new one when it is older than the longest
 * expiry (all its ids have expired). One process at a time.
 */
public final class FileProcessedIds extends InMemoryProcessedIds implements Closeable {
  private static final String VERSION = "pid1";
  private final RecordLog log;

  private FileProcessedIds(Path path, Instant now) throws IOException {
    this.log =
        RecordLog.open(
            path,
            true,
            f -> {
              if (f.length != 4 || !VERSION.equals(f[0])) {
                return false;
              }
              Instant expires = Instant.ofEpochMilli(Long.parseLong(f[3]));
              if (expires.isAfter(now)) {
                hold(key(f[1], f[2]), expires);
              }
              return true;
            });
  }

  /**
   * Opens (or creates) the file.
   *
   * @param path the file
   * @param clock decides which stored ids have expired
   * @return the set
   * @throws CampaignRelayException if the file cannot be read or written
   */
  public static FileProcessedIds open(Path path, Clock clock) {
    Objects.requireNonNull(path, "path");
    try {
      return new FileProcessedIds(path, clock.instant());
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot open the processed-ids file " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  void store(String namespace, String id, Instant expiresAt) {
    try {
      log.append(
          List.<String[]>of(
              new String[] {VERSION, namespace, id, Long.toString(expiresAt.toEpochMilli())}));
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot write the processed-ids file " + log.path() + ": " + e.getMessage(), e);
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
