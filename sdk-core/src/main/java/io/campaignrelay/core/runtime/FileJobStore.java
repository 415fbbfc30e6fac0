package io.campaignrelay.core.runtime;

import io.campaignrelay.core.CampaignRelayException;
import io.campaignrelay.core.implementation.RecordLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A {@link JobStore} in an append-only file (each change a checksummed line, fsynced; the latest
 * line of a key wins; a torn tail is discarded on open). Thread-safe within one process; one
 * process at a time may use a file (several instances share jobs through sdk-jdbc instead).
 */
public final class FileJobStore extends InMemoryJobStore implements Closeable {
  private static final String VERSION = "job1";
  private final RecordLog log;

  private FileJobStore(Path path) throws IOException {
    this.log = RecordLog.open(path, true, this::restore);
  }

  /**
   * Opens (or creates) a job store file.
   *
   * @param path the file
   * @return the store, with every job of the file loaded
   * @throws CampaignRelayException if the file cannot be read or written
   */
  public static FileJobStore open(Path path) {
    Objects.requireNonNull(path, "path");
    try {
      return new FileJobStore(path);
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot open the job store "
              + path
              + ": "
              + e.getMessage()
              + "; fix the cause (a writable directory, disk space, permissions) and open the"
              + " same file again",
          e);
    }
  }

  private boolean restore(String[] f) {
    if (f.length != 9 || !VERSION.equals(f[0])) {
      return false;
    }
    load(
        ScheduledJob.restore(
            new JobKey(f[1]),
            Instant.ofEpochMilli(Long.parseLong(f[2])),
            f[3].isEmpty() ? null : LocalTime.parse(f[3]),
            f[4].isEmpty() ? null : ZoneId.of(f[4]),
            ScheduledJob.State.valueOf(f[5]),
            Integer.parseInt(f[6]),
            Integer.parseInt(f[7]),
            f[8]));
    return true;
  }

  @Override
  void store(ScheduledJob j) {
    try {
      log.append(
          List.<String[]>of(
              new String[] {
                VERSION,
                j.key().value(),
                Long.toString(j.nextRunAt().toEpochMilli()),
                j.dailyAt().map(LocalTime::toString).orElse(""),
                j.zone().map(ZoneId::getId).orElse(""),
                j.state().name(),
                Integer.toString(j.runs()),
                Integer.toString(j.failures()),
                j.lastError()
              }));
    } catch (IOException e) {
      throw new CampaignRelayException(
          "cannot write the job store " + log.path() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Lines discarded when the file was opened (a torn tail).
   *
   * @return the count
   */
  public int discardedLines() {
    return log.discardedLines();
  }

  @Override
  public void close() {
    try {
      log.close();
    } catch (IOException e) {
      throw new CampaignRelayException("cannot close the job store " + log.path(), e);
    }
  }
}
