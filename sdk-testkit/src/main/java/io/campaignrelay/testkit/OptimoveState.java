package io.campaignrelay.testkit;

import static io.campaignrelay.testkit.OptimoveProblem.longParam;

import io.campaignrelay.core.Secret;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Seeds;
import io.campaignrelay.testkit.implementation.SlidingWindowLimiter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant state of a {@link FakeOptimove} and the settings its functions read: customers,
 * campaigns, templates, listeners, what vendors reported, the key's scope. Mutable fields are used
 * under {@link #lock}.
 */
final class OptimoveState {
  static final DateTimeFormatter SCHEDULED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** The RealFieldNames every customer has, in order (the same for all customers). */
  static final List<String> ATTRIBUTES =
      List.copyOf(SyntheticCustomers.seeded(0).customer(0).attributes().keySet());

  record Campaign(ScheduledCampaign view, List<String> explicitIds) {}

  final Object lock;
  final SimulatedClock clock;
  final long seed;
  final Secret tenantToken;
  final SlidingWindowLimiter limiter;
  final boolean retryAfterOnLimit;
  final boolean delimitedAttributes;
  final String attributesKey;
  final Set<Integer> keyChannels;
  final Set<String> keyAttributes;

  /** Accepted API keys (revealed only to compare) to whether each is a third-party key. */
  final Map<String, Boolean> apiKeys;

  SyntheticCustomers synthetic = SyntheticCustomers.seeded(0);
  long syntheticCount;
  final Map<String, FakeCustomer> explicitCustomers = new LinkedHashMap<>();
  final Map<Long, Campaign> campaigns = new LinkedHashMap<>();
  final Map<Integer, LinkedHashMap<Long, String>> templates = new HashMap<>();
  final Map<Integer, LinkedHashMap<String, String>> apps = new HashMap<>();
  final Map<String, String> promotions = new LinkedHashMap<>();
  final List<RegisteredListener> listeners = new ArrayList<>();
  final List<CampaignMetric> receivedMetrics = new ArrayList<>();
  final List<CampaignInteraction> receivedInteractions = new ArrayList<>();
  final List<EngagementEvent> receivedEvents = new ArrayList<>();
  final List<ListenerCall> listenerCalls = new ArrayList<>();
  long nextCampaignId;
  long nextActionId;

  OptimoveState(FakeOptimove.Builder b, Object lock, SimulatedClock clock) {
    this.lock = lock;
    this.clock = clock;
    this.seed = b.seed;
    this.tenantToken = Secret.of(b.tenantToken);
    this.limiter = new SlidingWindowLimiter(b.rateLimit, b.rateWindow, clock);
    this.retryAfterOnLimit = b.rateLimitRetryAfter;
    this.delimitedAttributes = b.legacyDelimitedAttributes;
    this.attributesKey = b.singularAttributeKey ? "CustomerAttribute" : "CustomerAttributes";
    this.keyChannels = Set.copyOf(b.keyChannels);
    this.keyAttributes = Set.copyOf(b.keyAttributes);
    Map<String, Boolean> keys = new LinkedHashMap<>(b.additionalKeys);
    keys.put(b.apiKey, b.thirdPartyOnly);
    this.apiKeys = Map.copyOf(keys);
    this.nextCampaignId = 1000 + Math.floorMod(Seeds.mix(seed, 31), 9000L);
    this.nextActionId = 50 + Math.floorMod(Seeds.mix(seed, 32), 50L);
  }

  FakeCustomer findCustomer(String id) {
    FakeCustomer c = explicitCustomers.get(id);
    if (c != null) {
      return c;
    }
    Optional<Long> idx = SyntheticCustomers.indexOf(id);
    return idx.isPresent() && idx.get() < syntheticCount ? synthetic.customer(idx.get()) : null;
  }

  /** Whether the configured key may read an attribute. */
  boolean keyMayRead(String attribute) {
    return keyAttributes.isEmpty() || keyAttributes.contains(attribute);
  }

  /** The attributes of a customer that the configured key may read, in attribute order. */
  Map<String, String> readable(FakeCustomer c) {
    Map<String, String> out = new LinkedHashMap<>();
    c.attributes()
        .forEach(
            (k, v) -> {
              if (keyMayRead(k)) {
                out.put(k, v);
              }
            });
    return out;
  }

  void checkChannel(long channelId) {
    if (!keyChannels.isEmpty() && !keyChannels.contains((int) channelId)) {
      throw new OptimoveProblem(403, "The API key has no access to ChannelID " + channelId);
    }
  }

  /** The campaign named by {@code CampaignID} (400 when unknown); takes the lock itself. */
  Campaign campaign(Form q) {
    long id = longParam(q, "CampaignID", true);
    Campaign c;
    synchronized (lock) {
      c = campaigns.get(id);
    }
    if (c == null) {
      throw new OptimoveProblem(400, "CampaignID " + id + " does not exist");
    }
    return c;
  }
}
