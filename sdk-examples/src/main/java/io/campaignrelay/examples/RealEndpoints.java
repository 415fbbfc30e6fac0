package io.campaignrelay.examples;

import java.io.PrintStream;
import java.util.Map;

/** The demo against real endpoints, configured by environment variables (see {@link Demo}). */
final class RealEndpoints {

  private RealEndpoints() {}

  static boolean configured(Map<String, String> env) {
    return present(env, "OPTIMOVE_API_KEY")
        && (present(env, "DELIVYR_API_KEY") || present(env, "TEXTLOCAL_API_KEY"));
  }

  static boolean present(Map<String, String> env, String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  static void run(Map<String, String> env, boolean live, PrintStream out) {
    out.println("real endpoints: not yet");
  }
}
