package io.campaignrelay.textlocal;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.execution.IdempotencyKey;
import io.campaignrelay.core.execution.OutboundMessage;
import io.campaignrelay.core.execution.ReconcileResult;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.textlocal.models.BatchStatus;
import io.campaignrelay.textlocal.models.DeliveryReceipt;
import io.campaignrelay.textlocal.models.DeliveryStatus;
import io.campaignrelay.textlocal.models.HistoryMessage;
import io.campaignrelay.textlocal.models.HistoryPage;
import io.campaignrelay.textlocal.models.HistoryQuery;
import io.campaignrelay.textlocal.models.SortOrder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The reconciliation of {@link TextLocalMessageChannel#reconcile(List)}: looks messages up in
 * TextLocal's records by the campaign tag and the number (see the channel's javadoc for the rules).
 * Stateless between calls; thread-safe.
 */
final class TextLocalReconciler {

  private final TextLocalClient client;
  private final Function<CampaignId, ? extends Collection<String>> knownBatchIds;
  private final ReceiptSource receipts;
  private final Duration lookback;
  private final int maxHistoryPages;
  private final boolean inferNotSent;

  TextLocalReconciler(
      TextLocalClient client,
      Function<CampaignId, ? extends Collection<String>> knownBatchIds,
      ReceiptSource receipts,
      Duration lookback,
      int maxHistoryPages,
      boolean inferNotSent) {
    this.client = client;
    this.knownBatchIds = knownBatchIds;
    this.receipts = receipts;
    this.lookback = lookback;
    this.maxHistoryPages = maxHistoryPages;
    this.inferNotSent = inferNotSent;
  }

  List<ReconcileResult> reconcile(List<OutboundMessage> messages) {
    Map<CampaignId, List<OutboundMessage>> byCampaign = new LinkedHashMap<>();
    for (OutboundMessage m : messages) {
      byCampaign.computeIfAbsent(m.campaign().id(), id -> new ArrayList<>()).add(m);
    }
    List<ReconcileResult> out = new ArrayList<>(messages.size());
    for (List<OutboundMessage> ms : byCampaign.values()) {
      out.addAll(reconcileCampaign(ms));
    }
    return out;
  }

  /** One piece of evidence that TextLocal has a message: its id (if known) and status letter. */
  private record Evidence(String messageId, DeliveryStatus status, String text, String source) {}

  /** Evidence by recipient digits; each entry vouches for one message only. */
  private static final class Evidences {
    final Map<String, Deque<Evidence>> byDigits = new HashMap<>();

    void add(String number, Evidence e) {
      if (number == null) {
        return;
      }
      byDigits.computeIfAbsent(digitsOnly(number), d -> new ArrayDeque<>()).add(e);
    }

    /**
     * Takes the evidence for a message: an entry with its number whose text, when the record
     * carries one, is the message's text.
     */
    Evidence claim(OutboundMessage m) {
      Deque<Evidence> q = byDigits.get(m.to().digits());
      if (q == null) {
        return null;
      }
      for (Evidence e : q) {
        if (e.text() == null || sameText(e.text(), m.text())) {
          q.remove(e);
          return e;
        }
      }
      return null;
    }

    boolean mentions(String digits) {
      Deque<Evidence> q = byDigits.get(digits);
      return q != null && !q.isEmpty();
    }
  }

  private List<ReconcileResult> reconcileCampaign(List<OutboundMessage> ms) {
    Campaign campaign = ms.get(0).campaign();
    String tag = TextLocalCampaignFlow.campaignTag(campaign.id());
    Instant now = client.clock().instant();
    List<String> gaps = new ArrayList<>();

    Evidences history = new Evidences();
    Set<String> untagged = new HashSet<>();
    boolean historyComplete = readHistory(campaign, tag, now, history, untagged, gaps);

    Evidences batches = new Evidences();
    boolean batchesComplete = readBatches(campaign.id(), batches, gaps);

    Evidences received = new Evidences();
    readReceipts(tag, received, gaps);

    boolean scheduledAhead = campaign.sendTime().isAfter(now);
    List<ReconcileResult> out = new ArrayList<>(ms.size());
    for (OutboundMessage m : ms) {
      IdempotencyKey key = m.idempotencyKey();
      Evidence e = history.claim(m);
      if (e == null) {
        e = batches.claim(m);
      }
      if (e == null) {
        e = received.claim(m);
      }
      if (e != null) {
        out.add(verdict(key, e));
        continue;
      }
      String digits = m.to().digits();
      boolean provablyAbsent =
          inferNotSent
              && historyComplete
              && batchesComplete
              && !scheduledAhead
              && !untagged.contains(digits)
              && !history.mentions(digits);
      if (provablyAbsent) {
        out.add(
            ReconcileResult.notSent(
                key,
                "INFERRED: not in TextLocal's get_history_api for tag "
                    + tag
                    + " (read completely); TextLocal does not document its history as complete"
                    + " or immediate"));
      } else {
        out.add(
            ReconcileResult.unknown(
                key,
                "not found in TextLocal's records for tag "
                    + tag
                    + (gaps.isEmpty() ? "" : " (" + String.join("; ", gaps) + ")")
                    + ": TextLocal's history is not documented as complete, so absence proves"
                    + " nothing"));
      }
    }
    return out;
  }

  private static ReconcileResult verdict(IdempotencyKey key, Evidence e) {
    if (DeliveryStatus.INVALID.equals(e.status())) {
      return ReconcileResult.rejected(
          key,
          RejectionReason.INVALID_PHONE_FORMAT,
          "TextLocal " + e.source() + ": status I (invalid number)");
    }
    return ReconcileResult.sent(key, e.messageId());
  }

  /**
   * Reads {@code get_history_api} from the campaign's send time minus the lookback to now, keeping
   * the entries tagged with the campaign and noting the numbers of untagged ones.
   *
   * @return whether every page was read (the reported total reached, or a short or empty last page)
   */
  private boolean readHistory(
      Campaign campaign,
      String tag,
      Instant now,
      Evidences into,
      Set<String> untagged,
      List<String> gaps) {
    Instant from = campaign.sendTime().minus(lookback);
    if (from.isAfter(now)) {
      gaps.add("the campaign's send time is still ahead, so its history was not read");
      return false;
    }
    HistoryQuery q = new HistoryQuery(from, now, SortOrder.ASC, HistoryQuery.MAX_PAGE_SIZE);
    int start = 0;
    String previousFirst = null;
    try {
      for (int pages = 0; pages < maxHistoryPages; pages++) {
        HistoryPage page = client.listApiHistoryPage(q, start);
        List<HistoryMessage> entries = page.messages();
        if (entries.isEmpty()) {
          return true;
        }
        String first = fingerprint(entries.get(0));
        if (pages > 0 && first.equals(previousFirst)) {
          gaps.add("get_history_api repeated a page at start=" + start);
          return false;
        }
        previousFirst = first;
        for (HistoryMessage h : entries) {
          if (h.customId() == null || h.customId().isEmpty()) {
            if (h.number() != null) {
              untagged.add(digitsOnly(h.number()));
            }
          } else if (tag.equals(h.customId())) {
            into.add(
                h.number(),
                new Evidence(h.id(), h.deliveryStatus(), h.content(), "get_history_api"));
          }
        }
        start += entries.size();
        boolean last = page.total() > 0 ? start >= page.total() : entries.size() < q.pageSize();
        if (last) {
          return true;
        }
      }
      gaps.add("get_history_api has more than " + maxHistoryPages + " pages in the window");
      return false;
    } catch (RuntimeException e) {
      gaps.add("get_history_api could not be read: " + e.getMessage());
      return false;
    }
  }

  private boolean readBatches(CampaignId campaignId, Evidences into, List<String> gaps) {
    Collection<String> ids = knownBatchIds.apply(campaignId);
    if (ids == null) {
      return true;
    }
    boolean complete = true;
    for (String id : ids) {
      try {
        BatchStatus b = client.getBatchStatus(id);
        for (BatchStatus.RecipientStatus r : b.messages()) {
          into.add(r.recipient(), new Evidence(null, r.deliveryStatus(), null, "status_batch"));
        }
      } catch (RuntimeException e) {
        gaps.add("status_batch " + id + " could not be read: " + e.getMessage());
        complete = false;
      }
    }
    return complete;
  }

  private void readReceipts(String tag, Evidences into, List<String> gaps) {
    if (receipts == null) {
      return;
    }
    try {
      List<DeliveryReceipt> rs = receipts.receiptsFor(tag);
      for (DeliveryReceipt r : rs == null ? List.<DeliveryReceipt>of() : rs) {
        if (tag.equals(r.customId())) {
          into.add(r.number(), new Evidence(null, r.status(), null, "delivery receipt"));
        }
      }
    } catch (RuntimeException e) {
      gaps.add("the receipt source failed: " + e.getClass().getSimpleName());
    }
  }

  private static String fingerprint(HistoryMessage h) {
    return h.id() + "|" + h.number() + "|" + h.datetime();
  }

  /** Exact text, or the text TextLocal stored URL-encoded (the bulk_json samples encode it). */
  private static boolean sameText(String stored, String sent) {
    if (stored.equals(sent)) {
      return true;
    }
    try {
      return URLDecoder.decode(stored, StandardCharsets.UTF_8).equals(sent);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String digitsOnly(String number) {
    StringBuilder sb = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char ch = number.charAt(i);
      if (ch >= '0' && ch <= '9') {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
