package io.campaignrelay.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures the heap during one run: the highest heap in use (sampled every 5 ms), the sum of the
 * heap pools' peaks (an upper bound), the highest heap still live after a collection (what the run
 * really retains), and the collections' count and time.
 */
final class HeapMonitor implements AutoCloseable {

  /** What one run used. */
  record Usage(
      long peakUsedSampled,
      long peakPoolSum,
      long maxLiveAfterGc,
      long maxCommitted,
      long collections,
      long collectionMillis) {

    static String mib(long bytes) {
      return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
  }

  private final List<MemoryPoolMXBean> heapPools = new ArrayList<>();
  private final Set<String> heapPoolNames;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final AtomicLong maxLiveAfterGc = new AtomicLong();
  private final AtomicLong maxUsed = new AtomicLong();
  private final AtomicLong maxCommitted = new AtomicLong();
  private final NotificationListener listener = this::onGc;
  private final Thread sampler;
  private final long collections0;
  private final long millis0;
  private volatile boolean running = true;

  private HeapMonitor() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heapPools.add(p);
        p.resetPeakUsage();
      }
    }
    heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    long c = 0;
    long t = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      c += Math.max(0, gc.getCollectionCount());
      t += Math.max(0, gc.getCollectionTime());
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(listener, null, null);
        emitters.add(e);
      }
    }
    collections0 = c;
    millis0 = t;
    sampler =
        new Thread(
            () -> {
              Runtime rt = Runtime.getRuntime();
              while (running) {
                maxUsed.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                maxCommitted.accumulateAndGet(rt.totalMemory(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /**
   * Collects garbage, then starts measuring.
   *
   * @return the monitor
   */
  static HeapMonitor start() {
    System.gc();
    return new HeapMonitor();
  }

  private void onGc(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long live = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPoolNames.contains(e.getKey())) {
        live += e.getValue().getUsed();
      }
    }
    maxLiveAfterGc.accumulateAndGet(live, Math::max);
  }

  /**
   * Stops measuring.
   *
   * @return what the run used
   */
  Usage stop() {
    close();
    long poolSum = 0;
    for (MemoryPoolMXBean p : heapPools) {
      poolSum += p.getPeakUsage().getUsed();
    }
    long c = 0;
    long t = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      c += Math.max(0, gc.getCollectionCount());
      t += Math.max(0, gc.getCollectionTime());
    }
    return new Usage(
        maxUsed.get(),
        poolSum,
        maxLiveAfterGc.get(),
        maxCommitted.get(),
        c - collections0,
        t - millis0);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(listener);
      } catch (ListenerNotFoundException ignored) {
        // already removed
      }
    }
    emitters.clear();
  }
}
