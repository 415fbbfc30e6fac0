package io.campaignrelay.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a fresh JVM on the test classpath, as KillMidCampaignTest does in sdk-core. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs a main class in a new JVM and waits for it.
   *
   * @param logLevel the SLF4J simple level of the {@code io.campaignrelay} loggers
   * @param log where the child's output (its log) goes
   * @param main the class
   * @param args its arguments
   * @return the exit code (137 after {@code Runtime.halt(137)} or a kill)
   */
  static Process start(String logLevel, Path log, Class<?> main, List<String> args)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xshare:auto");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dorg.slf4j.simpleLogger.logFile=System.err");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("-Dorg.slf4j.simpleLogger.log.io.campaignrelay=" + logLevel);
    cmd.add(main.getName());
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  static int run(String logLevel, Path log, Class<?> main, List<String> args)
      throws IOException, InterruptedException {
    Process p = start(logLevel, log, main, args);
    if (!p.waitFor(150, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("child JVM " + main.getSimpleName() + " did not finish");
    }
    return p.exitValue();
  }
}
