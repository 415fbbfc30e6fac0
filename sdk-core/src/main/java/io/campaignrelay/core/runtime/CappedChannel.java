package io.campaignrelay.core.runtime;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.PhoneNumberParser;
import io.campaignrelay.core.execution.CampaignExecutor;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.ForwardingMessageChannel;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.metrics.RejectionReason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageChannel} that holds every batch to the {@link SendCaps} before the vendor sees
 * it: each message is reserved in every scope (its destination number's UTC day, its destination
 * country's clock hour, its campaign); the messages within caps go on to the wrapped channel, the
 * others are answered {@linkplain DispatchResult#rejected rejected} ({@link RejectionReason#OTHER})
 * with a detail naming the cap, e.g. {@code "per-number daily cap of 3 reached for +44…23"} (the
 * number masked). The engine journals those DROPPED, counts them in its report's drops and tells
 * its listener's {@code onDropped}; each is also counted in {@link InboundRefusals} under {@code
 * <counterPrefix> cap_<scope>} (e.g. {@code scheduled cap_destination_per_day}) for an operator. A
 * capped message is never sent and never dropped silently.
 *
 * <p>A batch is decided with one {@link SendCaps#tryAcquireAll} call (sdk-jdbc's caps: one
 * transaction per batch). Reserve, then release: when the wrapped channel fails on the batch and
 * the failure proves nothing was sent ({@link CampaignExecutor#provesNothingSent}: refused, or
 * never reached), the batch's reservations are {@linkplain SendCaps#release given back}; so are
 * those of messages the vendor rejected one by one (a rejected message was not sent). When the
 * outcome is unknown (a lost, cut or unreadable answer, a message the answer leaves out) they are
 * kept: a cap reached early is safe, one exceeded is not. A message sent again with the same
 * idempotency key after an unknown outcome (deduplicating channels only) is counted again, for the
 * same reason.
 *
 * <p>When the caps themselves cannot be read (the database is down) nothing of the batch is sent
 * and nothing of it stays counted: the call fails with an {@link ApiConnectionException} whose
 * outcome is known (nothing was sent), so the engine records the batch FAILED and a later run sends
 * it.
 *
 * <p>Everything else ({@link #name()}, {@link #maxBatchSize()}, {@link #maxConcurrentBatches()},
 * {@link #deduplicatesByIdempotencyKey()}, {@link #reconcile}) is the wrapped channel's.
 * Thread-safe (holds no mutable state of its own): the engine may call {@link #dispatch} from
 * several threads at once; the caps' atomicity keeps the total within every cap.
 */
public final class CappedChannel extends ForwardingMessageChannel {

  private static final Logger LOG = LoggerFactory.getLogger("io.campaignrelay.runtime.caps");

  private final SendCaps caps;
  private final PhoneNumberParser phoneParser;
  private final Clock clock;
  private final InboundRefusals counters;
  private final String counterPrefix;

  private CappedChannel(Builder b) {
    super(b.delegate);
    this.caps = b.caps;
    this.phoneParser = b.phoneParser;
    this.clock = b.clock;
    this.counters = b.counters;
    this.counterPrefix = b.counterPrefix;
  }

  /**
   * A builder; the channel and the caps are required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The counters capped messages are counted in.
   *
   * @return the counters given to the builder, or the channel's own
   */
  public InboundRefusals counters() {
    return counters;
  }

  @Override
  public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
    Instant now = clock.instant();
    List<SendCaps.Request> requests = new ArrayList<>(batch.size());
    for (OutboundMessage m : batch) {
      requests.add(
          new SendCaps.Request(m.campaign().id().value(), m.to().e164(), countryOf(m.to())));
    }
    List<Optional<SendCaps.Scope>> decided;
    try {
      decided = caps.tryAcquireAll(requests, now);
      if (decided.size() != requests.size()) {
        throw new IllegalStateException(
            "the send caps answered " + decided.size() + " of " + requests.size() + " requests");
      }
    } catch (RuntimeException e) {
      throw new ApiConnectionException(
          "the send caps could not be checked ("
              + e.getClass().getSimpleName()
              + "): nothing of the batch was sent",
          false,
          0,
          e);
    }
    List<OutboundMessage> within = new ArrayList<>(batch.size());
    List<SendCaps.Request> granted = new ArrayList<>(batch.size());
    List<DispatchResult> capped = new ArrayList<>();
    Map<SendCaps.Scope, Integer> cappedBy = new EnumMap<>(SendCaps.Scope.class);
    for (int i = 0; i < batch.size(); i++) {
      OutboundMessage m = batch.get(i);
      Optional<SendCaps.Scope> reached = decided.get(i);
      if (reached.isEmpty()) {
        within.add(m);
        granted.add(requests.get(i));
        continue;
      }
      SendCaps.Scope scope = reached.get();
      cappedBy.merge(scope, 1, Integer::sum);
      counters.count(counterPrefix + " cap_" + scope.name().toLowerCase(Locale.ROOT));
      capped.add(
          DispatchResult.rejected(
              m.idempotencyKey(),
              RejectionReason.OTHER,
              detail(scope, m, requests.get(i).country())));
    }
    if (!cappedBy.isEmpty()) {
      LOG.info(
          "{} of a batch of {} held back by send caps, not sent: {}",
          capped.size(),
          batch.size(),
          cappedBy);
    }
    if (within.isEmpty()) {
      return capped;
    }
    List<DispatchResult> results;
    try {
      results = delegate().dispatch(List.copyOf(within));
    } catch (RuntimeException e) {
      if (CampaignExecutor.provesNothingSent(e)) {
        release(granted, now);
      }
      throw e;
    }
    Set<IdempotencyKey> rejected = new HashSet<>();
    for (DispatchResult r : results) {
      if (r != null && !r.isAccepted()) {
        rejected.add(r.idempotencyKey());
      }
    }
    if (!rejected.isEmpty()) {
      List<SendCaps.Request> notSent = new ArrayList<>();
      for (int i = 0; i < within.size(); i++) {
        if (rejected.contains(within.get(i).idempotencyKey())) {
          notSent.add(granted.get(i));
        }
      }
      release(notSent, now);
    }
    if (capped.isEmpty()) {
      return results;
    }
    List<DispatchResult> all = new ArrayList<>(results.size() + capped.size());
    all.addAll(results);
    all.addAll(capped);
    return all;
  }

  private void release(List<SendCaps.Request> requests, Instant at) {
    if (requests.isEmpty()) {
      return;
    }
    try {
      caps.releaseAll(requests, at);
    } catch (RuntimeException e) {
      // kept counted: a cap reached early is safe
      LOG.warn(
          "{} send cap reservations could not be given back: {}",
          requests.size(),
          e.getClass().getSimpleName());
    }
  }

  private String countryOf(PhoneNumber to) {
    try {
      return phoneParser.describe(to.e164()).regionCode().orElse(UNKNOWN_COUNTRY);
    } catch (RuntimeException e) {
      return UNKNOWN_COUNTRY;
    }
  }

  private String detail(SendCaps.Scope scope, OutboundMessage m, String country) {
    OptionalLong limit = caps.limit(scope);
    String of = limit.isPresent() ? " of " + limit.getAsLong() : "";
    return switch (scope) {
      case DESTINATION_PER_DAY ->
          "per-number daily cap" + of + " reached for " + mask(m.to()) + ": not sent";
      case COUNTRY_PER_HOUR ->
          "per-country hourly cap" + of + " reached for " + country + ": not sent";
      case CAMPAIGN ->
          "per-campaign cap" + of + " reached for campaign " + m.campaign().id() + ": not sent";
    };
  }

  /**
   * A number as refusals show it: the first two digits and the last two, e.g. {@code +44…23}.
   *
   * @param number the number
   * @return the masked text
   */
  static String mask(PhoneNumber number) {
    String d = number.digits();
    return "+" + d.substring(0, 2) + "…" + d.substring(d.length() - 2);
  }

  /** The country of a number whose region the parser cannot tell (as the triggered path uses). */
  public static final String UNKNOWN_COUNTRY = "unknown";

  @Override
  public String toString() {
    return "CappedChannel{" + delegate().name() + ", " + caps + '}';
  }

  /** Builds a {@link CappedChannel}. Not thread-safe. */
  public static final class Builder {
    private MessageChannel delegate;
    private SendCaps caps;
    private PhoneNumberParser phoneParser = PhoneNumberParser.basic();
    private Clock clock = Clock.systemUTC();
    private InboundRefusals counters;
    private String counterPrefix = "scheduled";

    private Builder() {}

    /**
     * Sets the channel that sends what the caps allow (required).
     *
     * @param channel the vendor's channel
     * @return this builder
     */
    public Builder channel(MessageChannel channel) {
      this.delegate = channel;
      return this;
    }

    /**
     * Sets the caps (required); give the same instance the triggered path uses so that both count
     * against one set of caps.
     *
     * @param caps the caps
     * @return this builder
     */
    public Builder caps(SendCaps caps) {
      this.caps = caps;
      return this;
    }

    /**
     * Sets how a destination's country is found (default {@link PhoneNumberParser#basic()}, which
     * knows no regions: every number then counts under {@value #UNKNOWN_COUNTRY}; give
     * sdk-phonenumber's {@code LibPhoneNumberParser} for per-country caps).
     *
     * @param parser the parser
     * @return this builder
     */
    public Builder phoneParser(PhoneNumberParser parser) {
      this.phoneParser = parser;
      return this;
    }

    /**
     * Sets the clock whose instant is the time of each reservation (default the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the counters capped messages are counted in (default: new ones), e.g. a runtime's {@code
     * inboundRefusals()}.
     *
     * @param counters the counters
     * @return this builder
     */
    public Builder counters(InboundRefusals counters) {
      this.counters = counters;
      return this;
    }

    /**
     * Sets the first word of the counter keys (default {@code scheduled}: {@code scheduled
     * cap_campaign}).
     *
     * @param prefix a short word
     * @return this builder
     */
    public Builder counterPrefix(String prefix) {
      this.counterPrefix = prefix;
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return the channel
     * @throws ConfigurationException listing every missing setting
     */
    public CappedChannel build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (delegate == null) {
        problems.add(ConfigurationProblem.of("channel", null, "give the channel to cap"));
      }
      if (caps == null) {
        problems.add(
            ConfigurationProblem.of(
                "caps", null, "give the SendCaps (SendCaps.unlimited() for none)"));
      }
      if (phoneParser == null) {
        problems.add(ConfigurationProblem.of("phoneParser", null, "use PhoneNumberParser.basic()"));
      }
      if (clock == null) {
        problems.add(ConfigurationProblem.of("clock", null, "must not be null"));
      }
      if (counterPrefix == null || counterPrefix.isBlank()) {
        problems.add(
            ConfigurationProblem.of("counterPrefix", counterPrefix, "give a word, e.g. scheduled"));
      }
      ConfigurationException.throwIfAny("capped channel", problems);
      if (counters == null) {
        counters = InboundRefusals.create();
      }
      return new CappedChannel(this);
    }
  }
}
