package io.campaignrelay.core.runtime;

import io.campaignrelay.core.Secret;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link ListenerTokens} in memory: a restart forgets the token (the listeners must then be
 * registered again). For tests and single-process hosts without a state directory. Thread-safe.
 */
public final class InMemoryListenerTokens implements ListenerTokens {

  private final AtomicReference<Secret> token = new AtomicReference<>();

  private InMemoryListenerTokens() {}

  /**
   * An empty store (no token until {@link #rotate()}).
   *
   * @return the store
   */
  public static InMemoryListenerTokens create() {
    return new InMemoryListenerTokens();
  }

  @Override
  public Optional<Secret> current() {
    return Optional.ofNullable(token.get());
  }

  @Override
  public Secret rotate() {
    Secret next = ListenerTokens.newToken();
    token.set(next);
    return next;
  }

  @Override
  public String toString() {
    return "InMemoryListenerTokens{present=" + (token.get() != null) + '}';
  }
}
