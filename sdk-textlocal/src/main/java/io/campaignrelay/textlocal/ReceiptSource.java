package io.campaignrelay.textlocal;

import io.campaignrelay.textlocal.models.DeliveryReceipt;
import java.util.List;

/**
 * Where the delivery receipts TextLocal POSTed to your receipt URL are kept (parse them with {@link
 * DeliveryReceipts#parse(String)} and store them), so that {@link
 * TextLocalMessageChannel#reconcile(java.util.List)} can use them as evidence that a message
 * reached TextLocal. Receipts carry no message id; they are matched by {@code customID} (the
 * campaign tag) and number. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReceiptSource {

  /**
   * The receipts received for one {@code custom} value.
   *
   * @param customTag the campaign tag, e.g. {@code optimove-campaign-1234}
   * @return the receipts whose {@code customID} is that tag, in any order; empty when none
   */
  List<DeliveryReceipt> receiptsFor(String customTag);
}
