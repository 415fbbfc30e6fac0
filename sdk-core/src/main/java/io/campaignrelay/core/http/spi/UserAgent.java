package io.campaignrelay.core.http.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Builds {@code campaign-relay/<version> <vendor> java/<java.version> [app/<id>]}. */
final class UserAgent {
  static final String SDK_VERSION = loadVersion();

  private UserAgent() {}

  static String of(String vendor, String applicationId) {
    String ua =
        "campaign-relay/"
            + SDK_VERSION
            + " "
            + vendor
            + " java/"
            + System.getProperty("java.version", "unknown");
    return applicationId == null ? ua : ua + " app/" + applicationId;
  }

  private static String loadVersion() {
    try (InputStream in =
        UserAgent.class.getResourceAsStream("/io/campaignrelay/core/http/version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
