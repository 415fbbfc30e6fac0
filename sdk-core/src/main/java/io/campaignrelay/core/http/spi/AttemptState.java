package io.campaignrelay.core.http.spi;

/**
 * Per-attempt marker carried as a request tag: the retry interceptor creates it, the network
 * interceptor flips {@link #reachedServer} once a connection exists and the request is about to be
 * written, so that a later I/O failure can be told apart: never reached (safe to retry) or outcome
 * unknown.
 */
final class AttemptState {
  final int attempt;
  volatile boolean reachedServer;

  AttemptState(int attempt) {
    this.attempt = attempt;
  }
}
