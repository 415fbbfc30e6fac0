package io.campaignrelay.core.execution;

import io.campaignrelay.core.CampaignId;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of a running campaign execution.
 *
 * @param campaignId the campaign
 * @param processed recipients taken from the target source so far
 * @param expected the campaign's targeted count, if known
 * @param dispatched recipients accepted by the channel (LIVE)
 * @param logged recipients written to the message log (TEST)
 * @param dropped recipients dropped (invalid phone, opted out, render failure, rejected)
 * @param skipped recipients already done in an earlier run
 * @param elapsed time since the execution started, on the executor's clock
 */
public record ExecutionProgress(
    CampaignId campaignId,
    long processed,
    OptionalLong expected,
    long dispatched,
    long logged,
    long dropped,
    long skipped,
    Duration elapsed) {

  /**
   * Recipients processed per second, on the executor's clock.
   *
   * @return the rate, or 0 when no time has passed
   */
  public double ratePerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : processed / seconds;
  }

  /**
   * The estimated time left, from the rate so far and the expected count.
   *
   * @return the estimate, if the expected count is known and the rate is positive
   */
  public Optional<Duration> eta() {
    double rate = ratePerSecond();
    if (expected.isEmpty() || rate <= 0) {
      return Optional.empty();
    }
    long left = Math.max(0, expected.getAsLong() - processed);
    return Optional.of(Duration.ofMillis((long) (left / rate * 1000)));
  }

  /**
   * The fraction done, from 0 to 1.
   *
   * @return the fraction, if the expected count is known
   */
  public Optional<Double> fraction() {
    if (expected.isEmpty() || expected.getAsLong() <= 0) {
      return Optional.empty();
    }
    return Optional.of(Math.min(1.0, (double) processed / expected.getAsLong()));
  }
}
