package com.example.relay;

import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.testkit.SyntheticCustomers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three vendors as the testkit's fakes, and the {@code campaignrelay.*} properties that point
 * the starter, and the two runtimes it builds, at them. A real host sets the same properties to its
 * vendors' endpoints and credentials and leaves sdk-testkit out.
 */
public final class OfflineVendors implements AutoCloseable {
  /** The example's Optimove API key (the fake accepts only it). */
  public static final String OPTIMOVE_KEY = "example-optimove-key";

  /** The example's Optimove tenant token (engagement metrics). */
  public static final String TENANT_TOKEN = "example-tenant-token";

  /** The example's TextLocal API key. */
  public static final String TEXTLOCAL_KEY = "example-textlocal-key";

  /** The example's TextLocal integration password. */
  public static final String TEXTLOCAL_PASSWORD = "example-textlocal-password";

  /** The example's Delivyr API key. */
  public static final String DELIVYR_KEY = "example-delivyr-key";

  /** The secret Delivyr signs its webhooks with. */
  public static final String WEBHOOK_SECRET = "example-webhook-secret";

  /** The token the Optimove listener URL carries. */
  public static final String LISTENER_TOKEN = "example-listener-token";

  /** The Optimove channel assigned to TextLocal in this example. */
  public static final int TEXTLOCAL_CHANNEL = 508;

  /** Customers in the fake Optimove. */
  public static final int CUSTOMERS = 10;

  private final FakeOptimove optimove;
  private final FakeTextLocal textLocal;
  private final FakeDelivyr delivyr;
  private final String triggeredTemplate;

  private OfflineVendors() {
    optimove = FakeOptimove.builder().apiKey(OPTIMOVE_KEY).tenantToken(TENANT_TOKEN).start();
    optimove.addCustomers(
        CUSTOMERS, SyntheticCustomers.builder().seed(7).invalidPhoneRate(0).build());
    textLocal = FakeTextLocal.builder().apiKey(TEXTLOCAL_KEY).start();
    delivyr = FakeDelivyr.builder().apiKey(DELIVYR_KEY).optimove(optimove).start();
    triggeredTemplate =
        delivyr.addTemplate(
            "Basket reminder",
            "Hi {{FIRST_NAME}}, your basket is waiting",
            "approved",
            List.of("triggered"),
            null);
  }

  /**
   * Starts the fakes on loopback ports.
   *
   * @return the running fakes
   */
  public static OfflineVendors start() {
    return new OfflineVendors();
  }

  /**
   * The {@code campaignrelay.*} properties for the fakes: the three clients and both runtimes
   * (testing mode stays on: the default).
   *
   * @return property name to value
   */
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("campaignrelay.optimove.endpoint", optimove.baseUrl());
    p.put("campaignrelay.optimove.api-key", OPTIMOVE_KEY);
    p.put("campaignrelay.optimove.metrics-endpoint", optimove.metricsBaseUrl());
    p.put("campaignrelay.textlocal.endpoint", textLocal.baseUrl());
    p.put("campaignrelay.textlocal.api-key", TEXTLOCAL_KEY);
    p.put("campaignrelay.delivyr.endpoint", delivyr.baseUrl());
    p.put("campaignrelay.delivyr.api-key", DELIVYR_KEY);

    String dl = "campaignrelay.delivyr.runtime.";
    p.put(dl + "webhook-secret", WEBHOOK_SECRET);
    p.put(dl + "listener-token", LISTENER_TOKEN);
    p.put(dl + "tenant-zone", "Europe/London");
    // the endpoint registered with Delivyr's integration form (the fake checks only its shape)
    p.put(dl + "integration.api-endpoint", "https://api5.optimove.net/");
    p.put(
        dl + "integration.customer-attributes",
        FakeCustomer.MOBILE_NUMBER + "," + FakeCustomer.FIRST_NAME);
    p.put(dl + "integration.tenant-id", Long.toString(optimove.tenantId()));
    p.put(dl + "integration.tenant-token", TENANT_TOKEN);

    String tl = "campaignrelay.textlocal.runtime.";
    p.put(tl + "channel", TEXTLOCAL_CHANNEL);
    p.put(tl + "tenant-zone", "Europe/London");
    p.put(tl + "integration.username", "optimove-api");
    p.put(tl + "integration.password", TEXTLOCAL_PASSWORD);
    p.put(tl + "integration.api-login-url", textLocal.baseUrl());
    p.put(tl + "integration.contact-group-id", Long.toString(FakeTextLocal.CONTACTS_GROUP_ID));
    p.put(tl + "integration.contact-group-name", "Optimove customers");
    p.put(tl + "integration.key-field", "CUSTOM1");
    return p;
  }

  /**
   * The fake Optimove.
   *
   * @return the fake
   */
  public FakeOptimove optimove() {
    return optimove;
  }

  /**
   * The fake Delivyr.
   *
   * @return the fake
   */
  public FakeDelivyr delivyr() {
    return delivyr;
  }

  /**
   * The fake TextLocal.
   *
   * @return the fake
   */
  public FakeTextLocal textLocal() {
    return textLocal;
  }

  /**
   * The Delivyr id of the approved triggered template.
   *
   * @return the id
   */
  public String triggeredTemplate() {
    return triggeredTemplate;
  }

  @Override
  public void close() {
    optimove.close();
    textLocal.close();
    delivyr.close();
  }
}
