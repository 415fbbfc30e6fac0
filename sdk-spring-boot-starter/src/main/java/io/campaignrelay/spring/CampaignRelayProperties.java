package io.campaignrelay.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The campaignrelay.* configuration properties: the three clients (endpoint, credentials, timeouts,
 * retries), both runtimes (testing mode, listener base URL, endpoint paths), the state store, the
 * scheduler, inbound limits and health checks. Secrets are plain strings here so that a bad one is
 * reported with the others at startup (checked once bound, see {@link #afterPropertiesSet()}); they
 * are masked by {@link CampaignRelaySanitizer} in the actuator endpoints and never logged. Checked
 * at startup by {@link CampaignRelaySettingsCheck}.
 */
@ConfigurationProperties(prefix = "campaignrelay")
public final class CampaignRelayProperties implements InitializingBean {
  private final Optimove optimove = new Optimove();
  private final TextLocal textlocal = new TextLocal();
  private final Delivyr delivyr = new Delivyr();
  private final State state = new State();
  private final Scheduler scheduler = new Scheduler();
  private final Inbound inbound = new Inbound();
  private final SendCaps sendCaps = new SendCaps();
  private final Health health = new Health();

  /** Creates the properties with their defaults. */
  public CampaignRelayProperties() {}

  /**
   * Checks the bound properties before any bean uses them: a bad configuration fails the start with
   * every problem listed.
   *
   * @throws io.campaignrelay.core.ConfigurationException listing every problem
   */
  @Override
  public void afterPropertiesSet() {
    CampaignRelaySettingsCheck.check(this);
  }

  /**
   * The Optimove client.
   *
   * @return the group
   */
  public Optimove getOptimove() {
    return optimove;
  }

  /**
   * The TextLocal client and connector runtime.
   *
   * @return the group
   */
  public TextLocal getTextlocal() {
    return textlocal;
  }

  /**
   * The Delivyr client and channel runtime.
   *
   * @return the group
   */
  public Delivyr getDelivyr() {
    return delivyr;
  }

  /**
   * The runtime state store.
   *
   * @return the group
   */
  public State getState() {
    return state;
  }

  /**
   * The embedded scheduler.
   *
   * @return the group
   */
  public Scheduler getScheduler() {
    return scheduler;
  }

  /**
   * The inbound endpoints.
   *
   * @return the group
   */
  public Inbound getInbound() {
    return inbound;
  }

  /**
   * The send caps of the runtimes.
   *
   * @return the group
   */
  public SendCaps getSendCaps() {
    return sendCaps;
  }

  /**
   * The vendor health checks.
   *
   * @return the group
   */
  public Health getHealth() {
    return health;
  }

  /** The HTTP settings every vendor client has. */
  public abstract static class Client {
    /** Creates the defaults. */
    Client() {}

    /** The vendor's base URL; the SDK's default when unset. */
    private String endpoint;

    /** Connect timeout of each HTTP attempt. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Read timeout of each HTTP attempt. */
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Timeout of one call, every attempt and retry included. */
    private Duration callTimeout = Duration.ofSeconds(60);

    /** Retries of a failed call (0 to 10); the SDK's default when unset. */
    private Integer maxRetries;

    /**
     * The vendor's base URL; the SDK's default when unset.
     *
     * @return the value
     */
    public String getEndpoint() {
      return endpoint;
    }

    /**
     * Sets: the vendor's base URL; the SDK's default when unset.
     *
     * @param endpoint the value
     */
    public void setEndpoint(String endpoint) {
      this.endpoint = endpoint;
    }

    /**
     * Connect timeout of each HTTP attempt.
     *
     * @return the value
     */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /**
     * Sets: connect timeout of each HTTP attempt.
     *
     * @param connectTimeout the value
     */
    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /**
     * Read timeout of each HTTP attempt.
     *
     * @return the value
     */
    public Duration getReadTimeout() {
      return readTimeout;
    }

    /**
     * Sets: read timeout of each HTTP attempt.
     *
     * @param readTimeout the value
     */
    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    /**
     * Timeout of one call, every attempt and retry included.
     *
     * @return the value
     */
    public Duration getCallTimeout() {
      return callTimeout;
    }

    /**
     * Sets: timeout of one call, every attempt and retry included.
     *
     * @param callTimeout the value
     */
    public void setCallTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
    }

    /**
     * Retries of a failed call (0 to 10); the SDK's default when unset.
     *
     * @return the value
     */
    public Integer getMaxRetries() {
      return maxRetries;
    }

    /**
     * Sets: retries of a failed call (0 to 10); the SDK's default when unset.
     *
     * @param maxRetries the value
     */
    public void setMaxRetries(Integer maxRetries) {
      this.maxRetries = maxRetries;
    }
  }

  /**
   * Optimove client settings; the client bean exists when campaignrelay.optimove.api-key is set.
   */
  public static final class Optimove extends Client {
    /** Creates the defaults. */
    public Optimove() {}

    /** Optimove API key (a secret: masked in /actuator/env, /actuator/configprops and logs). */
    private String apiKey;

    /**
     * Optimove API key (a secret: masked in /actuator/env, /actuator/configprops and logs).
     *
     * @return the value
     */
    public String getApiKey() {
      return apiKey;
    }

    /**
     * Sets: optimove API key (a secret: masked in /actuator/env, /actuator/configprops and logs).
     *
     * @param apiKey the value
     */
    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    /**
     * The tenant's engagement-metrics base URL (Delivyr runtime's metrics); the SDK's default when
     * unset.
     */
    private String metricsEndpoint;

    /**
     * The tenant's engagement-metrics base URL (Delivyr runtime's metrics); the SDK's default when
     * unset.
     *
     * @return the value
     */
    public String getMetricsEndpoint() {
      return metricsEndpoint;
    }

    /**
     * Sets: the tenant's engagement-metrics base URL (Delivyr runtime's metrics); the SDK's default
     * when unset.
     *
     * @param metricsEndpoint the value
     */
    public void setMetricsEndpoint(String metricsEndpoint) {
      this.metricsEndpoint = metricsEndpoint;
    }
  }

  /**
   * TextLocal client settings and its connector runtime; the client bean exists when an API key or
   * a username is set.
   */
  public static final class TextLocal extends Client {
    @NestedConfigurationProperty private final TextLocalRuntime runtime = new TextLocalRuntime();

    /** Creates the defaults. */
    public TextLocal() {}

    /**
     * The connector runtime.
     *
     * @return the group
     */
    public TextLocalRuntime getRuntime() {
      return runtime;
    }

    /** TextLocal API key (secret); or username with hash or password. */
    private String apiKey;

    /** TextLocal account username, used with hash or password instead of an API key. */
    private String username;

    /** TextLocal account hash (secret), used with username. */
    private String hash;

    /** TextLocal account password (secret), used with username. */
    private String password;

    /**
     * TextLocal API key (secret); or username with hash or password.
     *
     * @return the value
     */
    public String getApiKey() {
      return apiKey;
    }

    /**
     * Sets: textLocal API key (secret); or username with hash or password.
     *
     * @param apiKey the value
     */
    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    /**
     * TextLocal account username, used with hash or password instead of an API key.
     *
     * @return the value
     */
    public String getUsername() {
      return username;
    }

    /**
     * Sets: textLocal account username, used with hash or password instead of an API key.
     *
     * @param username the value
     */
    public void setUsername(String username) {
      this.username = username;
    }

    /**
     * TextLocal account hash (secret), used with username.
     *
     * @return the value
     */
    public String getHash() {
      return hash;
    }

    /**
     * Sets: textLocal account hash (secret), used with username.
     *
     * @param hash the value
     */
    public void setHash(String hash) {
      this.hash = hash;
    }

    /**
     * TextLocal account password (secret), used with username.
     *
     * @return the value
     */
    public String getPassword() {
      return password;
    }

    /**
     * Sets: textLocal account password (secret), used with username.
     *
     * @param password the value
     */
    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** The TextLocal connector runtime. */
  public static final class TextLocalRuntime {
    /** Creates the defaults. */
    public TextLocalRuntime() {}

    /**
     * Testing mode: nothing is sent while true (the default). Set false explicitly to go LIVE;
     * logged at startup.
     */
    private boolean testingMode = true;

    /**
     * Public base URL of this service, under which the vendors reach the inbound endpoints
     * (absolute http(s) URL; required when testing mode is off).
     */
    private String listenerBaseUrl;

    /**
     * Testing mode: nothing is sent while true (the default). Set false explicitly to go LIVE;
     * logged at startup.
     *
     * @return the value
     */
    public boolean isTestingMode() {
      return testingMode;
    }

    /**
     * Sets: testing mode: nothing is sent while true (the default). Set false explicitly to go
     * LIVE; logged at startup.
     *
     * @param testingMode the value
     */
    public void setTestingMode(boolean testingMode) {
      this.testingMode = testingMode;
    }

    /**
     * Public base URL of this service, under which the vendors reach the inbound endpoints
     * (absolute http(s) URL; required when testing mode is off).
     *
     * @return the value
     */
    public String getListenerBaseUrl() {
      return listenerBaseUrl;
    }

    /**
     * Sets: public base URL of this service, under which the vendors reach the inbound endpoints
     * (absolute http(s) URL; required when testing mode is off).
     *
     * @param listenerBaseUrl the value
     */
    public void setListenerBaseUrl(String listenerBaseUrl) {
      this.listenerBaseUrl = listenerBaseUrl;
    }

    /** The integration's settings (TextLocalIntegrationSettings). */
    @NestedConfigurationProperty
    private final TextLocalIntegration integration = new TextLocalIntegration();

    /**
     * The integration's settings.
     *
     * @return the group
     */
    public TextLocalIntegration getIntegration() {
      return integration;
    }

    /** Optimove channel id assigned to TextLocal; the TextLocal runtime is built when it is set. */
    private Integer channel;

    /**
     * Zone of the Optimove tenant (send times are local), e.g. Europe/London; required with the
     * channel.
     */
    private String tenantZone;

    /**
     * Prefix of this runtime's tables (journal, ledger, ids, claims, outbox, jobs, db-scheduler) in
     * the database.
     */
    private String tablePrefix = "crtl_";

    /**
     * Optimove channel id assigned to TextLocal; the TextLocal runtime is built when it is set.
     *
     * @return the value
     */
    public Integer getChannel() {
      return channel;
    }

    /**
     * Sets: optimove channel id assigned to TextLocal; the TextLocal runtime is built when it is
     * set.
     *
     * @param channel the value
     */
    public void setChannel(Integer channel) {
      this.channel = channel;
    }

    /**
     * Zone of the Optimove tenant (send times are local), e.g. Europe/London; required with the
     * channel.
     *
     * @return the value
     */
    public String getTenantZone() {
      return tenantZone;
    }

    /**
     * Sets: zone of the Optimove tenant (send times are local), e.g. Europe/London; required with
     * the channel.
     *
     * @param tenantZone the value
     */
    public void setTenantZone(String tenantZone) {
      this.tenantZone = tenantZone;
    }

    /**
     * Prefix of this runtime's tables (journal, ledger, ids, claims, outbox, jobs, db-scheduler) in
     * the database.
     *
     * @return the value
     */
    public String getTablePrefix() {
      return tablePrefix;
    }

    /**
     * Sets: prefix of this runtime's tables (journal, ledger, ids, claims, outbox, jobs,
     * db-scheduler) in the database.
     *
     * @param tablePrefix the value
     */
    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }
  }

  /**
   * Delivyr client settings and its channel runtime; the client bean exists when
   * campaignrelay.delivyr.api-key is set.
   */
  public static final class Delivyr extends Client {
    @NestedConfigurationProperty private final DelivyrRuntime runtime = new DelivyrRuntime();

    /** Creates the defaults. */
    public Delivyr() {}

    /**
     * The channel runtime.
     *
     * @return the group
     */
    public DelivyrRuntime getRuntime() {
      return runtime;
    }

    /** Delivyr API key (a secret). */
    private String apiKey;

    /**
     * Delivyr API key (a secret).
     *
     * @return the value
     */
    public String getApiKey() {
      return apiKey;
    }

    /**
     * Sets: delivyr API key (a secret).
     *
     * @param apiKey the value
     */
    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }
  }

  /** The Delivyr channel runtime (Delivyr's webhooks drive it). */
  public static final class DelivyrRuntime {
    /** Creates the defaults. */
    public DelivyrRuntime() {}

    /**
     * Testing mode: nothing is sent while true (the default). Set false explicitly to go LIVE;
     * logged at startup.
     */
    private boolean testingMode = true;

    /**
     * Public base URL of this service, under which the vendors reach the inbound endpoints
     * (absolute http(s) URL; required when testing mode is off). The runtime registers the URL +
     * optimove/events and + delivyr/webhooks, so the endpoint paths must match; unset in testing
     * mode: http://localhost with the events path's base.
     */
    private String listenerBaseUrl;

    /** Path of the Delivyr webhook endpoint. */
    private String webhookPath = "/campaignrelay/delivyr/webhooks";

    /**
     * Testing mode: nothing is sent while true (the default). Set false explicitly to go LIVE;
     * logged at startup.
     *
     * @return the value
     */
    public boolean isTestingMode() {
      return testingMode;
    }

    /**
     * Sets: testing mode: nothing is sent while true (the default). Set false explicitly to go
     * LIVE; logged at startup.
     *
     * @param testingMode the value
     */
    public void setTestingMode(boolean testingMode) {
      this.testingMode = testingMode;
    }

    /**
     * Public base URL of this service, under which the vendors reach the inbound endpoints
     * (absolute http(s) URL; required when testing mode is off). The runtime registers the URL +
     * optimove/events and + delivyr/webhooks, so the endpoint paths must match; unset in testing
     * mode: http://localhost with the events path's base.
     *
     * @return the value
     */
    public String getListenerBaseUrl() {
      return listenerBaseUrl;
    }

    /**
     * Sets: public base URL of this service, under which the vendors reach the inbound endpoints
     * (absolute http(s) URL; required when testing mode is off). The runtime registers the URL +
     * optimove/events and + delivyr/webhooks, so the endpoint paths must match; unset in testing
     * mode: http://localhost with the events path's base.
     *
     * @param listenerBaseUrl the value
     */
    public void setListenerBaseUrl(String listenerBaseUrl) {
      this.listenerBaseUrl = listenerBaseUrl;
    }

    /**
     * Path of the Delivyr webhook endpoint.
     *
     * @return the value
     */
    public String getWebhookPath() {
      return webhookPath;
    }

    /**
     * Sets: path of the Delivyr webhook endpoint.
     *
     * @param webhookPath the value
     */
    public void setWebhookPath(String webhookPath) {
      this.webhookPath = webhookPath;
    }

    /** The integration's settings (OptimoveIntegrationSettings). */
    @NestedConfigurationProperty
    private final DelivyrIntegration integration = new DelivyrIntegration();

    /**
     * The integration's settings.
     *
     * @return the group
     */
    public DelivyrIntegration getIntegration() {
      return integration;
    }

    /** Delivyr's webhook signing secret (a secret); the Delivyr runtime is built when it is set. */
    private String webhookSecret;

    /** Token the Optimove listener URL carries as ?token= (a secret); none when unset. */
    private String listenerToken;

    /**
     * Zone of Optimove's wall-clock send times and of the daily template sync, e.g. Europe/London
     * (Optimove's zone is INFERRED tenant-local).
     */
    private String tenantZone = "UTC";

    /**
     * Prefix of this runtime's tables (journal, ledger, ids, claims, outbox, jobs, db-scheduler) in
     * the database.
     */
    private String tablePrefix = "crdl_";

    /**
     * Installs the integration at startup (settings put on Delivyr, Optimove's listeners
     * registered, templates synced); off by default.
     */
    private boolean installOnStart = false;

    /**
     * Delivyr's webhook signing secret (a secret); the Delivyr runtime is built when it is set.
     *
     * @return the value
     */
    public String getWebhookSecret() {
      return webhookSecret;
    }

    /**
     * Sets: delivyr's webhook signing secret (a secret); the Delivyr runtime is built when it is
     * set.
     *
     * @param webhookSecret the value
     */
    public void setWebhookSecret(String webhookSecret) {
      this.webhookSecret = webhookSecret;
    }

    /**
     * Token the Optimove listener URL carries as ?token= (a secret); none when unset.
     *
     * @return the value
     */
    public String getListenerToken() {
      return listenerToken;
    }

    /**
     * Sets: token the Optimove listener URL carries as ?token= (a secret); none when unset.
     *
     * @param listenerToken the value
     */
    public void setListenerToken(String listenerToken) {
      this.listenerToken = listenerToken;
    }

    /**
     * Zone of Optimove's wall-clock send times and of the daily template sync, e.g. Europe/London
     * (Optimove's zone is INFERRED tenant-local).
     *
     * @return the value
     */
    public String getTenantZone() {
      return tenantZone;
    }

    /**
     * Sets: zone of Optimove's wall-clock send times and of the daily template sync, e.g.
     * Europe/London (Optimove's zone is INFERRED tenant-local).
     *
     * @param tenantZone the value
     */
    public void setTenantZone(String tenantZone) {
      this.tenantZone = tenantZone;
    }

    /**
     * Prefix of this runtime's tables (journal, ledger, ids, claims, outbox, jobs, db-scheduler) in
     * the database.
     *
     * @return the value
     */
    public String getTablePrefix() {
      return tablePrefix;
    }

    /**
     * Sets: prefix of this runtime's tables (journal, ledger, ids, claims, outbox, jobs,
     * db-scheduler) in the database.
     *
     * @param tablePrefix the value
     */
    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    /**
     * Installs the integration at startup (settings put on Delivyr, Optimove's listeners
     * registered, templates synced); off by default.
     *
     * @return the value
     */
    public boolean isInstallOnStart() {
      return installOnStart;
    }

    /**
     * Sets: installs the integration at startup (settings put on Delivyr, Optimove's listeners
     * registered, templates synced); off by default.
     *
     * @param installOnStart the value
     */
    public void setInstallOnStart(boolean installOnStart) {
      this.installOnStart = installOnStart;
    }
  }

  /** Where the runtimes keep their state (journal, ledger, processed ids, jobs). */
  public static final class State {
    /** Creates the defaults. */
    public State() {}

    /**
     * Where the runtime state lives: 'jdbc' (the application's DataSource, else an H2 file) or
     * 'file'.
     */
    private String store = "jdbc";

    /**
     * Directory of the H2 file (store=jdbc without a DataSource) or of the state files
     * (store=file).
     */
    private String directory = "campaign-relay-state";

    /**
     * Where the runtime state lives: 'jdbc' (the application's DataSource, else an H2 file) or
     * 'file'.
     *
     * @return the value
     */
    public String getStore() {
      return store;
    }

    /**
     * Sets: where the runtime state lives: 'jdbc' (the application's DataSource, else an H2 file)
     * or 'file'.
     *
     * @param store the value
     */
    public void setStore(String store) {
      this.store = store;
    }

    /**
     * Directory of the H2 file (store=jdbc without a DataSource) or of the state files
     * (store=file).
     *
     * @return the value
     */
    public String getDirectory() {
      return directory;
    }

    /**
     * Sets: directory of the H2 file (store=jdbc without a DataSource) or of the state files
     * (store=file).
     *
     * @param directory the value
     */
    public void setDirectory(String directory) {
      this.directory = directory;
    }
  }

  /** The embedded scheduler (core's ClockScheduler, polling). */
  public static final class Scheduler {
    /** Creates the defaults. */
    public Scheduler() {}

    /** How often the embedded scheduler looks for due jobs. */
    private Duration pollInterval = Duration.ofSeconds(5);

    /**
     * How often the embedded scheduler looks for due jobs.
     *
     * @return the value
     */
    public Duration getPollInterval() {
      return pollInterval;
    }

    /**
     * Sets: how often the embedded scheduler looks for due jobs.
     *
     * @param pollInterval the value
     */
    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    /**
     * Nothing polls: the host (or a test) runs due jobs by calling runDue() on each runtime's
     * DbScheduler bean (campaignRelayDelivyrScheduler, campaignRelayTextLocalScheduler); off by
     * default.
     */
    private boolean drivenByCaller = false;

    /**
     * Nothing polls: the host (or a test) runs due jobs by calling runDue() on each runtime's
     * DbScheduler bean (campaignRelayDelivyrScheduler, campaignRelayTextLocalScheduler); off by
     * default.
     *
     * @return the value
     */
    public boolean isDrivenByCaller() {
      return drivenByCaller;
    }

    /**
     * Sets: nothing polls: the host (or a test) runs due jobs by calling runDue() on each runtime's
     * DbScheduler bean (campaignRelayDelivyrScheduler, campaignRelayTextLocalScheduler); off by
     * default.
     *
     * @param drivenByCaller the value
     */
    public void setDrivenByCaller(boolean drivenByCaller) {
      this.drivenByCaller = drivenByCaller;
    }
  }

  /** Limits of the inbound endpoints. */
  public static final class Inbound {
    /** Creates the defaults. */
    public Inbound() {}

    /**
     * Path of the Optimove event-listener endpoint (the Delivyr runtime's handler, or a host's
     * handler bean).
     */
    private String optimoveEventsPath = "/campaignrelay/optimove/events";

    /** Largest inbound request body accepted, in bytes; a larger one is refused with 413. */
    private Integer maxBodyBytes = 1_048_576;

    /**
     * Path of the Optimove event-listener endpoint (the Delivyr runtime's handler, or a host's
     * handler bean).
     *
     * @return the value
     */
    public String getOptimoveEventsPath() {
      return optimoveEventsPath;
    }

    /**
     * Sets: path of the Optimove event-listener endpoint (the Delivyr runtime's handler, or a
     * host's handler bean).
     *
     * @param optimoveEventsPath the value
     */
    public void setOptimoveEventsPath(String optimoveEventsPath) {
      this.optimoveEventsPath = optimoveEventsPath;
    }

    /**
     * Largest inbound request body accepted, in bytes; a larger one is refused with 413.
     *
     * @return the value
     */
    public Integer getMaxBodyBytes() {
      return maxBodyBytes;
    }

    /**
     * Sets: largest inbound request body accepted, in bytes; a larger one is refused with 413.
     *
     * @param maxBodyBytes the value
     */
    public void setMaxBodyBytes(Integer maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
    }
  }

  /**
   * The runtimes' send caps (an SMS-pumping bound), kept in the database so that they hold across
   * instances: triggers and scheduled campaigns count against them; a recipient beyond a cap is not
   * sent, is reported Dropped and counted. Choose them for the largest campaign you send.
   */
  public static final class SendCaps {
    /** Creates the defaults. */
    public SendCaps() {}

    /** Messages allowed to one destination number per UTC day. */
    private long perDestinationPerDay = 5;

    /** Messages allowed to one destination country per clock hour. */
    private long perCountryPerHour = 1_000;

    /** Messages allowed to one campaign. */
    private long perCampaign = 100_000;

    /**
     * Messages allowed to one destination number per UTC day.
     *
     * @return the value
     */
    public long getPerDestinationPerDay() {
      return perDestinationPerDay;
    }

    /**
     * Sets: messages allowed to one destination number per UTC day.
     *
     * @param perDestinationPerDay the value, at least 1
     */
    public void setPerDestinationPerDay(long perDestinationPerDay) {
      this.perDestinationPerDay = perDestinationPerDay;
    }

    /**
     * Messages allowed to one destination country per clock hour.
     *
     * @return the value
     */
    public long getPerCountryPerHour() {
      return perCountryPerHour;
    }

    /**
     * Sets: messages allowed to one destination country per clock hour.
     *
     * @param perCountryPerHour the value, at least 1
     */
    public void setPerCountryPerHour(long perCountryPerHour) {
      this.perCountryPerHour = perCountryPerHour;
    }

    /**
     * Messages allowed to one campaign.
     *
     * @return the value
     */
    public long getPerCampaign() {
      return perCampaign;
    }

    /**
     * Sets: messages allowed to one campaign.
     *
     * @param perCampaign the value, at least 1
     */
    public void setPerCampaign(long perCampaign) {
      this.perCampaign = perCampaign;
    }
  }

  /** The per-vendor health checks. */
  public static final class Health {
    /** Creates the defaults. */
    public Health() {}

    /**
     * Time a vendor's health check (one read-only call) may take before the vendor is reported
     * DOWN.
     */
    private Duration timeout = Duration.ofSeconds(5);

    /**
     * Time a vendor's health check (one read-only call) may take before the vendor is reported
     * DOWN.
     *
     * @return the value
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets: time a vendor's health check (one read-only call) may take before the vendor is
     * reported DOWN.
     *
     * @param timeout the value
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** The Delivyr integration's settings, as OptimoveIntegrationSettings has them. */
  public static final class DelivyrIntegration {
    /** Creates the defaults. */
    public DelivyrIntegration() {}

    /**
     * Optimove API endpoint the integration is installed with; campaignrelay.optimove.endpoint when
     * unset.
     */
    private String apiEndpoint;

    /**
     * Optimove API key of access type Integrations (a secret); campaignrelay.optimove.api-key when
     * unset.
     */
    private String apiKey;

    /** Access type chosen when the Optimove key was generated; must be integrations. */
    private String apiKeyAccessType = "integrations";

    /** Selected customer attributes, the phone number first. */
    private List<String> customerAttributes = new ArrayList<>();

    /** The attribute holding the phone number (default: the first selected). */
    private String phoneNumberAttribute;

    /** Attributes a triggered event's payload overrides: attribute name to payload path. */
    private Map<String, String> triggeredOverrides = new LinkedHashMap<>();

    /** Optimove tenant id (engagement metrics). */
    private String tenantId;

    /** Optimove tenant token (a secret; engagement metrics). */
    private String tenantToken;

    /** Default URL of templates older than the integration. */
    private String defaultUrl;

    /**
     * Optimove API endpoint the integration is installed with; campaignrelay.optimove.endpoint when
     * unset.
     *
     * @return the value
     */
    public String getApiEndpoint() {
      return apiEndpoint;
    }

    /**
     * Sets: optimove API endpoint the integration is installed with;
     * campaignrelay.optimove.endpoint when unset.
     *
     * @param apiEndpoint the value
     */
    public void setApiEndpoint(String apiEndpoint) {
      this.apiEndpoint = apiEndpoint;
    }

    /**
     * Optimove API key of access type Integrations (a secret); campaignrelay.optimove.api-key when
     * unset.
     *
     * @return the value
     */
    public String getApiKey() {
      return apiKey;
    }

    /**
     * Sets: optimove API key of access type Integrations (a secret); campaignrelay.optimove.api-key
     * when unset.
     *
     * @param apiKey the value
     */
    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    /**
     * Access type chosen when the Optimove key was generated; must be integrations.
     *
     * @return the value
     */
    public String getApiKeyAccessType() {
      return apiKeyAccessType;
    }

    /**
     * Sets: access type chosen when the Optimove key was generated; must be integrations.
     *
     * @param apiKeyAccessType the value
     */
    public void setApiKeyAccessType(String apiKeyAccessType) {
      this.apiKeyAccessType = apiKeyAccessType;
    }

    /**
     * Selected customer attributes, the phone number first.
     *
     * @return the value
     */
    public List<String> getCustomerAttributes() {
      return customerAttributes;
    }

    /**
     * Sets: selected customer attributes, the phone number first.
     *
     * @param customerAttributes the value
     */
    public void setCustomerAttributes(List<String> customerAttributes) {
      this.customerAttributes = customerAttributes;
    }

    /**
     * The attribute holding the phone number (default: the first selected).
     *
     * @return the value
     */
    public String getPhoneNumberAttribute() {
      return phoneNumberAttribute;
    }

    /**
     * Sets: the attribute holding the phone number (default: the first selected).
     *
     * @param phoneNumberAttribute the value
     */
    public void setPhoneNumberAttribute(String phoneNumberAttribute) {
      this.phoneNumberAttribute = phoneNumberAttribute;
    }

    /**
     * Attributes a triggered event's payload overrides: attribute name to payload path.
     *
     * @return the value
     */
    public Map<String, String> getTriggeredOverrides() {
      return triggeredOverrides;
    }

    /**
     * Sets: attributes a triggered event's payload overrides: attribute name to payload path.
     *
     * @param triggeredOverrides the value
     */
    public void setTriggeredOverrides(Map<String, String> triggeredOverrides) {
      this.triggeredOverrides = triggeredOverrides;
    }

    /**
     * Optimove tenant id (engagement metrics).
     *
     * @return the value
     */
    public String getTenantId() {
      return tenantId;
    }

    /**
     * Sets: optimove tenant id (engagement metrics).
     *
     * @param tenantId the value
     */
    public void setTenantId(String tenantId) {
      this.tenantId = tenantId;
    }

    /**
     * Optimove tenant token (a secret; engagement metrics).
     *
     * @return the value
     */
    public String getTenantToken() {
      return tenantToken;
    }

    /**
     * Sets: optimove tenant token (a secret; engagement metrics).
     *
     * @param tenantToken the value
     */
    public void setTenantToken(String tenantToken) {
      this.tenantToken = tenantToken;
    }

    /**
     * Default URL of templates older than the integration.
     *
     * @return the value
     */
    public String getDefaultUrl() {
      return defaultUrl;
    }

    /**
     * Sets: default URL of templates older than the integration.
     *
     * @param defaultUrl the value
     */
    public void setDefaultUrl(String defaultUrl) {
      this.defaultUrl = defaultUrl;
    }
  }

  /** The TextLocal integration's settings, as TextLocalIntegrationSettings has them. */
  public static final class TextLocalIntegration {
    /** Creates the defaults. */
    public TextLocalIntegration() {}

    /**
     * TextLocal API key given to the integration (a secret); campaignrelay.textlocal.api-key when
     * unset.
     */
    private String apiKey;

    /** TextLocal username; campaignrelay.textlocal.username when unset. */
    private String username;

    /** TextLocal password (a secret); campaignrelay.textlocal.password when unset. */
    private String password;

    /** TextLocal's API login URL of the account. */
    private String apiLoginUrl;

    /** ID of the main contact group. */
    private String contactGroupId;

    /** Name of the main contact group. */
    private String contactGroupName;

    /** Template prefix of the main contact group (none when unset). */
    private String contactGroupPrefix;

    /** Which TextLocal custom field holds the CustomerID: CUSTOM1, CUSTOM2 or CUSTOM3. */
    private String keyField;

    /** Sender name (1 to 11 characters, or 13 digits); the account's default when unset. */
    private String senderName;

    /** Further contact groups: group id to template prefix. */
    private Map<String, String> groups = new LinkedHashMap<>();

    /**
     * TextLocal API key given to the integration (a secret); campaignrelay.textlocal.api-key when
     * unset.
     *
     * @return the value
     */
    public String getApiKey() {
      return apiKey;
    }

    /**
     * Sets: textLocal API key given to the integration (a secret); campaignrelay.textlocal.api-key
     * when unset.
     *
     * @param apiKey the value
     */
    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    /**
     * TextLocal username; campaignrelay.textlocal.username when unset.
     *
     * @return the value
     */
    public String getUsername() {
      return username;
    }

    /**
     * Sets: textLocal username; campaignrelay.textlocal.username when unset.
     *
     * @param username the value
     */
    public void setUsername(String username) {
      this.username = username;
    }

    /**
     * TextLocal password (a secret); campaignrelay.textlocal.password when unset.
     *
     * @return the value
     */
    public String getPassword() {
      return password;
    }

    /**
     * Sets: textLocal password (a secret); campaignrelay.textlocal.password when unset.
     *
     * @param password the value
     */
    public void setPassword(String password) {
      this.password = password;
    }

    /**
     * TextLocal's API login URL of the account.
     *
     * @return the value
     */
    public String getApiLoginUrl() {
      return apiLoginUrl;
    }

    /**
     * Sets: textLocal's API login URL of the account.
     *
     * @param apiLoginUrl the value
     */
    public void setApiLoginUrl(String apiLoginUrl) {
      this.apiLoginUrl = apiLoginUrl;
    }

    /**
     * ID of the main contact group.
     *
     * @return the value
     */
    public String getContactGroupId() {
      return contactGroupId;
    }

    /**
     * Sets: iD of the main contact group.
     *
     * @param contactGroupId the value
     */
    public void setContactGroupId(String contactGroupId) {
      this.contactGroupId = contactGroupId;
    }

    /**
     * Name of the main contact group.
     *
     * @return the value
     */
    public String getContactGroupName() {
      return contactGroupName;
    }

    /**
     * Sets: name of the main contact group.
     *
     * @param contactGroupName the value
     */
    public void setContactGroupName(String contactGroupName) {
      this.contactGroupName = contactGroupName;
    }

    /**
     * Template prefix of the main contact group (none when unset).
     *
     * @return the value
     */
    public String getContactGroupPrefix() {
      return contactGroupPrefix;
    }

    /**
     * Sets: template prefix of the main contact group (none when unset).
     *
     * @param contactGroupPrefix the value
     */
    public void setContactGroupPrefix(String contactGroupPrefix) {
      this.contactGroupPrefix = contactGroupPrefix;
    }

    /**
     * Which TextLocal custom field holds the CustomerID: CUSTOM1, CUSTOM2 or CUSTOM3.
     *
     * @return the value
     */
    public String getKeyField() {
      return keyField;
    }

    /**
     * Sets: which TextLocal custom field holds the CustomerID: CUSTOM1, CUSTOM2 or CUSTOM3.
     *
     * @param keyField the value
     */
    public void setKeyField(String keyField) {
      this.keyField = keyField;
    }

    /**
     * Sender name (1 to 11 characters, or 13 digits); the account's default when unset.
     *
     * @return the value
     */
    public String getSenderName() {
      return senderName;
    }

    /**
     * Sets: sender name (1 to 11 characters, or 13 digits); the account's default when unset.
     *
     * @param senderName the value
     */
    public void setSenderName(String senderName) {
      this.senderName = senderName;
    }

    /**
     * Further contact groups: group id to template prefix.
     *
     * @return the value
     */
    public Map<String, String> getGroups() {
      return groups;
    }

    /**
     * Sets: further contact groups: group id to template prefix.
     *
     * @param groups the value
     */
    public void setGroups(Map<String, String> groups) {
      this.groups = groups;
    }
  }
}
