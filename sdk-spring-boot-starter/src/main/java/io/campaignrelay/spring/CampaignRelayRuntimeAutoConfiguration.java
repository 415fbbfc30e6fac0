package io.campaignrelay.spring;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.runtime.JobListener;
import io.campaignrelay.delivyr.DelivyrClient;
import io.campaignrelay.delivyr.DelivyrMetrics;
import io.campaignrelay.delivyr.DelivyrRuntime;
import io.campaignrelay.jdbc.DbScheduler;
import io.campaignrelay.jdbc.JdbcStore;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveMetricsSink;
import io.campaignrelay.textlocal.TextLocalClient;
import io.campaignrelay.textlocal.TextLocalRuntime;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the channel runtimes from the properties, each unless the host defines its own:
 *
 * <ul>
 *   <li>{@link DelivyrRuntime} when {@code campaignrelay.delivyr.runtime.webhook-secret} is set
 *       (with the Optimove and Delivyr clients): the integration's settings from {@code
 *       campaignrelay.delivyr.runtime.integration.*}, its webhook secret, listener token and base
 *       URL, its engagement metrics through an {@link OptimoveMetricsSink} on a database outbox;
 *       its two inbound handlers are then mapped onto the MVC endpoints by {@link
 *       CampaignRelayRuntimeHandlersAutoConfiguration};
 *   <li>{@link TextLocalRuntime} when {@code campaignrelay.textlocal.runtime.channel} is set (with
 *       the Optimove and TextLocal clients): {@code campaignrelay.textlocal.runtime.integration.*},
 *       the channel and the tenant zone.
 * </ul>
 *
 * Each runtime's send caps ({@code campaignrelay.send-caps.*}) and rotated listener token are kept
 * in the database too, so that they hold across every instance on it.
 *
 * <p>Each runtime keeps its state through sdk-jdbc on the application's store ({@link JdbcStore}:
 * the application's DataSource, else an H2 file) under its own table prefix, and runs its jobs on a
 * db-scheduler {@code DbScheduler} started with the application and stopped with it. Testing mode
 * is on unless {@code campaignrelay.<vendor>.runtime.testing-mode=false} (logged at WARN): while
 * on, nothing is sent. The Delivyr integration is installed at startup only with {@code
 * campaignrelay.delivyr.runtime.install-on-start=true}.
 */
@AutoConfiguration(
    after = CampaignRelayAutoConfiguration.class,
    before = CampaignRelayRuntimeHandlersAutoConfiguration.class)
@ConditionalOnClass(JdbcStore.class)
public class CampaignRelayRuntimeAutoConfiguration {
  private static final Logger LOG =
      LoggerFactory.getLogger(CampaignRelayRuntimeAutoConfiguration.class);

  /** Created by Spring. */
  public CampaignRelayRuntimeAutoConfiguration() {}

  static String instanceName(String vendor) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      host = "host";
    }
    return vendor + "@" + host + "-" + ProcessHandle.current().pid();
  }

  static JobListener jobListener(ObjectProvider<JobListener> listeners) {
    return JobListeners.of(listeners.orderedStream().toList());
  }

  /** A runtime's state on the store under its own table prefix, announced to the listeners. */
  static RuntimeState openState(
      String vendor,
      String tablePrefix,
      CampaignRelayProperties properties,
      JdbcStore store,
      ObjectProvider<JobListener> listeners,
      ObjectProvider<CampaignRelayStateListener> stateListeners) {
    RuntimeState state =
        RuntimeState.open(
            vendor,
            store,
            tablePrefix,
            properties.getScheduler().getPollInterval(),
            properties.getScheduler().isDrivenByCaller(),
            instanceName(vendor),
            jobListener(listeners),
            properties.getSendCaps());
    stateListeners.orderedStream().forEach(l -> l.onOutbox(vendor, state.outbox()));
    return state;
  }

  /** The Delivyr channel runtime. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({DelivyrRuntime.class, OptimoveMetricsSink.class})
  @ConditionalOnProperty(prefix = "campaignrelay.delivyr.runtime", name = "webhook-secret")
  @ConditionalOnBean({JdbcStore.class, DelivyrClient.class, OptimoveClient.class})
  static class DelivyrRuntimeConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "campaignRelayDelivyrState")
    RuntimeState campaignRelayDelivyrState(
        CampaignRelayProperties properties,
        JdbcStore store,
        ObjectProvider<JobListener> listeners,
        ObjectProvider<CampaignRelayStateListener> stateListeners) {
      return openState(
          "delivyr",
          properties.getDelivyr().getRuntime().getTablePrefix(),
          properties,
          store,
          listeners,
          stateListeners);
    }

    /** The runtime's db-scheduler, by name only (closed with its state). */
    @Bean(name = "campaignRelayDelivyrScheduler", destroyMethod = "", autowireCandidate = false)
    DbScheduler campaignRelayDelivyrScheduler(
        @Qualifier("campaignRelayDelivyrState") RuntimeState state) {
      return state.dbScheduler();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DelivyrRuntime delivyrRuntime(
        CampaignRelayProperties properties,
        DelivyrClient delivyr,
        OptimoveClient optimove,
        @Qualifier("campaignRelayDelivyrState") RuntimeState campaignRelayDelivyrState,
        ObjectProvider<CampaignRelayHttpCustomizer> customizers,
        @Qualifier("campaignRelayDelivyrExecutionListener")
            ObjectProvider<ExecutionListener> executionListener) {
      CampaignRelayProperties.DelivyrRuntime r = properties.getDelivyr().getRuntime();
      CampaignRelayProperties.Optimove o = properties.getOptimove();
      RuntimeState state = campaignRelayDelivyrState;
      EngagementMetricsClient.Builder engagement =
          EngagementMetricsClient.builder()
              .tenantId(r.getIntegration().getTenantId())
              .credential(Secret.of(r.getIntegration().getTenantToken()))
              .clientOptions(
                  CampaignRelayAutoConfiguration.clientOptions(
                      "optimove-metrics",
                      o.getConnectTimeout(),
                      o.getReadTimeout(),
                      o.getCallTimeout(),
                      o.getMaxRetries(),
                      customizers.orderedStream().toList()));
      if (o.getMetricsEndpoint() != null) {
        engagement.endpoint(o.getMetricsEndpoint().trim());
      }
      OptimoveMetricsSink sink =
          OptimoveMetricsSink.builder()
              .engagementClient(engagement.buildClient())
              .mapping(DelivyrMetrics.mapping())
              .outbox(state.outbox())
              .bufferSize(10_000)
              .build();
      DelivyrRuntime.Builder b =
          DelivyrRuntime.builder()
              .settings(RuntimeSettings.delivyr(properties))
              .delivyr(delivyr)
              .optimove(optimove)
              .metricsSink(sink)
              .webhookSecret(Secret.of(r.getWebhookSecret()))
              .listenerBaseUrl(CampaignRelaySettingsCheck.delivyrListenerBaseUrl(properties))
              .scheduler(state.scheduler())
              .ledger(state.ledger())
              .processedIds(state.processedIds())
              .journal(state.journal())
              .claims(state.claims())
              .sendCaps(state.sendCaps())
              .scheduledSendCaps(state.scheduledSendCaps())
              .listenerTokens(state.listenerTokens())
              .owner(instanceName("delivyr"))
              .executionListener(executionListener.getIfAvailable(() -> ExecutionListener.NONE))
              .tenantZone(ZoneId.of(r.getTenantZone().trim()))
              .maxBodyBytes(Math.min(10 * 1024 * 1024, properties.getInbound().getMaxBodyBytes()));
      if (r.getListenerToken() != null) {
        b.listenerToken(Secret.of(r.getListenerToken()));
      }
      DelivyrRuntime runtime = b.build();
      if (r.isInstallOnStart()) {
        LOG.info("Campaign Relay delivyr runtime: installing the integration");
        runtime.install();
      }
      return runtime;
    }
  }

  /** The TextLocal connector runtime. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(TextLocalRuntime.class)
  @ConditionalOnProperty(prefix = "campaignrelay.textlocal.runtime", name = "channel")
  @ConditionalOnBean({JdbcStore.class, TextLocalClient.class, OptimoveClient.class})
  static class TextLocalRuntimeConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "campaignRelayTextLocalState")
    RuntimeState campaignRelayTextLocalState(
        CampaignRelayProperties properties,
        JdbcStore store,
        ObjectProvider<JobListener> listeners,
        ObjectProvider<CampaignRelayStateListener> stateListeners) {
      return openState(
          "textlocal",
          properties.getTextlocal().getRuntime().getTablePrefix(),
          properties,
          store,
          listeners,
          stateListeners);
    }

    /** The runtime's db-scheduler, by name only (closed with its state). */
    @Bean(name = "campaignRelayTextLocalScheduler", destroyMethod = "", autowireCandidate = false)
    DbScheduler campaignRelayTextLocalScheduler(
        @Qualifier("campaignRelayTextLocalState") RuntimeState state) {
      return state.dbScheduler();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TextLocalRuntime textLocalRuntime(
        CampaignRelayProperties properties,
        TextLocalClient textLocal,
        OptimoveClient optimove,
        @Qualifier("campaignRelayTextLocalState") RuntimeState campaignRelayTextLocalState,
        @Qualifier("campaignRelayTextLocalExecutionListener")
            ObjectProvider<ExecutionListener> executionListener) {
      CampaignRelayProperties.TextLocalRuntime r = properties.getTextlocal().getRuntime();
      RuntimeState state = campaignRelayTextLocalState;
      return TextLocalRuntime.builder()
          .settings(RuntimeSettings.textLocal(properties))
          .textLocal(textLocal)
          .optimove(optimove)
          .channel(ChannelId.of(r.getChannel()))
          .tenantZone(ZoneId.of(r.getTenantZone().trim()))
          .scheduler(state.scheduler())
          .ledger(state.ledger())
          .journal(state.journal())
          .processedIds(state.processedIds())
          .claims(state.claims())
          .sendCaps(state.scheduledSendCaps())
          .testMode(r.isTestingMode())
          .executionListener(executionListener.getIfAvailable(() -> ExecutionListener.NONE))
          .build();
    }
  }
}
