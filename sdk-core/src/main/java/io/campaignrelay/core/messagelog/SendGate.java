package io.campaignrelay.core.messagelog;

import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.DispatchResult;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.MessageChannel;
import io.campaignrelay.core.execution.OutboundMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The single point where TEST and LIVE differ. In {@link ExecutionMode#TEST} every rendered,
 * validated message is written to the {@link MessageLog} with status {@link MessageStatus#LOGGED}
 * (the same fields a live entry has) and the {@link MessageChannel} is never called. In {@link
 * ExecutionMode#LIVE} the batch goes to the channel and each answer is logged as DISPATCHED or
 * REJECTED. Thread-safe if its log and channel are.
 */
public final class SendGate {

  private final ExecutionMode mode;
  private final MessageChannel channel;
  private final MessageLog log;
  private final Clock clock;

  private SendGate(ExecutionMode mode, MessageChannel channel, MessageLog log, Clock clock) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.channel = Objects.requireNonNull(channel, "channel");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A gate.
   *
   * @param mode TEST (never calls the channel) or LIVE
   * @param channel the transport, called in LIVE mode only
   * @param log where every message is recorded
   * @param clock the time source of log entries
   * @return the gate
   */
  public static SendGate create(
      ExecutionMode mode, MessageChannel channel, MessageLog log, Clock clock) {
    return new SendGate(mode, channel, log, clock);
  }

  /**
   * The gate's mode.
   *
   * @return TEST or LIVE
   */
  public ExecutionMode mode() {
    return mode;
  }

  /**
   * Logs (TEST) or sends and logs (LIVE) a batch.
   *
   * @param batch rendered, validated messages with distinct keys; at most the channel's batch size
   *     in LIVE mode
   * @return the log entries written, in batch order
   * @throws IllegalArgumentException if two messages share a key, or a LIVE batch is too large
   * @throws IllegalStateException if the channel does not answer exactly once per message
   */
  public List<LoggedMessage> send(List<OutboundMessage> batch) {
    Objects.requireNonNull(batch, "batch");
    Set<IdempotencyKey> keys = new HashSet<>();
    for (OutboundMessage m : batch) {
      if (!keys.add(m.idempotencyKey())) {
        throw new IllegalArgumentException(
            "two messages in the batch have the key "
                + m.idempotencyKey()
                + " (customer "
                + m.customerId()
                + "): send each customer one message per campaign");
      }
    }
    List<LoggedMessage> written = new ArrayList<>(batch.size());
    if (batch.isEmpty()) {
      return written;
    }
    if (!mode.isLive()) {
      for (OutboundMessage m : batch) {
        LoggedMessage entry = LoggedMessage.logged(m, clock.instant());
        log.append(entry);
        written.add(entry);
      }
      return written;
    }
    if (batch.size() > channel.maxBatchSize()) {
      throw new IllegalArgumentException(
          "batch of "
              + batch.size()
              + " exceeds channel "
              + channel.name()
              + "'s maximum of "
              + channel.maxBatchSize()
              + ": split it");
    }
    List<DispatchResult> results = channel.dispatch(batch);
    Map<IdempotencyKey, DispatchResult> byKey = new HashMap<>();
    for (DispatchResult r : results) {
      if (!keys.contains(r.idempotencyKey()) || byKey.put(r.idempotencyKey(), r) != null) {
        throw new IllegalStateException(
            "channel "
                + channel.name()
                + " answered for key "
                + r.idempotencyKey()
                + " which is not in the batch or was answered twice");
      }
    }
    for (OutboundMessage m : batch) {
      DispatchResult r = byKey.get(m.idempotencyKey());
      if (r == null) {
        throw new IllegalStateException(
            "channel "
                + channel.name()
                + " gave no result for key "
                + m.idempotencyKey()
                + " (customer "
                + m.customerId()
                + "): a channel must answer once per message");
      }
      LoggedMessage entry = LoggedMessage.dispatched(m, r, clock.instant());
      log.append(entry);
      written.add(entry);
    }
    return written;
  }

  @Override
  public String toString() {
    return "SendGate{mode=" + mode + ", channel=" + channel.name() + '}';
  }
}
