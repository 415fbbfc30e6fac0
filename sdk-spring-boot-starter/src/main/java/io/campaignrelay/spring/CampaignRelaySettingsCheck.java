package io.campaignrelay.spring;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks {@link CampaignRelayProperties} as a whole and reports every problem at once (field,
 * value, fix) as a {@link ConfigurationException}, which {@link CampaignRelayFailureAnalyzer} turns
 * into Spring Boot's start-up failure report. A secret's value is never echoed: its problem shows
 * {@code ****}.
 */
public final class CampaignRelaySettingsCheck {
  private static final String P = "campaignrelay.";

  private CampaignRelaySettingsCheck() {}

  /**
   * Lists every problem of the properties.
   *
   * @param properties the bound properties
   * @return the problems, empty when the configuration is usable
   */
  public static List<ConfigurationProblem> problems(CampaignRelayProperties properties) {
    List<ConfigurationProblem> out = new ArrayList<>();
    CampaignRelayProperties.Optimove o = properties.getOptimove();
    if (o.getApiKey() != null) {
      secret(out, "optimove.api-key", o.getApiKey(), "the API key Optimove issued for this tenant");
      http(
          out,
          "optimove",
          o.getEndpoint(),
          o.getConnectTimeout(),
          o.getReadTimeout(),
          o.getCallTimeout(),
          o.getMaxRetries());
      if (o.getEndpoint() == null) {
        out.add(
            ConfigurationProblem.of(
                P + "optimove.endpoint",
                null,
                "set the tenant's Optimove API base URL (absolute https URL)"));
      }
    }
    CampaignRelayProperties.TextLocal t = properties.getTextlocal();
    if (CampaignRelayAutoConfiguration.textLocalConfigured(t)) {
      http(
          out,
          "textlocal",
          t.getEndpoint(),
          t.getConnectTimeout(),
          t.getReadTimeout(),
          t.getCallTimeout(),
          t.getMaxRetries());
      textLocalCredential(out, t);
    }
    runtime(out, "textlocal", t.getRuntime().isTestingMode(), t.getRuntime().getListenerBaseUrl());
    path(out, "inbound.optimove-events-path", properties.getInbound().getOptimoveEventsPath());
    CampaignRelayProperties.Delivyr d = properties.getDelivyr();
    if (d.getApiKey() != null) {
      secret(out, "delivyr.api-key", d.getApiKey(), "the API key from Delivyr's dashboard");
      http(
          out,
          "delivyr",
          d.getEndpoint(),
          d.getConnectTimeout(),
          d.getReadTimeout(),
          d.getCallTimeout(),
          d.getMaxRetries());
    }
    runtime(out, "delivyr", d.getRuntime().isTestingMode(), d.getRuntime().getListenerBaseUrl());
    path(out, "delivyr.runtime.webhook-path", d.getRuntime().getWebhookPath());
    String a = properties.getInbound().getOptimoveEventsPath();
    if (a != null && a.equals(d.getRuntime().getWebhookPath())) {
      out.add(
          ConfigurationProblem.of(
              P + "delivyr.runtime.webhook-path",
              a,
              "use a path different from campaignrelay.inbound.optimove-events-path"));
    }
    String store = properties.getState().getStore();
    if (store == null || !List.of("jdbc", "file").contains(store.trim().toLowerCase(Locale.ROOT))) {
      out.add(ConfigurationProblem.of(P + "state.store", store, "use 'jdbc' or 'file'"));
    }
    if (properties.getState().getDirectory() == null
        || properties.getState().getDirectory().isBlank()) {
      out.add(
          ConfigurationProblem.of(
              P + "state.directory",
              properties.getState().getDirectory(),
              "name a writable directory for the state files"));
    }
    positive(out, "scheduler.poll-interval", properties.getScheduler().getPollInterval());
    positive(out, "health.timeout", properties.getHealth().getTimeout());
    delivyrRuntime(out, properties);
    textLocalRuntime(out, properties);
    Integer max = properties.getInbound().getMaxBodyBytes();
    if (max == null || max < 1024) {
      out.add(
          ConfigurationProblem.of(
              P + "inbound.max-body-bytes", max, "use at least 1024 (the default is 1048576)"));
    }
    return List.copyOf(out);
  }

  /**
   * Throws when the properties have any problem.
   *
   * @param properties the bound properties
   * @throws ConfigurationException listing every problem
   */
  public static void check(CampaignRelayProperties properties) {
    ConfigurationException.throwIfAny("campaignrelay configuration", problems(properties));
  }

  /**
   * The base URL the Delivyr runtime registers its endpoints under: {@code
   * campaignrelay.delivyr.runtime.listener-base-url}, or (testing mode, nothing registered for
   * real) {@code http://localhost} with the events path's base.
   *
   * @param properties the properties
   * @return the URL
   */
  static String delivyrListenerBaseUrl(CampaignRelayProperties properties) {
    String url = properties.getDelivyr().getRuntime().getListenerBaseUrl();
    if (url != null) {
      return url.trim();
    }
    String events = properties.getInbound().getOptimoveEventsPath();
    String base =
        events != null && events.endsWith("/" + EVENTS_SUFFIX)
            ? events.substring(0, events.length() - EVENTS_SUFFIX.length())
            : "/";
    return "http://localhost" + base;
  }

  // DelivyrRuntime.OPTIMOVE_EVENTS_PATH and DELIVYR_WEBHOOKS_PATH (sdk-delivyr is optional here)
  private static final String EVENTS_SUFFIX = "optimove/events";
  private static final String WEBHOOKS_SUFFIX = "delivyr/webhooks";
  private static final java.util.regex.Pattern PREFIX =
      java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,19}");

  private static void delivyrRuntime(List<ConfigurationProblem> out, CampaignRelayProperties p) {
    CampaignRelayProperties.DelivyrRuntime r = p.getDelivyr().getRuntime();
    if (r.getWebhookSecret() == null) {
      return;
    }
    String f = "delivyr.runtime.";
    secret(out, f + "webhook-secret", r.getWebhookSecret(), "the signing secret from Delivyr");
    if (r.getListenerToken() != null) {
      secret(out, f + "listener-token", r.getListenerToken(), "the listener URL's token");
    }
    if (p.getDelivyr().getApiKey() == null) {
      out.add(
          ConfigurationProblem.of(
              P + "delivyr.api-key", null, "the Delivyr runtime needs the Delivyr client: set it"));
    }
    if (p.getOptimove().getApiKey() == null) {
      out.add(
          ConfigurationProblem.of(
              P + "optimove.api-key",
              null,
              "the Delivyr runtime needs the Optimove client: set it (and its endpoint)"));
    }
    CampaignRelayProperties.DelivyrIntegration i = r.getIntegration();
    if (i.getTenantId() == null || i.getTenantId().isBlank()) {
      out.add(
          ConfigurationProblem.of(
              P + f + "integration.tenant-id",
              i.getTenantId(),
              "give the Optimove tenant id: engagement metrics are reported to it"));
    }
    if (i.getTenantToken() == null) {
      out.add(
          ConfigurationProblem.ofSecret(
              P + f + "integration.tenant-token",
              "give the Optimove tenant token: engagement metrics are reported with it"));
    }
    if (p.getOptimove().getMetricsEndpoint() != null) {
      url(out, P + "optimove.metrics-endpoint", p.getOptimove().getMetricsEndpoint());
    }
    zone(out, f + "tenant-zone", r.getTenantZone(), false);
    prefix(out, f + "table-prefix", r.getTablePrefix());
    jdbcStore(out, p, "delivyr");
    String base = r.getListenerBaseUrl();
    URI uri = null;
    if (base != null) {
      try {
        uri = URI.create(base.trim());
      } catch (IllegalArgumentException e) {
        // reported by the listener-base-url check
      }
    }
    if (uri != null && uri.getHost() != null) {
      String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
      path = path.endsWith("/") ? path : path + "/";
      String events = p.getInbound().getOptimoveEventsPath();
      if (events != null && !events.equals(path + EVENTS_SUFFIX)) {
        out.add(
            ConfigurationProblem.of(
                P + "inbound.optimove-events-path",
                events,
                "the runtime registers listener-base-url + "
                    + EVENTS_SUFFIX
                    + " with Optimove: use "
                    + path
                    + EVENTS_SUFFIX));
      }
      if (r.getWebhookPath() != null && !r.getWebhookPath().equals(path + WEBHOOKS_SUFFIX)) {
        out.add(
            ConfigurationProblem.of(
                P + f + "webhook-path",
                r.getWebhookPath(),
                "Delivyr is given listener-base-url + "
                    + WEBHOOKS_SUFFIX
                    + ": use "
                    + path
                    + WEBHOOKS_SUFFIX));
      }
    }
    if (present("io.campaignrelay.delivyr.DelivyrRuntime")) {
      out.addAll(RuntimeSettings.delivyrProblems(p));
    }
  }

  private static void textLocalRuntime(List<ConfigurationProblem> out, CampaignRelayProperties p) {
    CampaignRelayProperties.TextLocalRuntime r = p.getTextlocal().getRuntime();
    if (r.getChannel() == null) {
      return;
    }
    String f = "textlocal.runtime.";
    if (r.getChannel() < 1) {
      out.add(
          ConfigurationProblem.of(
              P + f + "channel", r.getChannel(), "the channel id Optimove assigned to TextLocal"));
    }
    if (!CampaignRelayAutoConfiguration.textLocalConfigured(p.getTextlocal())) {
      out.add(
          ConfigurationProblem.of(
              P + "textlocal.api-key",
              null,
              "the TextLocal runtime needs the TextLocal client: set its credentials"));
    }
    if (p.getOptimove().getApiKey() == null) {
      out.add(
          ConfigurationProblem.of(
              P + "optimove.api-key",
              null,
              "the TextLocal runtime needs the Optimove client: set it (and its endpoint)"));
    }
    zone(out, f + "tenant-zone", r.getTenantZone(), true);
    prefix(out, f + "table-prefix", r.getTablePrefix());
    if (p.getDelivyr().getRuntime().getWebhookSecret() != null
        && r.getTablePrefix() != null
        && r.getTablePrefix().equals(p.getDelivyr().getRuntime().getTablePrefix())) {
      out.add(
          ConfigurationProblem.of(
              P + f + "table-prefix",
              r.getTablePrefix(),
              "use a prefix different from campaignrelay.delivyr.runtime.table-prefix: both"
                  + " runtimes schedule jobs of the same types"));
    }
    jdbcStore(out, p, "textlocal");
    if (present("io.campaignrelay.textlocal.TextLocalRuntime")) {
      out.addAll(RuntimeSettings.textLocalProblems(p));
    }
  }

  private static boolean present(String className) {
    return org.springframework.util.ClassUtils.isPresent(
        className, CampaignRelaySettingsCheck.class.getClassLoader());
  }

  private static void jdbcStore(
      List<ConfigurationProblem> out, CampaignRelayProperties p, String vendor) {
    String store = p.getState().getStore();
    if (store != null && "file".equalsIgnoreCase(store.trim())) {
      out.add(
          ConfigurationProblem.of(
              P + "state.store",
              store,
              "the " + vendor + " runtime keeps its state through sdk-jdbc: use 'jdbc'"));
    }
  }

  private static void zone(
      List<ConfigurationProblem> out, String field, String value, boolean required) {
    if (value == null) {
      if (required) {
        out.add(
            ConfigurationProblem.of(
                P + field, null, "give the Optimove tenant's zone, e.g. Europe/London"));
      }
      return;
    }
    try {
      java.time.ZoneId.of(value.trim());
    } catch (java.time.DateTimeException e) {
      out.add(ConfigurationProblem.of(P + field, value, "use a zone id, e.g. Europe/London"));
    }
  }

  private static void prefix(List<ConfigurationProblem> out, String field, String value) {
    if (value == null || !PREFIX.matcher(value).matches() || "cr_".equals(value)) {
      out.add(
          ConfigurationProblem.of(
              P + field,
              value,
              "use lower-case letters, digits and underscores, starting with a letter, at most"
                  + " 20, other than the application store's cr_"));
    }
  }

  private static void textLocalCredential(
      List<ConfigurationProblem> out, CampaignRelayProperties.TextLocal t) {
    boolean key = t.getApiKey() != null;
    boolean user = t.getUsername() != null;
    if (key && user) {
      out.add(
          ConfigurationProblem.of(
              P + "textlocal.username",
              t.getUsername(),
              "set either campaignrelay.textlocal.api-key or a username with hash/password, not"
                  + " both"));
    }
    if (key) {
      secret(out, "textlocal.api-key", t.getApiKey(), "the API key from TextLocal's settings");
    }
    if (user) {
      if (t.getUsername().isBlank()) {
        out.add(
            ConfigurationProblem.of(
                P + "textlocal.username", t.getUsername(), "the account's login name"));
      }
      if ((t.getHash() == null) == (t.getPassword() == null)) {
        out.add(
            ConfigurationProblem.of(
                P + "textlocal.hash",
                t.getHash() == null ? null : "****",
                "with a username set exactly one of campaignrelay.textlocal.hash or"
                    + " campaignrelay.textlocal.password"));
      } else if (t.getHash() != null) {
        secret(out, "textlocal.hash", t.getHash(), "the account hash from TextLocal's settings");
      } else {
        secret(out, "textlocal.password", t.getPassword(), "the account password");
      }
    } else if (t.getHash() != null || t.getPassword() != null) {
      out.add(
          ConfigurationProblem.of(
              P + "textlocal.username", null, "a hash or password needs the account's username"));
    }
  }

  private static void secret(List<ConfigurationProblem> out, String field, String v, String fix) {
    if (v.isBlank()) {
      out.add(ConfigurationProblem.ofSecret(P + field, "set " + fix));
    } else if (!v.equals(v.strip())) {
      out.add(
          ConfigurationProblem.ofSecret(
              P + field, "remove the spaces around the value: " + fix + " has none"));
    }
  }

  private static void runtime(
      List<ConfigurationProblem> out, String vendor, boolean testing, String listenerBaseUrl) {
    String field = P + vendor + ".runtime.listener-base-url";
    if (listenerBaseUrl == null) {
      if (!testing) {
        out.add(
            ConfigurationProblem.of(
                field,
                null,
                "testing mode is off: set the public base URL the vendors reach this service"
                    + " at (absolute https URL)"));
      }
      return;
    }
    url(out, field, listenerBaseUrl);
  }

  private static void http(
      List<ConfigurationProblem> out,
      String vendor,
      String endpoint,
      Duration connect,
      Duration read,
      Duration call,
      Integer maxRetries) {
    if (endpoint != null) {
      url(out, P + vendor + ".endpoint", endpoint);
    }
    positive(out, vendor + ".connect-timeout", connect);
    positive(out, vendor + ".read-timeout", read);
    positive(out, vendor + ".call-timeout", call);
    if (maxRetries != null && (maxRetries < 0 || maxRetries > 10)) {
      out.add(
          ConfigurationProblem.of(
              P + vendor + ".max-retries", maxRetries, "use a number from 0 to 10"));
    }
  }

  private static void url(List<ConfigurationProblem> out, String field, String value) {
    URI uri = null;
    try {
      uri = URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (uri == null
        || uri.getHost() == null
        || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
        || uri.getUserInfo() != null) {
      out.add(
          ConfigurationProblem.of(
              field,
              uri != null && uri.getUserInfo() != null ? "****" : value,
              "use an absolute http(s) URL without credentials, e.g. https://host.example/"));
    }
  }

  private static void path(List<ConfigurationProblem> out, String field, String value) {
    if (value == null || !value.startsWith("/") || value.contains("?") || value.contains("*")) {
      out.add(
          ConfigurationProblem.of(
              P + field, value, "use an absolute path without query or wildcard, e.g. /hooks/x"));
    }
  }

  private static void positive(List<ConfigurationProblem> out, String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      out.add(ConfigurationProblem.of(P + field, d, "use a positive duration, e.g. 10s"));
    }
  }
}
