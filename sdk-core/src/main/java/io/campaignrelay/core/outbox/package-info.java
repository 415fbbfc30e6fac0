/**
 * The metrics outbox: metric writes that could not be delivered yet wait in a {@link
 * io.campaignrelay.core.outbox.MetricsOutbox} (in memory, in an append-only file, later in a
 * database) and go out later, in order, once per entry ({@link
 * io.campaignrelay.core.outbox.OutboxDelivery}).
 */
package io.campaignrelay.core.outbox;
