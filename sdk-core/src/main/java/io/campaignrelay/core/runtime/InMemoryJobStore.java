package io.campaignrelay.core.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link JobStore} in memory: jobs live as long as the process. Thread-safe. */
public class InMemoryJobStore implements JobStore {
  private static final Comparator<ScheduledJob> DUE_ORDER =
      Comparator.comparing(ScheduledJob::nextRunAt).thenComparing(ScheduledJob::key);

  private final TreeMap<JobKey, ScheduledJob> jobs = new TreeMap<>();

  /**
   * An empty store.
   *
   * @return the store
   */
  public static InMemoryJobStore create() {
    return new InMemoryJobStore();
  }

  InMemoryJobStore() {}

  @Override
  public synchronized Optional<ScheduledJob> get(JobKey key) {
    return Optional.ofNullable(jobs.get(key));
  }

  @Override
  public synchronized boolean putIfAbsent(ScheduledJob job) {
    if (jobs.containsKey(job.key())) {
      return false;
    }
    put(job);
    return true;
  }

  @Override
  public synchronized void put(ScheduledJob job) {
    store(job);
    jobs.put(job.key(), job);
  }

  /** Hook for a durable subclass: called under the lock before the job is kept. */
  void store(ScheduledJob job) {}

  final synchronized void load(ScheduledJob job) {
    jobs.put(job.key(), job);
  }

  @Override
  public synchronized List<ScheduledJob> due(Instant now) {
    List<ScheduledJob> out = new ArrayList<>();
    for (ScheduledJob j : jobs.values()) {
      if (j.state() == ScheduledJob.State.SCHEDULED && !j.nextRunAt().isAfter(now)) {
        out.add(j);
      }
    }
    out.sort(DUE_ORDER);
    return out;
  }

  @Override
  public synchronized List<ScheduledJob> all() {
    return List.copyOf(jobs.values());
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{" + all().size() + " jobs}";
  }
}
