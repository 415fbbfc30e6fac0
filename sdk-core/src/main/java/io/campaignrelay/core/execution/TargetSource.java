package io.campaignrelay.core.execution;

import io.campaignrelay.core.Campaign;
import java.util.stream.Stream;

/**
 * Port: where a campaign's recipients come from (for example the marketing platform's paged
 * customer-send-details API). Implemented by platform modules; called by the engine.
 *
 * <p>The stream must be lazy: it fetches a page only when the engine reaches it and never holds
 * more than one page, so a campaign of millions of customers runs in constant memory.
 * Implementations must be thread-safe (several campaigns may stream at once).
 */
@FunctionalInterface
public interface TargetSource {

  /**
   * Streams a campaign's recipients, page by page. The caller closes the stream (try-with-
   * resources) so that an implementation can release connections or cursors in {@code onClose}.
   *
   * @param campaign the campaign
   * @return a sequential, lazily paged stream of recipients; each customer at most once
   * @throws io.campaignrelay.core.CampaignRelayException if the source cannot be read (for HTTP
   *     sources, the {@code io.campaignrelay.core.http} exceptions)
   */
  Stream<Recipient> recipients(Campaign campaign);
}
