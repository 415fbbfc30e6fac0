package io.campaignrelay.spring;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.execution.ExecutionJournal;
import io.campaignrelay.core.execution.FileExecutionJournal;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.RetryOptions;
import io.campaignrelay.core.runtime.CampaignClaims;
import io.campaignrelay.core.runtime.CampaignLedger;
import io.campaignrelay.core.runtime.ClockScheduler;
import io.campaignrelay.core.runtime.FileCampaignLedger;
import io.campaignrelay.core.runtime.FileJobStore;
import io.campaignrelay.core.runtime.FileProcessedIds;
import io.campaignrelay.core.runtime.JobListener;
import io.campaignrelay.core.runtime.ProcessedIds;
import io.campaignrelay.core.runtime.Scheduler;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.jdbc.JdbcStore;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalCredential;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Campaign Relay's core auto-configuration: checks the {@code campaignrelay.*} properties (every
 * problem at once, see {@link CampaignRelayFailureAnalyzer}), builds each client whose credentials
 * are set, the runtime state (sdk-jdbc on the application's DataSource, else an H2 file: journal,
 * ledger, processed ids, claims and a db-scheduler {@code DbScheduler}; or files and core's {@link
 * ClockScheduler} with {@code store=file}). Every bean backs off when the host defines its own.
 * Logs a warning at startup for each runtime whose testing mode is off (LIVE); nothing is sent
 * while it is on.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@EnableConfigurationProperties(CampaignRelayProperties.class)
public class CampaignRelayAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignRelayAutoConfiguration.class);

  /**
   * Logs each runtime's testing mode (the properties were checked when bound).
   *
   * @param properties the bound properties
   */
  public CampaignRelayAutoConfiguration(CampaignRelayProperties properties) {
    logMode("textlocal", properties.getTextlocal().getRuntime().isTestingMode());
    logMode("delivyr", properties.getDelivyr().getRuntime().isTestingMode());
  }

  private static void logMode(String vendor, boolean testing) {
    if (testing) {
      LOG.info("campaignrelay.{}.runtime.testing-mode=true: nothing will be sent", vendor);
    } else {
      LOG.warn(
          "campaignrelay.{}.runtime.testing-mode=false: the {} runtime is LIVE and sends real"
              + " messages",
          vendor,
          vendor);
    }
  }

  static boolean textLocalConfigured(CampaignRelayProperties.TextLocal t) {
    return t.getApiKey() != null
        || t.getUsername() != null
        || t.getHash() != null
        || t.getPassword() != null;
  }

  static ClientOptions clientOptions(
      String vendor,
      Duration connect,
      Duration read,
      Duration call,
      Integer maxRetries,
      List<CampaignRelayHttpCustomizer> customizers) {
    OkHttpClient.Builder http = new OkHttpClient.Builder();
    customizers.forEach(c -> c.customize(vendor, http));
    RetryOptions retry =
        maxRetries == null
            ? RetryOptions.defaults()
            : RetryOptions.defaults().toBuilder().maxRetries(maxRetries).build();
    return ClientOptions.builder()
        .connectTimeout(connect)
        .readTimeout(read)
        .callTimeout(call)
        .retryOptions(retry)
        .httpClient(http.build())
        .build();
  }

  /** The Optimove client, when {@code campaignrelay.optimove.api-key} is set. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(OptimoveClient.class)
  @ConditionalOnProperty(prefix = "campaignrelay.optimove", name = "api-key")
  static class OptimoveConfiguration {
    @Bean
    @ConditionalOnMissingBean
    OptimoveClient optimoveClient(
        CampaignRelayProperties properties,
        ObjectProvider<CampaignRelayHttpCustomizer> customizers) {
      CampaignRelayProperties.Optimove o = properties.getOptimove();
      return OptimoveClient.builder()
          .endpoint(o.getEndpoint().trim())
          .credential(Secret.of(o.getApiKey()))
          .clientOptions(
              clientOptions(
                  "optimove",
                  o.getConnectTimeout(),
                  o.getReadTimeout(),
                  o.getCallTimeout(),
                  o.getMaxRetries(),
                  customizers.orderedStream().toList()))
          .buildClient();
    }
  }

  /** The TextLocal client, when an API key or a username is set. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(TextLocalClient.class)
  @Conditional(VendorPropertiesCondition.TextLocal.class)
  static class TextLocalConfiguration {
    @Bean
    @ConditionalOnMissingBean
    TextLocalClient textLocalClient(
        CampaignRelayProperties properties,
        ObjectProvider<CampaignRelayHttpCustomizer> customizers) {
      CampaignRelayProperties.TextLocal t = properties.getTextlocal();
      TextLocalCredential credential =
          t.getApiKey() != null
              ? TextLocalCredential.apiKey(Secret.of(t.getApiKey()))
              : t.getHash() != null
                  ? TextLocalCredential.usernameAndHash(t.getUsername(), Secret.of(t.getHash()))
                  : TextLocalCredential.usernameAndPassword(
                      t.getUsername(), Secret.of(t.getPassword()));
      TextLocalClient.Builder b =
          TextLocalClient.builder()
              .credential(credential)
              .testMode(t.getRuntime().isTestingMode())
              .clientOptions(
                  clientOptions(
                      "textlocal",
                      t.getConnectTimeout(),
                      t.getReadTimeout(),
                      t.getCallTimeout(),
                      t.getMaxRetries(),
                      customizers.orderedStream().toList()));
      if (t.getEndpoint() != null) {
        b.endpoint(t.getEndpoint().trim());
      }
      return b.buildClient();
    }
  }

  /** The Delivyr client, when {@code campaignrelay.delivyr.api-key} is set. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DelivyrClient.class)
  @ConditionalOnProperty(prefix = "campaignrelay.delivyr", name = "api-key")
  static class DelivyrConfiguration {
    @Bean
    @ConditionalOnMissingBean
    DelivyrClient delivyrClient(
        CampaignRelayProperties properties,
        ObjectProvider<CampaignRelayHttpCustomizer> customizers) {
      CampaignRelayProperties.Delivyr d = properties.getDelivyr();
      DelivyrClient.Builder b =
          DelivyrClient.builder()
              .credential(Secret.of(d.getApiKey()))
              .clientOptions(
                  clientOptions(
                      "delivyr",
                      d.getConnectTimeout(),
                      d.getReadTimeout(),
                      d.getCallTimeout(),
                      d.getMaxRetries(),
                      customizers.orderedStream().toList()));
      if (d.getEndpoint() != null) {
        b.endpoint(d.getEndpoint().trim());
      }
      return b.buildClient();
    }
  }

  /**
   * State in a database through sdk-jdbc: the application's DataSource when it has exactly one,
   * else an H2 file under {@code campaignrelay.state.directory}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(JdbcStore.class)
  @ConditionalOnProperty(
      prefix = "campaignrelay.state",
      name = "store",
      havingValue = "jdbc",
      matchIfMissing = true)
  static class JdbcStateConfiguration {
    @Bean
    @ConditionalOnMissingBean
    JdbcStore campaignRelayJdbcStore(
        CampaignRelayProperties properties, ObjectProvider<DataSource> dataSource) {
      DataSource ds = dataSource.getIfUnique();
      if (ds != null) {
        LOG.info("Campaign Relay state: the application's DataSource (sdk-jdbc)");
        return JdbcStore.builder().dataSource(ds).build();
      }
      Path file = Path.of(properties.getState().getDirectory(), "campaign-relay");
      LOG.info("Campaign Relay state: H2 file {}", file.toAbsolutePath());
      return JdbcStore.h2(file);
    }

    @Bean
    @ConditionalOnMissingBean
    ExecutionJournal campaignRelayExecutionJournal(JdbcStore store) {
      return store.executionJournal();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "campaignRelayApplicationState")
    RuntimeState campaignRelayApplicationState(
        CampaignRelayProperties properties,
        JdbcStore store,
        ObjectProvider<JobListener> listeners) {
      return RuntimeState.on(
          "application",
          store,
          properties.getScheduler().getPollInterval(),
          properties.getScheduler().isDrivenByCaller(),
          CampaignRelayRuntimeAutoConfiguration.instanceName("application"),
          JobListeners.of(listeners.orderedStream().toList()));
    }

    @Bean
    @ConditionalOnMissingBean
    CampaignLedger campaignRelayLedger(
        @Qualifier("campaignRelayApplicationState") RuntimeState state) {
      return state.ledger();
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedIds campaignRelayProcessedIds(
        @Qualifier("campaignRelayApplicationState") RuntimeState state) {
      return state.processedIds();
    }

    @Bean
    @ConditionalOnMissingBean
    CampaignClaims campaignRelayClaims(
        @Qualifier("campaignRelayApplicationState") RuntimeState state) {
      return state.claims();
    }

    @Bean
    @ConditionalOnMissingBean(Scheduler.class)
    Scheduler campaignRelayScheduler(
        @Qualifier("campaignRelayApplicationState") RuntimeState state) {
      return state.scheduler();
    }
  }

  /** State in files under {@code campaignrelay.state.directory} ({@code store=file}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "campaignrelay.state", name = "store", havingValue = "file")
  static class FileStateConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ExecutionJournal campaignRelayExecutionJournal(CampaignRelayProperties properties) {
      return FileExecutionJournal.open(dir(properties).resolve("journal"));
    }
  }

  static Path dir(CampaignRelayProperties properties) {
    return Path.of(properties.getState().getDirectory());
  }

  /**
   * With {@code store=file} (no sdk-jdbc state): the campaign ledger and processed ids in files
   * under the state directory, and core's polling {@link ClockScheduler} on a file job store. With
   * sdk-jdbc these back off: the application's store provides them and a db-scheduler {@code
   * DbScheduler}.
   */
  @Configuration(proxyBeanMethods = false)
  static class RuntimeStateConfiguration {
    @Bean
    @ConditionalOnMissingBean
    CampaignLedger campaignRelayLedger(CampaignRelayProperties properties) {
      return FileCampaignLedger.open(dir(properties).resolve("ledger"));
    }

    @Bean
    @ConditionalOnMissingBean
    ProcessedIds campaignRelayProcessedIds(CampaignRelayProperties properties) {
      return FileProcessedIds.open(dir(properties).resolve("processed-ids"), Clock.systemUTC());
    }

    @Bean(destroyMethod = "shutdownNow")
    @ConditionalOnMissingBean(name = "campaignRelaySchedulerExecutor")
    ScheduledExecutorService campaignRelaySchedulerExecutor() {
      return Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "campaignrelay-scheduler");
            t.setDaemon(true);
            return t;
          });
    }

    @Bean
    @ConditionalOnMissingBean(Scheduler.class)
    ClockScheduler campaignRelayScheduler(
        CampaignRelayProperties properties,
        ObjectProvider<JobListener> listeners,
        ScheduledExecutorService campaignRelaySchedulerExecutor) {
      List<JobListener> all = listeners.orderedStream().toList();
      ClockScheduler scheduler =
          ClockScheduler.builder()
              .clock(Clock.systemUTC())
              .jobStore(FileJobStore.open(dir(properties).resolve("jobs")))
              .listener(JobListeners.of(all))
              .build();
      scheduler.start(campaignRelaySchedulerExecutor, properties.getScheduler().getPollInterval());
      return scheduler;
    }
  }
}
