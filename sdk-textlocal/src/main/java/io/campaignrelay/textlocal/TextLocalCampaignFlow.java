package io.campaignrelay.textlocal;

import io.campaignrelay.core.Campaign;
import io.campaignrelay.core.CampaignId;
import io.campaignrelay.core.CustomerAttributes;
import io.campaignrelay.core.execution.ExecutionListener;
import io.campaignrelay.core.execution.Recipient;
import io.campaignrelay.core.metrics.RejectionReason;
import io.campaignrelay.core.template.RenderResult;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateRenderer;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.BulkSendResult;
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
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Optimove's TextLocal campaign execution over the public API: segment and send.
 *
 * <p>For each campaign: the template's prefix selects the contact group (the main group when no
 * prefix matches); the group is read once per run with {@code get_contacts} and indexed by the key
 * custom field ({@link ContactIndex}); each target CustomerId is resolved to the contact's number,
 * and customers with no contact or no valid number are reported as dropped (through {@link
 * ExecutionListener#onDropped}) with the reason. TextLocal has no public segment command, so:
 *
 * <ul>
 *   <li>when every recipient gets the same text (the template has no {@code [%TAG%]}), the segment
 *       is a temporary contact group created for the campaign ({@code create_group}, then {@code
 *       create_contacts_bulk} 1,500 at a time) sent with {@code group_id};
 *   <li>when the text is personalised, the messages go through {@code bulk_json}, 500 per call,
 *       each with its own rendered text; the target list is streamed, never held whole.
 * </ul>
 *
 * <p>Every send is scheduled at the campaign's send time (or sent at once when that time has
 * passed), carries {@code optouts=true} on the group route, and carries the campaign tag in {@code
 * custom} so that receipts can be matched. Every batch id is recorded against the campaign in the
 * {@link CampaignLedger}. Temporary groups are deleted by {@link #cleanupTemporaryGroups()} once
 * their send time plus a grace period has passed (a scheduled send needs its group until then), and
 * at once when the send failed. SMS only: nothing here sends MMS.
 *
 * <p>Test mode: build the client with {@code testMode(true)} to have TextLocal validate and price
 * every send without sending (temporary groups are still created and cleaned up). Thread-safe; runs
 * of different campaigns may go in parallel.
 */
public final class TextLocalCampaignFlow {

  /** Default time a temporary group is kept after its send time. */
  public static final Duration DEFAULT_TEMPORARY_GROUP_GRACE = Duration.ofHours(6);

  private static final String TAG_PREFIX = "optimove-campaign-";

  private final TextLocalClient client;
  private final TextLocalIntegrationSettings settings;
  private final CampaignLedger ledger;
  private final TemplateRenderer renderer;
  private final Duration grace;

  private TextLocalCampaignFlow(Builder b) {
    this.client = Objects.requireNonNull(b.client, "client");
    this.settings = Objects.requireNonNull(b.settings, "settings");
    this.ledger = b.ledger == null ? CampaignLedger.inMemory() : b.ledger;
    this.renderer = b.renderer == null ? TemplateRenderer.create() : b.renderer;
    this.grace = b.grace == null ? DEFAULT_TEMPORARY_GROUP_GRACE : b.grace;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The ledger the flow records to.
   *
   * @return the ledger
   */
  public CampaignLedger ledger() {
    return ledger;
  }

  /**
   * The {@code custom} value of a campaign's sends.
   *
   * @param campaignId the campaign
   * @return e.g. {@code optimove-campaign-1234}
   */
  public static String campaignTag(CampaignId campaignId) {
    return TAG_PREFIX + campaignId.value();
  }

  /**
   * The campaign of a receipt's {@code customID}.
   *
   * @param customId the value
   * @return the campaign, if the value is a campaign tag
   */
  public static Optional<CampaignId> campaignOfTag(String customId) {
    if (customId == null || !customId.startsWith(TAG_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CampaignId.of(customId.substring(TAG_PREFIX.length())));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The contact group a template belongs to, by its name prefix.
   *
   * @param template the template
   * @return the group id
   */
  public String groupFor(Template template) {
    List<String> groups = settings.routing().matchingGroups(template.name());
    return groups.isEmpty() ? settings.groupId() : groups.get(0);
  }

  /**
   * Segments and sends a campaign, reading the group's contacts once.
   *
   * @param campaign the campaign (id and send time)
   * @param template the TextLocal template to send
   * @param recipients the target customers, streamed
   * @param listener receives every dropped customer with the reason
   * @return the record saved in the ledger
   * @throws io.campaignrelay.core.ConfigurationException if the text fails a check (nothing sent)
   * @throws PartialSendException if a send failed after earlier batches were accepted (those are
   *     recorded in the ledger first)
   */
  public CampaignDispatch execute(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ExecutionListener listener) {
    String groupId = groupFor(template);
    ContactIndex index = ContactIndex.load(client, groupId, settings.keyField());
    return execute(campaign, template, recipients, index, listener);
  }

  /**
   * Segments and sends a campaign with a contact index already read for this run.
   *
   * @param campaign the campaign
   * @param template the TextLocal template to send
   * @param recipients the target customers, streamed
   * @param index the template's group, indexed by CustomerID
   * @param listener receives every dropped customer with the reason
   * @return the record saved in the ledger
   */
  public CampaignDispatch execute(
      Campaign campaign,
      Template template,
      Stream<Recipient> recipients,
      ContactIndex index,
      ExecutionListener listener) {
    Instant now = client.clock().instant();
    Instant sendTime = campaign.sendTime().isAfter(now) ? campaign.sendTime() : now;
    Instant schedule = campaign.sendTime().isAfter(now) ? campaign.sendTime() : null;
    String tag = campaignTag(campaign.id());
    Map<RejectionReason, Long> dropped = new EnumMap<>(RejectionReason.class);
    boolean personalised = !TemplateRenderer.tagsOf(template.body()).isEmpty();
    Counter targeted = new Counter();
    Iterator<Resolved> resolved =
        resolve(recipients.iterator(), index, template, personalised, dropped, listener, targeted);
    if (personalised) {
      return sendPersonalised(
          campaign, index, resolved, tag, schedule, sendTime, dropped, targeted);
    }
    return sendToTemporaryGroup(
        campaign, template, index, resolved, tag, schedule, sendTime, dropped, targeted);
  }

  private CampaignDispatch sendPersonalised(
      Campaign campaign,
      ContactIndex index,
      Iterator<Resolved> resolved,
      String tag,
      Instant schedule,
      Instant sendTime,
      Map<RejectionReason, Long> dropped,
      Counter targeted) {
    BulkSendOptions options =
        new BulkSendOptions(
            settings.senderName().orElse(null), schedule, tag, null, client.testMode());
    Iterable<BulkMessage> messages =
        () -> new MappingIterator<>(resolved, r -> BulkMessage.of(r.contact().number(), r.text()));
    BulkSendSummary s;
    try {
      s = client.sendBulkInChunks(messages, options, (BulkSendResult r) -> {});
    } catch (PartialSendException e) {
      ledger.save(
          dispatch(
              campaign,
              CampaignDispatch.Route.BULK_JSON,
              index,
              null,
              tag,
              sendTime,
              targeted.n,
              e.messagesAccepted(),
              dropped,
              e.batchIds()));
      throw e;
    }
    CampaignDispatch d =
        dispatch(
            campaign,
            CampaignDispatch.Route.BULK_JSON,
            index,
            null,
            tag,
            sendTime,
            targeted.n,
            s.messagesSubmitted() - s.messagesNotSent(),
            dropped,
            s.batchIds());
    ledger.save(d);
    return d;
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
    String tempGroup = null;
    long submitted = 0;
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
        CampaignDispatch d =
            dispatch(
                campaign,
                CampaignDispatch.Route.TEMPORARY_GROUP,
                index,
                null,
                tag,
                sendTime,
                targeted.n,
                0,
                dropped,
                List.of());
        ledger.save(d);
        return d;
      }
      SendResult r = client.send(send.groupId(tempGroup).build());
      CampaignDispatch d =
          dispatch(
              campaign,
              CampaignDispatch.Route.TEMPORARY_GROUP,
              index,
              tempGroup,
              tag,
              sendTime,
              targeted.n,
              submitted,
              dropped,
              r.batchId() == null ? List.of() : List.of(r.batchId()));
      ledger.save(d);
      return d;
    } catch (RuntimeException e) {
      if (tempGroup != null) {
        boolean deleted = deleteQuietly(tempGroup);
        CampaignDispatch d =
            dispatch(
                campaign,
                CampaignDispatch.Route.TEMPORARY_GROUP,
                index,
                tempGroup,
                tag,
                sendTime,
                targeted.n,
                0,
                dropped,
                List.of());
        ledger.save(deleted ? d.withTemporaryGroupDeleted() : d);
      }
      throw e;
    }
  }

  /**
   * Deletes the temporary groups whose send time plus the grace period has passed.
   *
   * @return how many groups were deleted
   */
  public int cleanupTemporaryGroups() {
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
        false);
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
                renderer.render(template, withNames(r.attributes(), l), r.promoCodes());
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

  private static CustomerAttributes withNames(CustomerAttributes a, ContactIndex.Lookup l) {
    CustomerAttributes.Builder b = a.toBuilder();
    if (!a.contains("FIRST_NAME") && l.contact().firstName() != null) {
      b.add("FIRST_NAME", l.contact().firstName());
    }
    if (!a.contains("LAST_NAME") && l.contact().lastName() != null) {
      b.add("LAST_NAME", l.contact().lastName());
    }
    return b.build();
  }

  private static final class MappingIterator<A, B> implements Iterator<B> {
    private final Iterator<A> in;
    private final java.util.function.Function<A, B> f;

    MappingIterator(Iterator<A> in, java.util.function.Function<A, B> f) {
      this.in = in;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      return in.hasNext();
    }

    @Override
    public B next() {
      return f.apply(in.next());
    }
  }

  /** Builds a {@link TextLocalCampaignFlow}. Not thread-safe. */
  public static final class Builder {
    private TextLocalClient client;
    private TextLocalIntegrationSettings settings;
    private CampaignLedger ledger;
    private TemplateRenderer renderer;
    private Duration grace;

    private Builder() {}

    /**
     * Sets the client.
     *
     * @param client the client
     * @return this builder
     */
    public Builder client(TextLocalClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets the integration settings.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(TextLocalIntegrationSettings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * Sets the ledger (default: in memory).
     *
     * @param ledger the ledger
     * @return this builder
     */
    public Builder ledger(CampaignLedger ledger) {
      this.ledger = ledger;
      return this;
    }

    /**
     * Sets the renderer for personalised templates (default: {@link TemplateRenderer#create()}).
     *
     * @param renderer the renderer
     * @return this builder
     */
    public Builder renderer(TemplateRenderer renderer) {
      this.renderer = renderer;
      return this;
    }

    /**
     * Sets how long a temporary group is kept after its send time.
     *
     * @param grace the period, default {@link #DEFAULT_TEMPORARY_GROUP_GRACE}
     * @return this builder
     */
    public Builder temporaryGroupGrace(Duration grace) {
      this.grace = grace;
      return this;
    }

    /**
     * Builds the flow.
     *
     * @return the flow
     * @throws NullPointerException if the client or settings are missing
     */
    public TextLocalCampaignFlow build() {
      return new TextLocalCampaignFlow(this);
    }
  }
}
