package io.campaignrelay.spring;

import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.runtime.CampaignLedger;
import io.campaignrelay.core.runtime.CampaignRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code campaignrelay} to {@code /actuator/info}: the SDK version, each runtime's testing
 * mode, which clients are configured, and the campaigns in flight (ledger records not yet sent)
 * when a ledger is present, and per runtime the starter built (runtimes.delivyr, .textlocal).
 */
final class CampaignRelayInfoContributor implements InfoContributor {
  static final String VERSION = loadVersion();

  private final CampaignRelayProperties properties;
  private final ObjectProvider<CampaignLedger> ledger;
  private final ListableBeanFactory beans;
  private final Map<String, Boolean> clients;

  CampaignRelayInfoContributor(
      CampaignRelayProperties properties,
      ObjectProvider<CampaignLedger> ledger,
      ListableBeanFactory beans,
      Map<String, Boolean> clients) {
    this.properties = properties;
    this.ledger = ledger;
    this.beans = beans;
    this.clients = Map.copyOf(clients);
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("sdkVersion", VERSION);
    Map<String, Object> testing = new LinkedHashMap<>();
    testing.put("textlocal", properties.getTextlocal().getRuntime().isTestingMode());
    testing.put("delivyr", properties.getDelivyr().getRuntime().isTestingMode());
    info.put("testingMode", testing);
    info.put("clients", new java.util.TreeMap<>(clients));
    CampaignLedger l = ledger.getIfAvailable();
    if (l != null) {
      try {
        List<CampaignRecord> all = l.all();
        info.put("campaignsInFlight", all.stream().filter(r -> r.sentAt().isEmpty()).count());
        info.put("campaignsKnown", all.size());
      } catch (RuntimeException e) {
        info.put("campaignsInFlight", "unavailable: " + e.getClass().getSimpleName());
      }
    }
    Map<String, Object> runtimes = new java.util.TreeMap<>();
    if (org.springframework.util.ClassUtils.isPresent(
        "io.campaignrelay.jdbc.JdbcStore", getClass().getClassLoader())) {
      for (RuntimeState state : beans.getBeansOfType(RuntimeState.class).values()) {
        if (!"application".equals(state.vendor())) {
          runtimes.put(state.vendor(), inFlight(state.ledger()));
        }
      }
    }
    if (!runtimes.isEmpty()) {
      info.put("runtimes", runtimes);
    }
    builder.withDetail("campaignrelay", info);
  }

  private static Map<String, Object> inFlight(CampaignLedger l) {
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      List<CampaignRecord> all = l.all();
      m.put("campaignsInFlight", all.stream().filter(r -> r.sentAt().isEmpty()).count());
      m.put("campaignsKnown", all.size());
    } catch (RuntimeException e) {
      m.put("campaignsInFlight", "unavailable: " + e.getClass().getSimpleName());
    }
    return m;
  }

  private static String loadVersion() {
    try (InputStream in = ClientOptions.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      // fall through
    }
    String v = ClientOptions.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }
}
