package io.campaignrelay.examples;

import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.optimove.EngagementMetricsClient;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.testkit.FakeCustomer;
import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.FakeTextLocal;
import io.campaignrelay.testkit.SimulatedClock;
import io.campaignrelay.testkit.SyntheticCustomers;

/**
 * The demo's offline world: sdk-testkit's fakes of Optimove, TextLocal and Delivyr on loopback
 * ports, sharing one {@link SimulatedClock} so that a week passes in milliseconds, the customers
 * they all know (a seeded {@link SyntheticCustomers} generator), the host application's listener
 * server, and a {@link TransportCounter} on every SDK client.
 *
 * <p>Customers: {@code customersPerCampaign + triggers} synthetic customers (0.5% of them with a
 * broken phone number), all of them in Optimove and in the TextLocal contact group (CustomerID in
 * Custom 1). Optimove's key is scoped to the attributes the SMS channel uses, as Delivyr's guide
 * asks.
 */
final class OfflineVendors implements AutoCloseable {

  /** Share of Delivyr messages that are undelivered (Bounced). */
  static final double UNDELIVERED_RATE = 0.04;

  /** Share of Delivyr recipients whose phone cannot receive SMS (Dropped). */
  static final double CANNOT_RECEIVE_SMS_RATE = 0.01;

  /** Share of delivered Delivyr messages with a link that get clicks (each 1 to 3 clicks). */
  static final double CLICK_RATE = 0.05;

  /** Engagement events per saveEvent request. */
  static final int ENGAGEMENT_BATCH_SIZE = 1_000;

  /** The TextLocal custom field (1, 2 or 3) holding the CustomerID. */
  static final int KEY_CUSTOM_FIELD = 1;

  private final SimulatedClock clock;
  private final SyntheticCustomers customers;
  private final long customerCount;
  private final FakeOptimove optimove;
  private final FakeTextLocal textLocal;
  private final FakeDelivyr delivyr;
  private final HostServer host;
  private final TransportCounter transport = new TransportCounter();
  private final long textLocalGroup;
  private final OptimoveClient optimoveClient;
  private final EngagementMetricsClient engagementClient;

  private OfflineVendors(long seed, int customersPerCampaign, int triggers) {
    this.clock = SimulatedClock.create();
    this.customers = SyntheticCustomers.builder().seed(seed).invalidPhoneRate(0.005).build();
    this.customerCount = (long) customersPerCampaign + triggers;
    FakeOptimove o = null;
    FakeTextLocal t = null;
    FakeDelivyr d = null;
    HostServer h = null;
    try {
      o =
          FakeOptimove.builder()
              .clock(clock)
              .seed(seed)
              .keyAttributes(FakeCustomer.MOBILE_NUMBER, FakeCustomer.FIRST_NAME)
              .start();
      o.addCustomers(customerCount, customers);
      t = FakeTextLocal.builder().clock(clock).seed(seed).senders("SHOPCO").start();
      this.textLocalGroup = t.addGroup("Optimove customers");
      t.addSyntheticContacts(textLocalGroup, customers, customerCount, KEY_CUSTOM_FIELD);
      d =
          FakeDelivyr.builder()
              .clock(clock)
              .seed(seed)
              .optimove(o)
              .outcomes(UNDELIVERED_RATE, CANNOT_RECEIVE_SMS_RATE, CLICK_RATE)
              .start();
      h = HostServer.start();
    } catch (RuntimeException e) {
      closeQuietly(h, d, t, o);
      throw e;
    }
    this.optimove = o;
    this.textLocal = t;
    this.delivyr = d;
    this.host = h;
    // one client per key: Optimove's budget of 50 requests per 10 s is per key, and each client
    // throttles itself to it
    this.optimoveClient =
        OptimoveClient.builder()
            .clientOptions(clientOptions(o.baseUrl()))
            .credential(Secret.of(FakeOptimove.DEFAULT_API_KEY))
            .buildClient();
    this.engagementClient =
        EngagementMetricsClient.builder()
            .clientOptions(clientOptions(o.metricsBaseUrl()))
            .endpoint(o.metricsBaseUrl())
            .tenantId(Long.toString(o.tenantId()))
            .credential(Secret.of(FakeOptimove.DEFAULT_TENANT_TOKEN))
            // Optimove documents no per-request maximum; fewer, larger requests suit a bulk report
            .batchSize(ENGAGEMENT_BATCH_SIZE)
            .buildClient();
  }

  /** The SDK's Optimove client, shared by both flows (one client per API key). */
  OptimoveClient optimoveClient() {
    return optimoveClient;
  }

  /**
   * A new SDK client of the Delivyr fake, on the shared clock and counting transport.
   *
   * @return the client
   */
  io.campaignrelay.delivyr.DelivyrClient delivyrClient() {
    return io.campaignrelay.delivyr.DelivyrClient.builder()
        .endpoint(delivyr.baseUrl())
        .clientOptions(clientOptions(delivyr.baseUrl()))
        .credential(Secret.of(FakeDelivyr.DEFAULT_API_KEY))
        .buildClient();
  }

  /**
   * Lets simulated time pass an hour at a time, running what fell due after each hour (a host's
   * timer calling the runtime's {@code runDue()}).
   *
   * @param hours how many hours
   * @param runDue the runtime's {@code runDue}
   */
  void everyHourFor(int hours, Runnable runDue) {
    for (int h = 0; h < hours; h++) {
      clock.advance(java.time.Duration.ofHours(1));
      runDue.run();
    }
  }

  /** The SDK's client of Optimove's engagement metrics endpoint. */
  EngagementMetricsClient engagementClient() {
    return engagementClient;
  }

  /**
   * Starts the fakes and the listener server.
   *
   * @param seed the seed of customers, outcomes and faults
   * @param customersPerCampaign how many customers each campaign targets
   * @param triggers how many customers the triggered campaign reaches
   * @return the running world; close it
   */
  static OfflineVendors start(long seed, int customersPerCampaign, int triggers) {
    return new OfflineVendors(seed, customersPerCampaign, triggers);
  }

  SimulatedClock clock() {
    return clock;
  }

  SyntheticCustomers customers() {
    return customers;
  }

  long customerCount() {
    return customerCount;
  }

  FakeOptimove optimove() {
    return optimove;
  }

  FakeTextLocal textLocal() {
    return textLocal;
  }

  FakeDelivyr delivyr() {
    return delivyr;
  }

  HostServer host() {
    return host;
  }

  TransportCounter transport() {
    return transport;
  }

  long textLocalGroup() {
    return textLocalGroup;
  }

  /**
   * Client options for an SDK client talking to one of the fakes: the fake's URL, the shared
   * simulated clock as clock and sleeper (retry back-off and throttling advance simulated time),
   * and the counting transport.
   *
   * @param endpoint the fake's base URL
   * @return the options
   */
  ClientOptions clientOptions(String endpoint) {
    return ClientOptions.builder()
        .endpoint(endpoint)
        .clock(clock)
        .sleeper(clock::sleep)
        .httpClient(transport.httpClient())
        .applicationId("campaign-relay-demo")
        .build();
  }

  @Override
  public void close() {
    closeQuietly(host, delivyr, textLocal, optimove);
  }

  private static void closeQuietly(AutoCloseable... resources) {
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        // shutting down a demo: nothing useful to do with a failure to close
      }
    }
  }
}
