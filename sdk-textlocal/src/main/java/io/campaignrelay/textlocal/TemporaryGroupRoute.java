package io.campaignrelay.textlocal;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.ExecutionMode;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.RenderResult;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import io.campaignrelay.textlocal.models.NewContact;
import io.campaignrelay.textlocal.models.SendRequest;
import io.campaignrelay.textlocal.models.SendResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The same-text route of {@link TextLocalCampaignFlow} (LIVE, no {@code [%TAG%]} in the template):
 * the segment is a temporary contact group created for the campaign ({@code create_group}, then
 * {@code create_contacts_bulk} 1,500 at a time), sent with one {@code send} by {@code group_id} and
 * {@code optouts=true}. It has no per-recipient journal: the {@link CampaignLedger} records the
 * send before it is made, and a campaign already handed over (or possibly handed over) is refused
 * with {@link CampaignAlreadySentException} (the send-once guard). Thread-safe.
 */
final class TemporaryGroupRoute {
  private final TextLocalClient client;
  private final TextLocalIntegrationSettings settings;
  private final CampaignLedger ledger;
  private final TemplateRenderer renderer;
  private final Duration grace;

  TemporaryGroupRoute(
      TextLocalClient client,
      TextLocalIntegrationSettings settings,
      CampaignLedger ledger,
      TemplateRenderer renderer,
      Duration grace) {
    this.client = client;
    this.settings = settings;
    this.ledger = ledger;
    this.renderer = renderer;
    this.grace = grace;
  }

  /** Sends a same-text campaign LIVE to a temporary group, once. */
  TextLocalCampaignRun send(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ContactIndex index,
      ExecutionMode mode,
      ExecutionListener listener) {
    Instant now = client.clock().instant();
    Instant sendTime = campaign.sendTime().isAfter(now) ? campaign.sendTime() : now;
    Instant schedule = campaign.sendTime().isAfter(now) ? campaign.sendTime() : null;
    String tag = TextLocalCampaignFlow.campaignTag(campaign.id());
    // The group route has no per-recipient journal: a campaign whose group send was already
    // handed to TextLocal (or may have been) is never sent again.
    Optional<CampaignDispatch> earlier = ledger.find(campaign.id());
    if (earlier.isPresent()
        && earlier.get().route() == CampaignDispatch.Route.TEMPORARY_GROUP
        && !earlier.get().testMode()
        && earlier.get().submitted() > 0) {
      throw new CampaignAlreadySentException(campaign.id(), earlier.get());
    }
    Map<RejectionReason, Long> dropped = new EnumMap<>(RejectionReason.class);
    Counter targeted = new Counter();
    Iterator<Resolved> resolved =
        resolve(recipients.iterator(), index, template, false, dropped, listener, targeted);
    CampaignDispatch d =
        sendToTemporaryGroup(
            campaign, template, index, resolved, tag, schedule, sendTime, dropped, targeted);
    return new TextLocalCampaignRun(mode, d, null);
  }

  private CampaignDispatch sendToTemporaryGroup(
      Campaign campaign,
      Template template,
      ContactIndex index,
      Iterator<Resolved> resolved,
      String tag,
      Instant schedule,
      Instant sendTime,
      Map<RejectionReason, Long> dropped,
      Counter targeted) {
    // check the text before creating anything on TextLocal
    TextLocalClient.checkMessage(template.body());
    SendRequest.Builder send =
        SendRequest.builder()
            .message(template.body())
            .sender(settings.senderName().orElse(null))
            .scheduleTime(schedule)
            .custom(tag)
            .optOuts(true)
            .test(client.testMode());
    // What the ledger holds at each step: only the group, the count handed over and the batch ids
    // change.
    DispatchRecord record =
        (group, handedOver, batchIds) ->
            dispatch(
                campaign,
                CampaignDispatch.Route.TEMPORARY_GROUP,
                index,
                group,
                tag,
                sendTime,
                targeted.n,
                handedOver,
                dropped,
                batchIds);
    String tempGroup = null;
    long submitted = 0;
    boolean sendCalled = false;
    List<NewContact> chunk = new ArrayList<>(TextLocalClient.MAX_CONTACTS_PER_BULK_CREATE);
    try {
      while (resolved.hasNext()) {
        chunk.clear();
        while (resolved.hasNext() && chunk.size() < TextLocalClient.MAX_CONTACTS_PER_BULK_CREATE) {
          Resolved r = resolved.next();
          chunk.add(
              NewContact.of(
                      r.contact().number(),
                      r.contact().contact().firstName(),
                      r.contact().contact().lastName())
                  .withCustom(settings.keyField(), r.customerId()));
        }
        if (tempGroup == null) {
          tempGroup =
              client
                  .createGroup(tag + "-" + client.clock().instant().getEpochSecond())
                  .group()
                  .id();
        }
        client.createContactsBulk(tempGroup, chunk);
        submitted += chunk.size();
      }
      if (tempGroup == null) {
        CampaignDispatch d = record.of(null, 0, List.of());
        ledger.save(d);
        return d;
      }
      // Recorded before the send: if the answer is lost, the ledger still says it may have gone.
      ledger.save(record.of(tempGroup, submitted, List.of()));
      sendCalled = true;
      SendResult r = client.send(send.groupId(tempGroup).build());
      CampaignDispatch d =
          record.of(tempGroup, submitted, r.batchId() == null ? List.of() : List.of(r.batchId()));
      ledger.save(d);
      return d;
    } catch (RuntimeException e) {
      if (sendCalled && !SendOutcomes.definitelyNotSent(e)) {
        // Not a positive refusal (a lost, cut or unreadable answer, a 5xx, an unlisted code): the
        // send may have been accepted (and scheduled). Keep the group and the ledger record saying
        // it was handed over, so that no re-run sends it again.
        throw e;
      }
      if (tempGroup != null) {
        boolean deleted = deleteQuietly(tempGroup);
        CampaignDispatch d = record.of(tempGroup, 0, List.of());
        ledger.save(deleted ? d.withTemporaryGroupDeleted() : d);
      }
      throw e;
    }
  }

  /** A ledger record of this route's campaign at one step of the send. */
  private interface DispatchRecord {
    CampaignDispatch of(String group, long handedOver, List<String> batchIds);
  }

  private boolean deleteQuietly(String groupId) {
    try {
      client.deleteGroup(groupId);
      return true;
    } catch (TextLocalApiException e) {
      // code 10 (invalid group): already gone
      return e.errorCode().code() == 10;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private CampaignDispatch dispatch(
      Campaign campaign,
      CampaignDispatch.Route route,
      ContactIndex index,
      String tempGroup,
      String tag,
      Instant sendTime,
      long targeted,
      long submitted,
      Map<RejectionReason, Long> dropped,
      List<String> batchIds) {
    return new CampaignDispatch(
        campaign.id(),
        route,
        index.groupId(),
        tempGroup,
        false,
        tag,
        sendTime,
        targeted,
        submitted,
        dropped,
        batchIds,
        client.testMode());
  }

  /**
   * Deletes the temporary groups whose send time plus the grace period has passed.
   *
   * @return how many groups were deleted
   */
  int cleanup() {
    Instant now = client.clock().instant();
    int deleted = 0;
    for (CampaignDispatch d : ledger.all()) {
      if (d.temporaryGroupId() != null
          && !d.temporaryGroupDeleted()
          && !d.sendTime().plus(grace).isAfter(now)
          && deleteQuietly(d.temporaryGroupId())) {
        ledger.save(d.withTemporaryGroupDeleted());
        deleted++;
      }
    }
    return deleted;
  }

  private record Resolved(String customerId, ContactIndex.Lookup contact, String text) {}

  private static final class Counter {
    long n;
  }

  private Iterator<Resolved> resolve(
      Iterator<Recipient> in,
      ContactIndex index,
      Template template,
      boolean personalised,
      Map<RejectionReason, Long> dropped,
      ExecutionListener listener,
      Counter targeted) {
    return new Iterator<>() {
      private Resolved next;

      @Override
      public boolean hasNext() {
        while (next == null && in.hasNext()) {
          Recipient r = in.next();
          targeted.n++;
          ContactIndex.Lookup l = index.lookup(r.customerId());
          if (!l.found()) {
            RejectionReason reason =
                l.contact() == null ? RejectionReason.OTHER : RejectionReason.INVALID_PHONE_FORMAT;
            dropped.merge(reason, 1L, Long::sum);
            listener.onDropped(r.customerId(), reason, l.problem());
            continue;
          }
          String text = null;
          if (personalised) {
            RenderResult rendered =
                renderer.render(
                    template, TextLocalCampaignFlow.withNames(r.attributes(), l), r.promoCodes());
            if (!rendered.isRendered()) {
              dropped.merge(RejectionReason.OTHER, 1L, Long::sum);
              listener.onDropped(
                  r.customerId(), RejectionReason.OTHER, rendered.describeProblems());
              continue;
            }
            text = rendered.text();
          }
          next = new Resolved(r.customerId().value(), l, text);
        }
        return next != null;
      }

      @Override
      public Resolved next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Resolved r = next;
        next = null;
        return r;
      }
    };
  }
}
