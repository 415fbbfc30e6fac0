package io.campaignrelay.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of the benchmark jar: every logger formats its message exactly as a real
 * backend would ({@link MessageFormatter}) and then discards it, counting the characters so that
 * the JIT cannot remove the work. Levels can be changed while running ({@link #setLevel(String,
 * Level)}), so one JVM can measure the SDK's request logging off and on without any I/O cost.
 *
 * <p>The default level of every logger is INFO (the SDK logs requests at DEBUG and TRACE only), or
 * the value of the system property {@code bench.log.level} ({@code OFF}, {@code ERROR} ... {@code
 * TRACE}).
 */
public final class BenchLogging implements SLF4JServiceProvider {

  private static final int OFF = Integer.MAX_VALUE;
  private static final Map<String, Integer> THRESHOLDS = new ConcurrentHashMap<>();
  private static final LongAdder CHARACTERS = new LongAdder();
  private static final LongAdder EVENTS = new LongAdder();
  private static volatile int version;
  private static final int DEFAULT_THRESHOLD = parse(System.getProperty("bench.log.level"));

  private final ILoggerFactory loggerFactory = BenchLogger::new;
  private final IMarkerFactory markerFactory = new BasicMarkerFactory();
  private final MDCAdapter mdcAdapter = new NOPMDCAdapter();

  /** Creates the provider; SLF4J finds it through {@code ServiceLoader}. */
  public BenchLogging() {}

  /**
   * Sets the level of a logger and of every logger under it ({@code io.campaignrelay} covers all
   * SDK loggers).
   *
   * @param prefix a logger name or a prefix ending before a {@code .}
   * @param level the most detailed level that is logged, or null to log nothing
   */
  public static synchronized void setLevel(String prefix, Level level) {
    THRESHOLDS.put(prefix, level == null ? OFF : level.toInt());
    version++;
  }

  /**
   * How many characters the formatted log messages had so far.
   *
   * @return the count
   */
  public static long characters() {
    return CHARACTERS.sum();
  }

  /**
   * How many messages were logged so far.
   *
   * @return the count
   */
  public static long events() {
    return EVENTS.sum();
  }

  private static int parse(String value) {
    if (value == null || value.isBlank()) {
      return Level.INFO.toInt();
    }
    String v = value.strip().toUpperCase(Locale.ROOT);
    return "OFF".equals(v) ? OFF : Level.valueOf(v).toInt();
  }

  private static int thresholdOf(String name) {
    String n = name;
    while (true) {
      Integer threshold = THRESHOLDS.get(n);
      if (threshold != null) {
        return threshold;
      }
      int dot = n.lastIndexOf('.');
      if (dot < 0) {
        return DEFAULT_THRESHOLD;
      }
      n = n.substring(0, dot);
    }
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  /** A logger that formats and discards. */
  static final class BenchLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private transient int seenVersion = -1;
    private transient int threshold;

    BenchLogger(String name) {
      this.name = name;
    }

    // Like a real backend, the effective level is resolved once and cached (until a level changes).
    private boolean enabled(Level level) {
      int v = version;
      if (v != seenVersion) {
        threshold = thresholdOf(name);
        seenVersion = v;
      }
      return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
      return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      String text = MessageFormatter.basicArrayFormat(pattern, arguments);
      CHARACTERS.add(text == null ? 0 : text.length());
      EVENTS.increment();
    }
  }
}
