package io.campaignrelay.core.runtime;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link SendCaps} counted in memory, for one process (a restart starts the counts again; for caps
 * that hold across instances use sdk-jdbc's {@code JdbcSendCaps}). Days are UTC days and hours
 * clock hours; counts of past days and hours are forgotten. Supports {@link #release}. Thread-safe.
 */
public final class InMemorySendCaps implements SendCaps {

  private final int perDestinationPerDay;
  private final int perCountryPerHour;
  private final long perCampaign;
  private final Map<String, Integer> destinations = new HashMap<>();
  private final Map<String, Integer> countries = new HashMap<>();
  private final Map<String, Long> campaigns = new HashMap<>();
  private long day = Long.MIN_VALUE;
  private long hour = Long.MIN_VALUE;

  private InMemorySendCaps(Builder b) {
    this.perDestinationPerDay = b.perDestinationPerDay;
    this.perCountryPerHour = b.perCountryPerHour;
    this.perCampaign = b.perCampaign;
  }

  /**
   * A builder with the defaults: 5 messages per number per day, 1,000 per country per hour, 100,000
   * per campaign.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public synchronized Optional<Scope> tryAcquire(
      String campaign, String destination, String country, Instant now) {
    long d = Math.floorDiv(now.getEpochSecond(), 86_400);
    long h = Math.floorDiv(now.getEpochSecond(), 3_600);
    if (d != day) {
      destinations.clear();
      day = d;
    }
    if (h != hour) {
      countries.clear();
      hour = h;
    }
    String to = String.valueOf(destination);
    String where = String.valueOf(country);
    String what = String.valueOf(campaign);
    if (destinations.getOrDefault(to, 0) >= perDestinationPerDay) {
      return Optional.of(Scope.DESTINATION_PER_DAY);
    }
    if (countries.getOrDefault(where, 0) >= perCountryPerHour) {
      return Optional.of(Scope.COUNTRY_PER_HOUR);
    }
    if (campaigns.getOrDefault(what, 0L) >= perCampaign) {
      return Optional.of(Scope.CAMPAIGN);
    }
    destinations.merge(to, 1, Integer::sum);
    countries.merge(where, 1, Integer::sum);
    campaigns.merge(what, 1L, Long::sum);
    return Optional.empty();
  }

  @Override
  public synchronized boolean release(
      String campaign, String destination, String country, Instant acquiredAt) {
    long d = Math.floorDiv(acquiredAt.getEpochSecond(), 86_400);
    long h = Math.floorDiv(acquiredAt.getEpochSecond(), 3_600);
    String to = String.valueOf(destination);
    String where = String.valueOf(country);
    String what = String.valueOf(campaign);
    if (campaigns.getOrDefault(what, 0L) <= 0) {
      return false;
    }
    campaigns.computeIfPresent(what, (k, n) -> n <= 1 ? null : n - 1);
    // a window that has passed is over: its counts were forgotten and stay so
    if (d == day) {
      destinations.computeIfPresent(to, (k, n) -> n <= 1 ? null : n - 1);
    }
    if (h == hour) {
      countries.computeIfPresent(where, (k, n) -> n <= 1 ? null : n - 1);
    }
    return true;
  }

  @Override
  public OptionalLong limit(Scope scope) {
    if (scope == null) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        switch (scope) {
          case DESTINATION_PER_DAY -> perDestinationPerDay;
          case COUNTRY_PER_HOUR -> perCountryPerHour;
          case CAMPAIGN -> perCampaign;
        });
  }

  @Override
  public String toString() {
    return "InMemorySendCaps{perDestinationPerDay="
        + perDestinationPerDay
        + ", perCountryPerHour="
        + perCountryPerHour
        + ", perCampaign="
        + perCampaign
        + '}';
  }

  /** Builds {@link InMemorySendCaps}. Not thread-safe. */
  public static final class Builder {
    private int perDestinationPerDay = 5;
    private int perCountryPerHour = 1_000;
    private long perCampaign = 100_000;

    private Builder() {}

    /**
     * Sets the messages allowed to one number per UTC day.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder perDestinationPerDay(int max) {
      this.perDestinationPerDay = max;
      return this;
    }

    /**
     * Sets the messages allowed to one country per clock hour.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder perCountryPerHour(int max) {
      this.perCountryPerHour = max;
      return this;
    }

    /**
     * Sets the messages allowed to one campaign.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder perCampaign(long max) {
      this.perCampaign = max;
      return this;
    }

    /**
     * Builds the caps.
     *
     * @return the caps
     * @throws ConfigurationException listing every cap below 1
     */
    public InMemorySendCaps build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (perDestinationPerDay < 1) {
        problems.add(
            ConfigurationProblem.of("perDestinationPerDay", perDestinationPerDay, "use 1 or more"));
      }
      if (perCountryPerHour < 1) {
        problems.add(
            ConfigurationProblem.of("perCountryPerHour", perCountryPerHour, "use 1 or more"));
      }
      if (perCampaign < 1) {
        problems.add(ConfigurationProblem.of("perCampaign", perCampaign, "use 1 or more"));
      }
      ConfigurationException.throwIfAny("send caps", problems);
      return new InMemorySendCaps(this);
    }
  }
}
