package io.campaignrelay.testkit;

import io.campaignrelay.testkit.implementation.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A reproducible plan of faults per endpoint, driven by a seed.
 *
 * <p>An operation is named by each fake (Optimove: the function name such as {@code
 * GetCustomerSendDetailsByChannel} or {@code saveEvent}; TextLocal: the command such as {@code
 * send}; Delivyr: method and path template such as {@code POST messages}); names match
 * case-insensitively and {@code "*"} matches every operation. Calls are numbered from 1 per
 * operation. The decision for call {@code n} of operation {@code op} depends only on the seed,
 * {@code op} and {@code n}, never on timing or on other operations, so the same seed reproduces the
 * same faults even when requests run concurrently.
 *
 * <p>Rules are checked in the order they were added; the first that fires wins.
 *
 * <pre>{@code
 * FaultScript script = FaultScript.builder()
 *     .seed(42)
 *     .failCalls("send", 1, 2, Fault.serverError(503))     // calls 1 and 2 of "send" fail
 *     .randomly("*", 0.05, Fault.rateLimited(Duration.ofSeconds(2)), Fault.disconnectAfterRequest())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FaultScript {

  private static final FaultScript NONE = new FaultScript(0, List.of());

  private final long seed;
  private final List<Rule> rules;

  private FaultScript(long seed, List<Rule> rules) {
    this.seed = seed;
    this.rules = List.copyOf(rules);
  }

  /**
   * A script that never injects anything.
   *
   * @return the empty script
   */
  public static FaultScript none() {
    return NONE;
  }

  /**
   * Starts a script.
   *
   * @return a new builder with seed 0 and no rules
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this script's seed and rules.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.rules.addAll(rules);
    return b;
  }

  /**
   * The seed of the random rules.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The fault (if any) for the given call.
   *
   * @param operation the operation name
   * @param call the 1-based call number of that operation
   * @return the fault to inject, or empty to answer normally
   */
  public Optional<Fault> faultFor(String operation, long call) {
    String op = operation.toLowerCase(Locale.ROOT);
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (!rule.operation.equals("*") && !rule.operation.equals(op)) {
        continue;
      }
      if (rule.probability < 0) {
        if (call >= rule.firstCall && call <= rule.lastCall) {
          return Optional.of(rule.faults.get(0));
        }
      } else {
        long bits = Seeds.mix(seed, Seeds.hash(op), call, i);
        double u = Seeds.unit(bits);
        if (u < rule.probability) {
          int pick = (int) Math.floorMod(Seeds.mix(bits, 7), (long) rule.faults.size());
          return Optional.of(rule.faults.get(pick));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "FaultScript[seed=" + seed + ", rules=" + rules + "]";
  }

  private record Rule(
      String operation, long firstCall, long lastCall, double probability, List<Fault> faults) {}

  /** Builds a {@link FaultScript}. Not thread-safe. */
  public static final class Builder {
    private long seed;
    private final List<Rule> rules = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the seed of the random rules.
     *
     * @param seed any value; the same seed reproduces the same faults
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Fails calls {@code firstCall..lastCall} (inclusive, 1-based) of an operation.
     *
     * @param operation the operation name, or {@code "*"}
     * @param firstCall the first call to fail (at least 1)
     * @param lastCall the last call to fail (at least {@code firstCall})
     * @param fault the fault
     * @return this builder
     */
    public Builder failCalls(String operation, long firstCall, long lastCall, Fault fault) {
      Objects.requireNonNull(fault, "fault");
      if (firstCall < 1 || lastCall < firstCall) {
        throw new IllegalArgumentException(
            "calls "
                + firstCall
                + ".."
                + lastCall
                + ": call numbers start at 1 and lastCall must be >= firstCall");
      }
      rules.add(new Rule(op(operation), firstCall, lastCall, -1, List.of(fault)));
      return this;
    }

    /**
     * Fails the first {@code count} calls of an operation.
     *
     * @param operation the operation name, or {@code "*"}
     * @param count how many calls (at least 1)
     * @param fault the fault
     * @return this builder
     */
    public Builder failFirst(String operation, int count, Fault fault) {
      return failCalls(operation, 1, count, fault);
    }

    /**
     * Fails one call of an operation.
     *
     * @param operation the operation name, or {@code "*"}
     * @param call the 1-based call number
     * @param fault the fault
     * @return this builder
     */
    public Builder failCall(String operation, long call, Fault fault) {
      return failCalls(operation, call, call, fault);
    }

    /**
     * Injects, on each call with the given probability, one of the faults picked by the seed.
     *
     * @param operation the operation name, or {@code "*"}
     * @param probability in 0..1
     * @param faults the candidates (at least one)
     * @return this builder
     */
    public Builder randomly(String operation, double probability, Fault... faults) {
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException(
            "probability is " + probability + ": use a value between 0 and 1");
      }
      if (faults.length == 0) {
        throw new IllegalArgumentException("faults is empty: give at least one fault");
      }
      for (Fault f : faults) {
        Objects.requireNonNull(f, "faults[]");
      }
      rules.add(new Rule(op(operation), 1, Long.MAX_VALUE, probability, List.of(faults)));
      return this;
    }

    /**
     * Builds the immutable script.
     *
     * @return the script
     */
    public FaultScript build() {
      return new FaultScript(seed, rules);
    }

    private static String op(String operation) {
      Objects.requireNonNull(operation, "operation");
      if (operation.isBlank()) {
        throw new IllegalArgumentException("operation is blank: use an operation name or \"*\"");
      }
      return operation.trim().toLowerCase(Locale.ROOT);
    }
  }
}
