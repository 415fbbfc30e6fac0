package io.campaignrelay.delivyr;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientBuilder;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.spi.Authentication;
import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.core.http.spi.VendorProfile;
import io.campaignrelay.delivyr.implementation.BatchAnswer;
import io.campaignrelay.delivyr.implementation.BatchBody;
import io.campaignrelay.delivyr.implementation.DelivyrApi;
import io.campaignrelay.delivyr.implementation.DelivyrErrorParser;
import io.campaignrelay.delivyr.implementation.IdempotencyKeys;
import io.campaignrelay.delivyr.implementation.RequestFields;
import io.campaignrelay.delivyr.implementation.TextSet;
import io.campaignrelay.delivyr.implementation.Wire;
import io.campaignrelay.delivyr.models.AttributeCheck;
import io.campaignrelay.delivyr.models.BatchItemResult;
import io.campaignrelay.delivyr.models.BatchResult;
import io.campaignrelay.delivyr.models.CampaignReference;
import io.campaignrelay.delivyr.models.CustomerAttribute;
import io.campaignrelay.delivyr.models.DelivyrTemplate;
import io.campaignrelay.delivyr.models.MessageEvent;
import io.campaignrelay.delivyr.models.MessageListOptions;
import io.campaignrelay.delivyr.models.MessageLogEntry;
import io.campaignrelay.delivyr.models.OptOut;
import io.campaignrelay.delivyr.models.OptimoveIntegration;
import io.campaignrelay.delivyr.models.RejectionReason;
import io.campaignrelay.delivyr.models.SendMessageRequest;
import io.campaignrelay.delivyr.models.SendSummary;
import io.campaignrelay.delivyr.models.SentMessage;
import io.campaignrelay.delivyr.models.TemplateListOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.RequestBody;
import retrofit2.Call;

/**
 * Client of Delivyr's HTTP API (the modelled contract described on {@link DelivyrApi}): templates,
 * messages (single and batch), the Message Log, message events, opt-outs and the Optimove
 * integration.
 *
 * <pre>{@code
 * DelivyrClient delivyr = DelivyrClient.builder()
 *     .endpoint("https://api.delivyr.example/v1/")
 *     .credential(Secret.of(System.getenv("DELIVYR_API_KEY")))
 *     .buildClient();
 * SentMessage sent = delivyr.sendMessage(SendMessageRequest.builder()
 *     .to("+447700900123").templateId("HDS7F3Y2").variable("FIRST_NAME", "Ada")
 *     .testMode(true).build()); // only to the Message Log; off by default
 * }</pre>
 *
 * <p>Authentication is {@code Authorization: Bearer <key>}; the key never appears in logs, {@link
 * #toString()} or exception messages. Every write that creates something carries an {@code
 * Idempotency-Key} fixed before the first attempt, and every message its own {@code
 * idempotencyKey}, so the shared retry loop (and a resumed campaign) may re-send it safely.
 * Failures raise {@link ApiConnectionException} (no response; {@code outcomeUnknown()} says whether
 * the request may have arrived) or an {@link ApiServiceException} subclass chosen by status, whose
 * {@link ApiServiceException#requestRefused() requestRefused()} is true only for Delivyr's
 * documented refusals of the whole request (400 with Delivyr's error body, 401, 403, 429): a 5xx, a
 * 409 (an {@code Idempotency-Key} still being processed) or an unreadable answer leaves the outcome
 * unknown.
 *
 * <p>Immutable and thread-safe; building it makes no network call.
 */
public final class DelivyrClient {

  /** The vendor name: logger {@code io.campaignrelay.delivyr.http}, User-Agent suffix. */
  public static final String VENDOR = "delivyr";

  /** The most messages one {@code POST messages/batch} call takes. */
  public static final int MAX_BATCH_SIZE = 1000;

  static final VendorProfile PROFILE =
      VendorProfile.builder(VENDOR)
          .secretNames("authorization", "apiKey", "tenantToken")
          .loggableParameters(
              "status",
              "channel",
              "limit",
              "cursor",
              "campaignId",
              "idempotencyKey",
              "since",
              "until")
          .idempotencyKeyHeader(DelivyrApi.IDEMPOTENCY_KEY)
          .errorParser(DelivyrErrorParser.INSTANCE)
          .build();

  private static final RequestFields.Reader FIELDS = RequestFields.reader();

  private final HttpPipeline pipeline;
  private final DelivyrApi api;
  private final Clock clock;
  private final Secret credential;

  private DelivyrClient(HttpPipeline pipeline, ClientOptions options, Secret credential) {
    this.pipeline = pipeline;
    this.api = pipeline.create(DelivyrApi.class);
    this.clock = options.clock();
    this.credential = credential;
  }

  /**
   * A builder. The endpoint and the credential are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's settings (endpoint, credential, transport options), to derive a
   * variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().clientOptions(pipeline.options()).credential(credential);
  }

  /**
   * The base URL requests go to.
   *
   * @return the endpoint, ending with {@code /}
   */
  public String endpoint() {
    return pipeline.endpoint();
  }

  /**
   * The clock of this client (used for webhook tolerance and metric timestamps by callers).
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- templates

  /**
   * Lists every template, lazily paged.
   *
   * @return the templates
   */
  public PagedIterable<DelivyrTemplate> listTemplates() {
    return listTemplates(TemplateListOptions.all());
  }

  /**
   * Lists templates, lazily paged.
   *
   * @param options the filters
   * @return the templates
   */
  public PagedIterable<DelivyrTemplate> listTemplates(TemplateListOptions options) {
    Objects.requireNonNull(options, "options");
    String status = options.status() == null ? null : options.status().value();
    String channel = options.channel() == null ? null : options.channel().value();
    return paged(
        "GET templates", cursor -> api.listTemplates(status, channel, options.pageSize(), cursor));
  }

  /**
   * Reads one template.
   *
   * @param templateId the Delivyr template id, e.g. {@code HDS7F3Y2}
   * @return the template
   * @throws ConfigurationException if the id is not a Delivyr template id
   * @throws io.campaignrelay.core.http.NotFoundException if there is no such template
   */
  public DelivyrTemplate getTemplate(String templateId) {
    if (!TemplateIdMapping.isValidDelivyrId(templateId)) {
      TemplateIdMapping.toOptimoveTemplateId(templateId); // throws the descriptive error
    }
    return pipeline.execute(api.getTemplate(templateId), "GET templates/{id}");
  }

  // ---------------------------------------------------------------- messages

  /**
   * Sends one SMS, or in testing mode ({@code testMode(true)} on the request) only writes it to the
   * Message Log. The idempotency key is fixed before the first attempt (see {@link
   * SendMessageRequest}) and sent twice: as the {@code Idempotency-Key} header and as the message's
   * own {@code idempotencyKey}, so Delivyr does not send it again within 24 h, alone or inside any
   * batch.
   *
   * @param request the message
   * @return Delivyr's answer; {@link SentMessage#isRejected()} when Delivyr refused the recipient,
   *     {@link SentMessage#replayed()} when Delivyr had already seen the key (nothing new was sent)
   */
  public SentMessage sendMessage(SendMessageRequest request) {
    Objects.requireNonNull(request, "request");
    String key = IdempotencyKeys.forMessage(request);
    return pipeline.execute(api.sendMessage(key, wire(request, null, key)), "POST messages");
  }

  /**
   * Sends up to {@value #MAX_BATCH_SIZE} messages in one call.
   *
   * <p>Each message carries its own {@code idempotencyKey} (given, or derived from campaign and
   * customer, or random; see {@link SendMessageRequest}), on which Delivyr dedupes it for 24 h
   * whatever batch it arrives in: a message whose key Delivyr has seen is not sent again and its
   * result is the first one, marked {@link BatchItemResult#replayed()}. Re-sending messages in
   * other batches, in another order or mixed with new ones (a resumed campaign) is therefore safe.
   * Each message also carries a client reference (its own, or else its idempotency key) to match
   * the results. The batch's {@code Idempotency-Key} header (over its members' keys, in order) is
   * only an optimisation: Delivyr answers a repeat of the exact batch whole. All keys are fixed
   * before the first attempt, so the retry loop re-sends the same bytes.
   *
   * <p>Delivyr's contract lists every message in the results. Should an answer leave a message out,
   * that message's outcome is unknown (it may have been sent): look it up with {@link
   * #listMessages(MessageListOptions)} and {@link MessageListOptions#forMessage(String, String)}
   * before giving up on it, or send it again with the same idempotency key, which cannot text the
   * recipient twice.
   *
   * @param messages 1 to 1,000 messages
   * @return Delivyr's results, matched to messages by client reference
   * @throws ConfigurationException if the batch is empty, too large or has duplicate references
   */
  public BatchResult sendBatch(List<SendMessageRequest> messages) {
    return sendBatch(messages, null);
  }

  /** Sends a batch; {@code referencesOut}, when given, receives each message's client reference. */
  private BatchResult sendBatch(List<SendMessageRequest> messages, List<String> referencesOut) {
    Objects.requireNonNull(messages, "messages");
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (messages.isEmpty() || messages.size() > MAX_BATCH_SIZE) {
      problems.add(batchSizeProblem(messages.size()));
    }
    int n = messages.size();
    List<String> keys = new ArrayList<>(n);
    List<String> referenceList = new ArrayList<>(n);
    // Most messages use their key as their reference (the channel's all do). While every
    // reference so far is its message's key, the set of references is the set of keys, so one
    // set checks both; the first message with a reference of its own starts the set of references
    // from the keys seen so far.
    TextSet distinctKeys = TextSet.withExpected(n);
    Set<String> references = null;
    boolean stable = true;
    for (SendMessageRequest m : messages) {
      String key = IdempotencyKeys.forMessage(m);
      stable &= IdempotencyKeys.isStable(m);
      keys.add(key);
      boolean keyIsNew = distinctKeys.add(key);
      if (!keyIsNew) {
        problems.add(repeatedKeyProblem(key));
      }
      String own = FIELDS.clientReference(m);
      String reference = own == null ? key : own;
      referenceList.add(reference);
      boolean referenceIsNew;
      if (references == null && reference.equals(key)) {
        referenceIsNew = keyIsNew;
      } else {
        if (references == null) {
          // the earlier messages' references: their keys, so this one's only if one of them had it
          // (the keys so far, this one's included, are those of the list)
          references = new HashSet<>(keys);
          if (keyIsNew) {
            references.remove(key);
          }
        }
        referenceIsNew = references.add(reference);
      }
      if (!referenceIsNew) {
        problems.add(
            ConfigurationProblem.of(
                "clientReference",
                reference,
                "give every message of a batch its own reference (the same customer twice in one"
                    + " campaign?)"));
      }
    }
    ConfigurationException.throwIfAny("Delivyr batch", problems);
    if (referencesOut != null) {
      referencesOut.addAll(referenceList);
    }
    String batchKey = IdempotencyKeys.forBatch(keys, stable);
    RequestBody body =
        BatchBody.write(pipeline.objectMapper().getFactory(), messages, referenceList, keys);
    return sendBody(batchKey, body);
  }

  /**
   * Sends a batch whose messages the caller has already checked as {@link #sendBatch(List)} would
   * (1 to {@value #MAX_BATCH_SIZE} messages, each with a valid number, a text, and its own
   * idempotency key and reference), as the channel's engine messages are: the same request, without
   * a {@link SendMessageRequest} built and checked per message.
   *
   * @param messages the messages
   * @param keys each message's idempotency key, in order, every one given (the batch key is derived
   *     from them)
   */
  BatchResult sendChecked(BatchBody.Messages messages, List<String> keys) {
    String batchKey = IdempotencyKeys.forBatch(keys, true);
    return sendBody(batchKey, BatchBody.write(pipeline.objectMapper().getFactory(), messages));
  }

  /** The problem of a batch of {@code size} messages, outside 1 to {@value #MAX_BATCH_SIZE}. */
  static ConfigurationProblem batchSizeProblem(int size) {
    return ConfigurationProblem.of(
        "messages",
        size + " messages",
        "send 1 to " + MAX_BATCH_SIZE + " messages per batch; split larger campaigns");
  }

  /** The problem of an idempotency key given to more than one message of a batch. */
  static ConfigurationProblem repeatedKeyProblem(String key) {
    return ConfigurationProblem.of(
        "idempotencyKey",
        key,
        "give every message of a batch its own idempotency key: Delivyr sends only the first"
            + " message of a key");
  }

  private BatchResult sendBody(String batchKey, RequestBody body) {
    BatchAnswer answer = pipeline.execute(api.sendBatch(batchKey, body), "POST messages/batch");
    return answer == null ? null : answer.result();
  }

  /**
   * Sends any number of messages in batches of {@value #MAX_BATCH_SIZE}, holding one batch in
   * memory at a time: a campaign of millions of messages is streamed from its source, never
   * collected. Each result is handed to {@code onResult} as soon as its batch returns.
   *
   * <p>On a failure the exception propagates and the later messages are not sent; whether the
   * failed batch was sent is told by the exception (see the class description). Every message
   * carries its own idempotency key, so sending the same messages again (from the start, or in
   * other batches) does not deliver the accepted ones twice when their keys are stable (given, or
   * derived from campaign and customer). A message Delivyr's answer does not list is counted in
   * {@link SendSummary#unknown()} and gets no result.
   *
   * @param messages the messages, consumed once
   * @param onResult receives each listed message's result, in Delivyr's order
   * @return the counts
   */
  public SendSummary sendAll(
      Iterator<SendMessageRequest> messages, Consumer<BatchItemResult> onResult) {
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(onResult, "onResult");
    List<SendMessageRequest> batch = new ArrayList<>(MAX_BATCH_SIZE);
    long[] counts = new long[5]; // messages, batches, accepted, rejected, unknown
    Map<RejectionReason, Long> byReason = new HashMap<>();
    while (messages.hasNext()) {
      batch.add(messages.next());
      if (batch.size() == MAX_BATCH_SIZE || !messages.hasNext()) {
        List<String> references = new ArrayList<>(batch.size());
        BatchResult result = sendBatch(batch, references);
        counts[0] += batch.size();
        counts[1]++;
        Set<String> unlisted = new HashSet<>(references);
        for (BatchItemResult r : result.results()) {
          if (r == null || r.clientReference() == null || !unlisted.remove(r.clientReference())) {
            continue; // not one of this batch's messages, or listed twice
          }
          if (r.isRejected()) {
            counts[3]++;
            RejectionReason reason =
                r.rejection() == null || r.rejection().reason() == null
                    ? RejectionReason.fromString("unknown")
                    : r.rejection().reason();
            byReason.merge(reason, 1L, Long::sum);
          } else {
            counts[2]++;
          }
          onResult.accept(r);
        }
        counts[4] += unlisted.size();
        batch.clear();
      }
    }
    return new SendSummary(counts[0], counts[1], counts[2], counts[3], counts[4], byReason);
  }

  /**
   * Sends a stream of messages in batches of {@value #MAX_BATCH_SIZE}; see {@link
   * #sendAll(Iterator, Consumer)}.
   *
   * @param messages the messages, consumed once
   * @param onResult receives each message's result, in order
   * @return the counts
   */
  public SendSummary sendAll(
      Stream<SendMessageRequest> messages, Consumer<BatchItemResult> onResult) {
    Objects.requireNonNull(messages, "messages");
    return sendAll(messages.iterator(), onResult);
  }

  /**
   * Reads the Message Log, lazily paged (one page in memory at a time).
   *
   * @param options the filters
   * @return the entries
   */
  public PagedIterable<MessageLogEntry> listMessages(MessageListOptions options) {
    Objects.requireNonNull(options, "options");
    String status = options.status() == null ? null : options.status().value();
    String since = options.since() == null ? null : options.since().toString();
    String until = options.until() == null ? null : options.until().toString();
    return paged(
        "GET messages",
        cursor ->
            api.listMessages(
                options.campaignId(),
                options.idempotencyKey(),
                status,
                since,
                until,
                options.pageSize(),
                cursor));
  }

  /**
   * Reads a message's delivery and engagement history.
   *
   * @param messageId Delivyr's message id
   * @return the events in Delivyr's order; empty when there are none
   */
  public List<MessageEvent> listMessageEvents(String messageId) {
    requireText("messageId", messageId);
    List<MessageEvent> events =
        pipeline.execute(api.listMessageEvents(messageId), "GET messages/{id}/events");
    return events == null ? List.of() : List.copyOf(events);
  }

  // ---------------------------------------------------------------- opt-outs

  /**
   * Lists the opted-out numbers, lazily paged.
   *
   * @return the opt-outs
   */
  public PagedIterable<OptOut> listOptOuts() {
    return paged("GET opt-outs", cursor -> api.listOptOuts(null, cursor));
  }

  /**
   * Adds a number to the opt-out list.
   *
   * @param phone the number in E.164 form
   * @param keyword the keyword that opted it out, e.g. {@code STOP}, or null
   * @return the opt-out
   */
  public OptOut addOptOut(String phone, String keyword) {
    checkPhone(phone);
    return pipeline.execute(
        api.addOptOut(IdempotencyKeys.random(), new Wire.OptOutBody(phone, keyword)),
        "POST opt-outs");
  }

  /**
   * Removes a number from the opt-out list (only with the person's consent).
   *
   * @param phone the number in E.164 form
   */
  public void removeOptOut(String phone) {
    checkPhone(phone);
    pipeline.execute(api.removeOptOut(phone), "DELETE opt-outs/{phone}");
  }

  // ---------------------------------------------------------------- Optimove integration

  /**
   * Reads the Optimove integration (secrets are reported only as set or not).
   *
   * @return the integration
   */
  public OptimoveIntegration getOptimoveIntegration() {
    return pipeline.execute(api.getOptimoveIntegration(), "GET integrations/optimove");
  }

  /**
   * Installs or updates the Optimove integration. The settings were validated when built, so
   * nothing invalid is ever sent.
   *
   * @param settings the settings
   * @return the integration as Delivyr now holds it
   */
  public OptimoveIntegration putOptimoveIntegration(OptimoveIntegrationSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Wire.Integration body =
        new Wire.Integration(
            settings.testingMode(),
            settings.apiEndpoint(),
            settings.apiKey().reveal(),
            settings.customerAttributes(),
            settings.triggeredOverrides(),
            settings.tenantId().orElse(null),
            settings.tenantToken().map(Secret::reveal).orElse(null),
            settings.defaultUrl().orElse(null));
    return pipeline.execute(api.putOptimoveIntegration(body), "PUT integrations/optimove");
  }

  /** Uninstalls the Optimove integration. */
  public void deleteOptimoveIntegration() {
    pipeline.execute(api.deleteOptimoveIntegration(), "DELETE integrations/optimove");
  }

  /**
   * Lists the Optimove attributes the integration's API key can read ("Find Attributes"), using a
   * sample customer id from the Optimove database.
   *
   * @param sampleCustomerId any customer id in Optimove
   * @return the attributes, in Delivyr's order
   */
  public List<CustomerAttribute> findOptimoveAttributes(String sampleCustomerId) {
    requireText("sampleCustomerId", sampleCustomerId);
    Wire.Attributes result =
        pipeline.execute(
            api.findAttributes(new Wire.FindAttributes(sampleCustomerId)),
            "POST integrations/optimove/find-attributes");
    return result == null ? List.of() : result.attributes();
  }

  /**
   * The dry check: runs find-attributes with a sample customer and compares what the installed key
   * can read with the selected attributes. Sends no message. An over-permissive key (more
   * attributes visible than selected) is reported, not thrown.
   *
   * @param settings the settings whose selected attributes are expected
   * @param sampleCustomerId any customer id in Optimove
   * @return the comparison
   */
  public AttributeCheck checkOptimoveAttributes(
      OptimoveIntegrationSettings settings, String sampleCustomerId) {
    Objects.requireNonNull(settings, "settings");
    List<CustomerAttribute> visible = findOptimoveAttributes(sampleCustomerId);
    return compareAttributes(sampleCustomerId, visible, settings.customerAttributes());
  }

  static AttributeCheck compareAttributes(
      String sampleCustomerId, List<CustomerAttribute> visible, List<String> selected) {
    Set<String> selectedUpper = new HashSet<>();
    for (String s : selected) {
      selectedUpper.add(s.toUpperCase(Locale.ROOT));
    }
    Set<String> visibleUpper = new HashSet<>();
    List<String> extra = new ArrayList<>();
    String phoneValue = null;
    String phone = selected.isEmpty() ? null : selected.get(0);
    for (CustomerAttribute a : visible) {
      if (a == null || a.name() == null) {
        continue;
      }
      visibleUpper.add(a.name().toUpperCase(Locale.ROOT));
      if (!selectedUpper.contains(a.name().toUpperCase(Locale.ROOT))) {
        extra.add(a.name());
      }
      if (phone != null && a.name().equalsIgnoreCase(phone)) {
        phoneValue = a.sampleValue();
      }
    }
    List<String> missing = new ArrayList<>();
    for (String s : selected) {
      if (!visibleUpper.contains(s.toUpperCase(Locale.ROOT))) {
        missing.add(s);
      }
    }
    return new AttributeCheck(sampleCustomerId, visible, selected, extra, missing, phoneValue);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Adapts a cursor-paged Delivyr list to core's {@link PagedIterable}, the cursor being the
   * continuation token. Two tolerances beyond core's: an empty page that still names a next cursor
   * is skipped (Delivyr does not say pages are never empty), and a page that names the cursor it
   * was fetched with as its next one stops the listing with an error instead of looping forever.
   */
  private <T> PagedIterable<T> paged(String operation, Function<String, Call<Wire.Page<T>>> call) {
    return PagedIterable.of(
        first -> {
          String cursor = first;
          while (true) {
            Wire.Page<T> page = pipeline.execute(call.apply(cursor), operation);
            String next = page.nextCursor();
            if (next != null && next.equals(cursor)) {
              throw new IllegalStateException(
                  operation
                      + ": Delivyr returned nextCursor "
                      + next
                      + " for the page it names; stopping to avoid a loop");
            }
            if (!page.data().isEmpty() || next == null) {
              return new PagedIterable.Page<>(page.data(), next);
            }
            cursor = next;
          }
        });
  }

  private static Wire.Message wire(
      SendMessageRequest m, String clientReference, String idempotencyKey) {
    Wire.Campaign campaign = null;
    if (m.campaign().isPresent()) {
      CampaignReference c = m.campaign().get();
      campaign = new Wire.Campaign(c.optimoveCampaignId(), c.channelId(), c.optimoveTemplateId());
    }
    return new Wire.Message(
        m.to(),
        m.customerId().orElse(null),
        m.templateId().orElse(null),
        m.body().orElse(null),
        m.variables(),
        campaign,
        m.testMode(),
        clientReference,
        idempotencyKey);
  }

  private static void checkPhone(String phone) {
    if (phone == null || !phone.matches("\\+[1-9][0-9]{6,14}")) {
      throw new ConfigurationException(
          "Delivyr opt-out",
          ConfigurationProblem.of(
              "phone", phone, "give the number in E.164 form, e.g. +447700900123"));
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          "Delivyr request", ConfigurationProblem.of(field, value, "give a non-blank value"));
    }
  }

  /** Describes the client; never shows the credential. */
  @Override
  public String toString() {
    return "DelivyrClient{endpoint="
        + pipeline.endpoint()
        + ", credential="
        + Secret.REDACTED
        + '}';
  }

  /**
   * Builds {@link DelivyrClient} on core's {@link ClientBuilder}: the endpoint (required: Delivyr
   * publishes no default host) and the API key are required; the merge rule of {@link
   * ClientBuilder} applies. Not thread-safe.
   */
  public static final class Builder extends ClientBuilder<Builder, Secret, DelivyrClient> {

    private Builder() {}

    @Override
    protected String subject() {
      return "Delivyr client";
    }

    @Override
    protected String endpointFix() {
      return "set Delivyr's API base URL with endpoint(...), e.g. https://api.delivyr.example/v1/:"
          + " Delivyr publishes no default host";
    }

    @Override
    protected String credentialFix() {
      return "set the Delivyr API key with credential(Secret.of(...)) (Delivyr dashboard ->"
          + " Settings -> API keys)";
    }

    @Override
    protected void checkCredential(Secret credential, List<ConfigurationProblem> problems) {
      if (credential.containsAnyOf("\r\n")) {
        problems.add(
            ConfigurationProblem.ofSecret(
                "credential", "remove the line break from the API key (copy it again)"));
      }
    }

    @Override
    protected DelivyrClient newClient(ClientOptions options, Secret credential) {
      VendorProfile profile =
          PROFILE.withAuthentication(
              Authentication.headers(Map.of("Authorization", "Bearer " + credential.reveal())));
      return new DelivyrClient(
          HttpPipeline.create(options, profile, credential), options, credential);
    }
  }
}
