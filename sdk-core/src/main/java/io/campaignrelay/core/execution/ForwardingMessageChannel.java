package io.campaignrelay.core.execution;

import java.util.List;
import java.util.Objects;

/**
 * A {@link MessageChannel} that hands every call to another channel: the base of decorators (send
 * caps, a runtime's bookkeeping, a test's restriction) that change one or two calls and must pass
 * the rest through, including what the port may gain later ({@link #maxConcurrentBatches()} was
 * added after the first decorators were written). Override what the decorator changes; the
 * delegate's thread-safety is the decorator's, so a subclass holding state must be thread-safe too
 * when the delegate allows batches in flight.
 */
public abstract class ForwardingMessageChannel implements MessageChannel {
  private final MessageChannel delegate;

  /**
   * A channel forwarding to the given one.
   *
   * @param delegate the channel every call goes to
   */
  protected ForwardingMessageChannel(MessageChannel delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The channel calls are forwarded to.
   *
   * @return the delegate
   */
  protected final MessageChannel delegate() {
    return delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public int maxBatchSize() {
    return delegate.maxBatchSize();
  }

  @Override
  public int maxConcurrentBatches() {
    return delegate.maxConcurrentBatches();
  }

  @Override
  public boolean deduplicatesByIdempotencyKey() {
    return delegate.deduplicatesByIdempotencyKey();
  }

  @Override
  public List<DispatchResult> dispatch(List<OutboundMessage> batch) {
    return delegate.dispatch(batch);
  }

  @Override
  public List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
    return delegate.reconcile(messages);
  }
}
