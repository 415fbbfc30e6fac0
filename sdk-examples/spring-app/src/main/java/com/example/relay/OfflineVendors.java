package com.example.relay;

import io.campaignrelay.testkit.FakeDelivyr;
import io.campaignrelay.testkit.FakeOptimove;
import io.campaignrelay.testkit.FakeTextLocal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The three vendors as the testkit's fakes, and the properties that point the starter at them. */
public final class OfflineVendors implements AutoCloseable {
  /** The example's Optimove API key (the fake accepts only it). */
  public static final String OPTIMOVE_KEY = "example-optimove-key";

  /** The example's TextLocal API key. */
  public static final String TEXTLOCAL_KEY = "example-textlocal-key";

  /** The example's Delivyr API key. */
  public static final String DELIVYR_KEY = "example-delivyr-key";

  /** The secret the fake Delivyr signs its webhooks with. */
  public static final String WEBHOOK_SECRET = "example-webhook-secret";

  private final FakeOptimove optimove;
  private final FakeTextLocal textLocal;
  private final FakeDelivyr delivyr;

  private OfflineVendors() {
    optimove = FakeOptimove.builder().apiKey(OPTIMOVE_KEY).start();
    textLocal = FakeTextLocal.builder().apiKey(TEXTLOCAL_KEY).start();
    delivyr = FakeDelivyr.builder().apiKey(DELIVYR_KEY).optimove(optimove).start();
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
   * The {@code campaignrelay.*} (and this example's {@code relay.*}) properties for the fakes.
   *
   * @return property name to value
   */
  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("campaignrelay.optimove.endpoint", optimove.baseUrl());
    p.put("campaignrelay.optimove.api-key", OPTIMOVE_KEY);
    p.put("campaignrelay.textlocal.endpoint", textLocal.baseUrl());
    p.put("campaignrelay.textlocal.api-key", TEXTLOCAL_KEY);
    p.put("campaignrelay.delivyr.endpoint", delivyr.baseUrl());
    p.put("campaignrelay.delivyr.api-key", DELIVYR_KEY);
    p.put("relay.delivyr.webhook-secret", WEBHOOK_SECRET);
    return p;
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

  @Override
  public void close() {
    optimove.close();
    textLocal.close();
    delivyr.close();
  }
}
