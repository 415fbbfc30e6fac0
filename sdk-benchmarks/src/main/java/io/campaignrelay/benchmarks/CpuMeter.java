package io.campaignrelay.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The process's CPU time split by who spent it, read from Linux's {@code /proc/self}: the loopback
 * server's threads, the garbage collector's, the JIT compilers', and the rest (the campaign: SDK or
 * raw loop, including threads that ended during the run). Long-lived threads only are told apart by
 * name, so the split is exact for the server, GC and JIT, whose threads live for the whole
 * benchmark. Off Linux every figure is -1.
 */
final class CpuMeter {

  /** CPU seconds per part, between two readings. */
  record Split(double client, double server, double gc, double jit, double kernel, double caller) {
    @Override
    public String toString() {
      if (client < 0) {
        return "cpu n/a";
      }
      return String.format(
          Locale.ROOT,
          "cpu %.2f s campaign (%.2f s on the calling thread), %.2f s server, %.2f s GC, %.2f s"
              + " JIT (process: %.2f s in the kernel)",
          client,
          caller,
          server,
          gc,
          jit,
          kernel);
    }
  }

  private static final Path SELF = Path.of("/proc/self");
  private static final double TICK = 0.01; // USER_HZ is 100 on every Linux we run on

  private final long total;
  private final long kernel;
  private final long server;
  private final long gc;
  private final long jit;
  // The reading thread's own CPU in ns (the campaign's calling thread: the SDK's engine thread,
  // the raw loop's page reader), or -1.
  private final long caller;

  private CpuMeter(long total, long kernel, long server, long gc, long jit, long caller) {
    this.total = total;
    this.kernel = kernel;
    this.server = server;
    this.gc = gc;
    this.jit = jit;
    this.caller = caller;
  }

  private static long callerNanos() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
  }

  static CpuMeter read() {
    if (!Files.isDirectory(SELF.resolve("task"))) {
      return new CpuMeter(-1, -1, -1, -1, -1, -1);
    }
    try {
      String self = Files.readString(SELF.resolve("stat"));
      long total = ticks(self);
      long kernel = field(self, 12);
      long server = 0;
      long gc = 0;
      long jit = 0;
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(SELF.resolve("task"))) {
        for (Path t : tasks) {
          String stat;
          try {
            stat = Files.readString(t.resolve("stat"));
          } catch (IOException gone) {
            continue; // the thread ended while we looked
          }
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          long n = ticks(stat);
          if (name.startsWith("loopback-vendor") || name.startsWith("HTTP-Dispatcher")) {
            server += n;
          } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            gc += n;
          } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            jit += n;
          }
        }
      }
      return new CpuMeter(total, kernel, server, gc, jit, callerNanos());
    } catch (IOException | RuntimeException e) {
      return new CpuMeter(-1, -1, -1, -1, -1, -1);
    }
  }

  /** utime + stime: fields 14 and 15, counted after the command name's closing parenthesis. */
  private static long ticks(String stat) {
    return field(stat, 11) + field(stat, 12);
  }

  /** Field i (0 = the state, 11 = utime, 12 = stime) after the command name. */
  private static long field(String stat, int i) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return Long.parseLong(f[i]);
  }

  Split since(CpuMeter start) {
    if (total < 0 || start.total < 0) {
      return new Split(-1, -1, -1, -1, -1, -1);
    }
    long s = server - start.server;
    long g = gc - start.gc;
    long j = jit - start.jit;
    long c = (total - start.total) - s - g - j;
    double own = caller < 0 || start.caller < 0 ? -1 : (caller - start.caller) / 1e9;
    return new Split(c * TICK, s * TICK, g * TICK, j * TICK, (kernel - start.kernel) * TICK, own);
  }
}
