package io.campaignrelay.testkit.implementation;

import java.nio.charset.StandardCharsets;

/** Deterministic mixing of seeds (SplitMix64 finaliser); pure functions, thread-safe. */
public final class Seeds {
  private Seeds() {}

  /**
   * Mixes values into 64 well-distributed bits.
   *
   * @param values the inputs
   * @return the mixed bits
   */
  public static long mix(long... values) {
    long h = 0x9E3779B97F4A7C15L;
    for (long v : values) {
      h = fmix(h ^ fmix(v + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  /**
   * A stable 64-bit hash of a string (independent of {@link String#hashCode()} collisions).
   *
   * @param s the string
   * @return the hash
   */
  public static long hash(String s) {
    long h = 1125899906842597L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return fmix(h);
  }

  /**
   * Maps bits to a double in [0, 1).
   *
   * @param bits the bits
   * @return the unit value
   */
  public static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  private static long fmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
