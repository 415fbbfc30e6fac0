package io.campaignrelay.textlocal;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.PagedIterable;
import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.http.ApiConnectionException;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.core.http.ClientBuilder;
import io.campaignrelay.core.http.ClientOptions;
import io.campaignrelay.core.http.spi.HttpPipeline;
import io.campaignrelay.core.http.spi.VendorProfile;
import io.campaignrelay.core.sms.SmsEncoding;
import io.campaignrelay.core.sms.SmsLength;
import io.campaignrelay.textlocal.implementation.FormAuthentication;
import io.campaignrelay.textlocal.implementation.JsonBodies;
import io.campaignrelay.textlocal.implementation.TextLocalApi;
import io.campaignrelay.textlocal.models.Acknowledgement;
import io.campaignrelay.textlocal.models.Balance;
import io.campaignrelay.textlocal.models.BatchStatus;
import io.campaignrelay.textlocal.models.BulkMessage;
import io.campaignrelay.textlocal.models.BulkSendOptions;
import io.campaignrelay.textlocal.models.BulkSendResult;
import io.campaignrelay.textlocal.models.Contact;
import io.campaignrelay.textlocal.models.ContactDeleted;
import io.campaignrelay.textlocal.models.ContactPage;
import io.campaignrelay.textlocal.models.ContactsCreated;
import io.campaignrelay.textlocal.models.GroupCreated;
import io.campaignrelay.textlocal.models.GroupList;
import io.campaignrelay.textlocal.models.HistoryMessage;
import io.campaignrelay.textlocal.models.HistoryPage;
import io.campaignrelay.textlocal.models.HistoryQuery;
import io.campaignrelay.textlocal.models.InboundMessage;
import io.campaignrelay.textlocal.models.InboundMessagePage;
import io.campaignrelay.textlocal.models.InboxList;
import io.campaignrelay.textlocal.models.MessageStatus;
import io.campaignrelay.textlocal.models.NewContact;
import io.campaignrelay.textlocal.models.NotSentMessage;
import io.campaignrelay.textlocal.models.OptOutList;
import io.campaignrelay.textlocal.models.ScheduledList;
import io.campaignrelay.textlocal.models.SendRequest;
import io.campaignrelay.textlocal.models.SendResult;
import io.campaignrelay.textlocal.models.SenderNames;
import io.campaignrelay.textlocal.models.TemplateList;
import io.campaignrelay.textlocal.models.TextLocalErrorCode;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import io.campaignrelay.textlocal.models.TextLocalResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import retrofit2.Call;

/**
 * The TextLocal SMS API, typed: every command of the UK ({@value #UK_ENDPOINT}) and India ({@value
 * #INDIA_ENDPOINT}) hosts as one method, form-encoded POSTs to {@code <host>/<command>/}.
 *
 * <pre>{@code
 * TextLocalClient client = TextLocalClient.builder()
 *     .endpoint(TextLocalClient.UK_ENDPOINT)
 *     .credential(TextLocalCredential.apiKey(System.getenv("TEXTLOCAL_API_KEY")))
 *     .buildClient();
 * SendResult r = client.send(SendRequest.builder()
 *     .numbers(List.of(PhoneNumber.ofE164("+447700900123")))
 *     .message("Your order has shipped")
 *     .sender("Jims Autos")
 *     .build());
 * }</pre>
 *
 * <p><b>Envelope.</b> TextLocal reports command errors as {@code status: failure} inside an HTTP
 * 200. Every method turns that into {@link TextLocalAuthenticationException} (code 3, invalid
 * login) or {@link TextLocalApiException} (any other code, listed or not) carrying TextLocal's
 * codes and messages; a returned response always succeeded, and its {@code warnings()} are kept.
 * Such an exception's {@code requestRefused()} is true only when every error is a code TextLocal
 * documents as stopping the request ({@link TextLocalErrorCode#refusesRequest()}); an unlisted
 * code, or a failure without errors, leaves a send's outcome unknown.
 *
 * <p><b>Unreadable answers.</b> A 2xx answer that is empty, cut, HTML or otherwise not TextLocal's
 * JSON, and a {@code send} or {@code bulk_json} answer that says neither {@code status: success}
 * nor {@code failure}, raise an {@code ApiConnectionException} whose {@code outcomeUnknown()} is
 * true (for every command): the request was written and TextLocal may have acted on it, so it is
 * never taken as "nothing sent".
 *
 * <p><b>Checks before any call.</b> At most {@value #MAX_NUMBERS_PER_SEND} numbers per {@code
 * send}, {@value #MAX_CONTACTS_PER_BULK_CREATE} contacts per {@code create_contacts_bulk} and
 * {@value #MAX_MESSAGES_PER_BULK_JSON} messages per {@code bulk_json} (the {@code ...InChunks}
 * methods split larger inputs); each text at most {@value #MAX_GSM_CHARACTERS} GSM-7 characters, or
 * {@value #MAX_PARTS} parts of UCS-2 (INFERRED: TextLocal documents only the GSM limit), with the
 * {@code unicode} flag set automatically when the text needs UCS-2; a schedule time in the future;
 * a validity at most 72 hours ahead. Numbers are always rendered as international digits without
 * the plus. Violations raise {@link ConfigurationException} listing every problem, and nothing is
 * sent.
 *
 * <p><b>Retries.</b> Read commands are retried on connection failures and retryable statuses.
 * {@code send}, {@code bulk_json} and the other writes are never re-sent after reaching TextLocal
 * (TextLocal has no idempotency key): such a failure raises an {@code ApiConnectionException} whose
 * {@code outcomeUnknown()} is true.
 *
 * <p><b>Test mode.</b> A request with {@code test=true}, or every send when the client is built
 * with {@code testMode(true)}, is validated and priced by TextLocal but not sent and uses no
 * credit; the result has {@code testMode() == true}.
 *
 * <p>Credentials ({@code apikey}, {@code username}, {@code hash}, {@code password} form fields) are
 * redacted in every log line; nothing is logged unless SLF4J logger {@code
 * io.campaignrelay.textlocal.http} is at DEBUG/TRACE. Immutable and thread-safe; building makes no
 * network call. This client never sends MMS.
 */
public final class TextLocalClient {

  /** The UK host. */
  public static final String UK_ENDPOINT = "https://api.txtlocal.com/";

  /** The India host. */
  public static final String INDIA_ENDPOINT = "https://api.textlocal.in/";

  /** Most numbers one {@code send} accepts (TextLocal error 33 above it). */
  public static final int MAX_NUMBERS_PER_SEND = 10_000;

  /** Most contacts one {@code create_contacts_bulk} accepts. */
  public static final int MAX_CONTACTS_PER_BULK_CREATE = 1_500;

  /** Most messages per {@code bulk_json} call (TextLocal's recommendation). */
  public static final int MAX_MESSAGES_PER_BULK_JSON = 500;

  /** Longest GSM-7 text TextLocal sends (5 parts of 153; longer text is truncated by TextLocal). */
  public static final int MAX_GSM_CHARACTERS = 765;

  /** Most parts of a message. */
  public static final int MAX_PARTS = 5;

  /** Furthest ahead a validity deadline may be. */
  public static final Duration MAX_VALIDITY = Duration.ofHours(72);

  /** Default page size of the paged methods (INFERRED maximum of TextLocal's {@code limit}). */
  public static final int DEFAULT_PAGE_SIZE = 1000;

  private static final TextLocalErrorParser ERRORS = new TextLocalErrorParser();

  /** The profile the shared HTTP plumbing uses for TextLocal. */
  static final VendorProfile PROFILE =
      VendorProfile.builder("textlocal")
          .defaultEndpoint(UK_ENDPOINT)
          .secretNames("apikey", "apiKey", "hash", "password", "username")
          .loggableParameters(
              "sender",
              "test",
              "group_id",
              "start",
              "limit",
              "format",
              "schedule_time",
              "batch_id",
              "message_id",
              "custom",
              "min_time",
              "max_time",
              "sort_order",
              "inbox_id")
          .errorParser(ERRORS)
          .errorEnvelope(ERRORS)
          .build();

  private final HttpPipeline pipeline;
  private final TextLocalApi api;
  private final Clock clock;
  private final boolean testMode;
  private final TextLocalCredential credential;

  private TextLocalClient(ClientOptions options, TextLocalCredential credential, boolean testMode) {
    this.pipeline =
        HttpPipeline.create(
            options,
            PROFILE.withAuthentication(new FormAuthentication(credential.formFields())),
            credential.formFields().values().stream()
                .map(io.campaignrelay.core.Secret::of)
                .toArray(io.campaignrelay.core.Secret[]::new));
    this.api = pipeline.create(TextLocalApi.class);
    this.clock = options.clock();
    this.testMode = testMode;
    this.credential = credential;
  }

  /**
   * A builder holding this client's settings (endpoint, credential, test mode, transport options),
   * to derive a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .clientOptions(pipeline.options())
        .credential(credential)
        .testMode(testMode);
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
   * The base URL requests go to.
   *
   * @return the endpoint
   */
  public String endpoint() {
    return pipeline.endpoint();
  }

  /**
   * Whether every send carries {@code test=true}.
   *
   * @return true in client-wide test mode
   */
  public boolean testMode() {
    return testMode;
  }

  /**
   * The clock used for schedule checks.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------- sending

  /**
   * Sends one text to at most {@value #MAX_NUMBERS_PER_SEND} numbers or to a group ({@code send}).
   *
   * @param request the send
   * @return TextLocal's result, warnings included
   * @throws ConfigurationException if a check before the call fails (nothing is sent)
   * @throws TextLocalApiException if TextLocal answers {@code status: failure} ({@code
   *     requestRefused()} tells whether that proves nothing was sent)
   * @throws TextLocalAuthenticationException if the credentials are rejected
   * @throws io.campaignrelay.core.http.ApiConnectionException if no answer, or no readable answer,
   *     came back; {@code outcomeUnknown()} tells whether TextLocal may have sent it
   */
  public SendResult send(SendRequest request) {
    Objects.requireNonNull(request, "request");
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (request.numbers().size() > MAX_NUMBERS_PER_SEND) {
      problems.add(
          ConfigurationProblem.of(
              "numbers",
              request.numbers().size() + " numbers",
              "send at most "
                  + MAX_NUMBERS_PER_SEND
                  + " numbers per call (TextLocal error 33), or use sendInChunks(...)"));
    }
    SmsLength length = checkText("message", request.message(), problems);
    checkSender(request.sender().orElse(null), problems);
    Instant now = clock.instant();
    request
        .scheduleTime()
        .ifPresent(
            t -> {
              if (!t.isAfter(now)) {
                problems.add(
                    ConfigurationProblem.of(
                        "scheduleTime",
                        t,
                        "give a time in the future (now is "
                            + now
                            + "), or none to send at once (TextLocal error 9)"));
              }
            });
    request
        .validity()
        .ifPresent(
            v -> {
              if (!v.isAfter(now) || v.isAfter(now.plus(MAX_VALIDITY))) {
                problems.add(
                    ConfigurationProblem.of(
                        "validity", v, "give a time after now and at most 72 hours ahead"));
              }
            });
    ConfigurationException.throwIfAny("TextLocal send request", problems);
    String numbers =
        request.numbers().isEmpty()
            ? null
            : joinDigits(request.numbers(), 0, request.numbers().size());
    boolean test = testMode || request.test();
    return sendCall(
        api.send(
            numbers,
            request.groupId().orElse(null),
            request.message(),
            request.sender().orElse(null),
            request.scheduleTime().map(Instant::getEpochSecond).orElse(null),
            request.receiptUrl().orElse(null),
            request.custom().orElse(null),
            request.optOuts().orElse(null),
            request.validity().map(Instant::getEpochSecond).orElse(null),
            length.encoding() == SmsEncoding.UCS_2 ? Boolean.TRUE : null,
            request.trackingLinks().orElse(null),
            test ? Boolean.TRUE : null,
            request.simpleReply().orElse(null)),
        "POST send/");
  }

  /**
   * Sends one text to any number of numbers, {@value #MAX_NUMBERS_PER_SEND} per {@code send} call,
   * in order. A group send is a single call.
   *
   * @param request the send
   * @return one result per call
   * @throws ConfigurationException if a check before the first call fails (nothing is sent)
   * @throws PartialSendException if a call fails after earlier calls were accepted
   */
  public List<SendResult> sendInChunks(SendRequest request) {
    List<PhoneNumber> all = request.numbers();
    if (all.size() <= MAX_NUMBERS_PER_SEND) {
      return List.of(send(request));
    }
    List<SendResult> results = new ArrayList<>();
    List<String> batchIds = new ArrayList<>();
    long accepted = 0;
    for (int from = 0; from < all.size(); from += MAX_NUMBERS_PER_SEND) {
      List<PhoneNumber> chunk =
          all.subList(from, Math.min(all.size(), from + MAX_NUMBERS_PER_SEND));
      try {
        SendResult r = send(request.toBuilder().numbers(chunk).build());
        results.add(r);
        if (r.batchId() != null) {
          batchIds.add(r.batchId());
        }
        accepted += r.numMessages();
      } catch (RuntimeException e) {
        if (from == 0) {
          throw e;
        }
        throw new PartialSendException(batchIds, accepted, all.size() - from, e);
      }
    }
    return List.copyOf(results);
  }

  /**
   * Sends up to {@value #MAX_MESSAGES_PER_BULK_JSON} personalised messages in one {@code bulk_json}
   * call, each with its own text.
   *
   * @param messages the messages
   * @param options the send-level options
   * @return TextLocal's result, including messages it refused
   * @throws ConfigurationException if a check before the call fails (nothing is sent)
   * @throws TextLocalApiException if TextLocal answers {@code status: failure} ({@code
   *     requestRefused()} tells whether that proves nothing was sent)
   * @throws io.campaignrelay.core.http.ApiConnectionException if no answer, or no readable answer,
   *     came back; {@code outcomeUnknown()} tells whether TextLocal may have sent them
   */
  public BulkSendResult sendBulk(List<BulkMessage> messages, BulkSendOptions options) {
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(options, "options");
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (messages.isEmpty() || messages.size() > MAX_MESSAGES_PER_BULK_JSON) {
      problems.add(
          ConfigurationProblem.of(
              "messages",
              messages.size() + " messages",
              "give 1 to "
                  + MAX_MESSAGES_PER_BULK_JSON
                  + " messages per bulk_json call, or use sendBulkInChunks(...)"));
    }
    boolean unicode = false;
    for (int i = 0; i < messages.size(); i++) {
      SmsLength len = checkText("messages[" + i + "].text", messages.get(i).text(), problems);
      unicode |= len != null && len.encoding() == SmsEncoding.UCS_2;
    }
    return bulk(messages, options, unicode, problems);
  }

  /**
   * {@link #sendBulk(List, BulkSendOptions)} of texts already checked one by one with {@link
   * #checkMessage(String)} (the channel's): every other check is made as there.
   *
   * @param unicode whether a text needs UCS-2, as the checks found
   */
  BulkSendResult sendCheckedBulk(
      List<BulkMessage> messages, BulkSendOptions options, boolean unicode) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (messages.isEmpty() || messages.size() > MAX_MESSAGES_PER_BULK_JSON) {
      problems.add(
          ConfigurationProblem.of(
              "messages",
              messages.size() + " messages",
              "give 1 to " + MAX_MESSAGES_PER_BULK_JSON + " messages per bulk_json call"));
    }
    return bulk(messages, options, unicode, problems);
  }

  private BulkSendResult bulk(
      List<BulkMessage> messages,
      BulkSendOptions options,
      boolean unicode,
      List<ConfigurationProblem> problems) {
    checkSender(options.sender(), problems);
    if (options.scheduleTime() != null && !options.scheduleTime().isAfter(clock.instant())) {
      problems.add(
          ConfigurationProblem.of(
              "scheduleTime",
              options.scheduleTime(),
              "give a time in the future (now is " + clock.instant() + "), or none to send now"));
    }
    ConfigurationException.throwIfAny("TextLocal bulk_json request", problems);
    BulkSendOptions effective = testMode && !options.test() ? options.withTest(true) : options;
    return sendCall(
        api.bulkJson(JsonBodies.bulkForm(messages, effective, unicode)), "POST bulk_json/");
  }

  /**
   * Sends any number of personalised messages through {@code bulk_json}, {@value
   * #MAX_MESSAGES_PER_BULK_JSON} per call, reading the input lazily: only one chunk is held in
   * memory at a time.
   *
   * @param messages the messages, read once in order
   * @param options the send-level options
   * @param onChunk receives each call's result as it arrives (may be a no-op)
   * @return the totals
   * @throws ConfigurationException if a message of the first chunk fails a check (nothing sent)
   * @throws PartialSendException if a chunk fails after earlier chunks were accepted
   */
  public BulkSendSummary sendBulkInChunks(
      Iterable<BulkMessage> messages, BulkSendOptions options, Consumer<BulkSendResult> onChunk) {
    Iterator<BulkMessage> it = messages.iterator();
    List<String> batchIds = new ArrayList<>();
    List<TextLocalNotice> warnings = new ArrayList<>();
    List<NotSentMessage> sample = new ArrayList<>();
    BigDecimal cost = BigDecimal.ZERO;
    long submitted = 0;
    long notSent = 0;
    int calls = 0;
    List<BulkMessage> chunk = new ArrayList<>(MAX_MESSAGES_PER_BULK_JSON);
    while (it.hasNext()) {
      chunk.clear();
      while (it.hasNext() && chunk.size() < MAX_MESSAGES_PER_BULK_JSON) {
        chunk.add(it.next());
      }
      BulkSendResult r;
      try {
        r = sendBulk(chunk, options);
      } catch (RuntimeException e) {
        if (calls == 0) {
          throw e;
        }
        long rest = chunk.size();
        while (it.hasNext()) {
          it.next();
          rest++;
        }
        throw new PartialSendException(batchIds, submitted - notSent, rest, e);
      }
      calls++;
      submitted += chunk.size();
      notSent += r.messagesNotSent().size();
      batchIds.addAll(r.batchIds());
      warnings.addAll(r.warnings());
      for (NotSentMessage m : r.messagesNotSent()) {
        if (sample.size() < 100) {
          sample.add(m);
        }
      }
      if (r.totalCost() != null) {
        cost = cost.add(r.totalCost());
      }
      onChunk.accept(r);
    }
    return new BulkSendSummary(calls, submitted, notSent, batchIds, cost, warnings, sample);
  }

  // ---------------------------------------------------------------- templates, senders, balance

  /**
   * Lists the account's message templates ({@code get_templates}).
   *
   * @return the templates
   */
  public TemplateList listTemplates() {
    return call(api.getTemplates(TextLocalApi.JSON), "POST get_templates/");
  }

  /**
   * Lists the approved sender names ({@code get_sender_names}).
   *
   * @return the sender names
   */
  public SenderNames listSenderNames() {
    return call(api.getSenderNames(TextLocalApi.JSON), "POST get_sender_names/");
  }

  /**
   * Reads the credit balance ({@code balance}).
   *
   * @return the balance
   */
  public Balance getBalance() {
    return call(api.balance(TextLocalApi.JSON), "POST balance/");
  }

  // ---------------------------------------------------------------- groups and contacts

  /**
   * Lists the contact groups ({@code get_groups}).
   *
   * @return the groups
   */
  public GroupList listGroups() {
    return call(api.getGroups(TextLocalApi.JSON), "POST get_groups/");
  }

  /**
   * Creates a contact group ({@code create_group}).
   *
   * @param name the name
   * @return the new group
   * @throws TextLocalApiException with code 14 if the group exists
   */
  public GroupCreated createGroup(String name) {
    if (name == null || name.isBlank()) {
      throw new ConfigurationException(
          "TextLocal create_group request",
          ConfigurationProblem.of("name", name, "give a group name (TextLocal error 12)"));
    }
    return call(api.createGroup(name), "POST create_group/");
  }

  /**
   * Deletes a group and every contact in it, unrecoverably ({@code delete_group}).
   *
   * @param groupId the group
   * @return the acknowledgement
   */
  public Acknowledgement deleteGroup(String groupId) {
    return call(api.deleteGroup(requireId("groupId", groupId)), "POST delete_group/");
  }

  /**
   * Reads one page of a group's contacts ({@code get_contacts}).
   *
   * @param groupId the group
   * @param start the offset
   * @param limit the page size
   * @return the page
   */
  public ContactPage listContactsPage(String groupId, int start, int limit) {
    return call(
        api.getContacts(requireId("groupId", groupId), null, start, limit), "POST get_contacts/");
  }

  /**
   * A group's contacts, paged lazily, {@value #DEFAULT_PAGE_SIZE} per request. The continuation
   * token of each page is the next {@code start} offset in decimal; page warnings are not surfaced
   * here (read pages with {@link #listContactsPage(String, int, int)} to see them).
   *
   * @param groupId the group
   * @return the contacts
   */
  public PagedIterable<Contact> listContacts(String groupId) {
    return listContacts(groupId, DEFAULT_PAGE_SIZE);
  }

  /**
   * A group's contacts, paged lazily.
   *
   * @param groupId the group
   * @param pageSize contacts per request
   * @return the contacts
   */
  public PagedIterable<Contact> listContacts(String groupId, int pageSize) {
    String id = requireId("groupId", groupId);
    return offsetPaged(
        "pageSize",
        pageSize,
        (start, limit) -> {
          ContactPage p = listContactsPage(id, start, limit);
          return new OffsetPage<>(p.contacts(), p.numContacts());
        });
  }

  /**
   * Looks up one number in a group ({@code get_contacts} with {@code number}).
   *
   * @param groupId the group
   * @param number the number
   * @return the matching contacts (none or one)
   */
  public ContactPage findContact(String groupId, PhoneNumber number) {
    return call(
        api.getContacts(requireId("groupId", groupId), number.digits(), null, null),
        "POST get_contacts/");
  }

  /**
   * Adds number-only contacts to a group ({@code create_contacts}).
   *
   * @param groupId the group (TextLocal's default is 5, "Contacts")
   * @param numbers the numbers
   * @return the result
   */
  public ContactsCreated createContacts(String groupId, List<PhoneNumber> numbers) {
    if (numbers.isEmpty()) {
      throw new ConfigurationException(
          "TextLocal create_contacts request",
          ConfigurationProblem.of("numbers", "0 numbers", "give at least one number"));
    }
    return call(
        api.createContacts(joinDigits(numbers, 0, numbers.size()), requireId("groupId", groupId)),
        "POST create_contacts/");
  }

  /**
   * Adds up to {@value #MAX_CONTACTS_PER_BULK_CREATE} contacts with names and custom fields to a
   * group ({@code create_contacts_bulk}).
   *
   * @param groupId the group
   * @param contacts the contacts
   * @return the result
   * @throws ConfigurationException if there are none or too many (nothing is sent)
   */
  public ContactsCreated createContactsBulk(String groupId, List<NewContact> contacts) {
    if (contacts.isEmpty() || contacts.size() > MAX_CONTACTS_PER_BULK_CREATE) {
      throw new ConfigurationException(
          "TextLocal create_contacts_bulk request",
          ConfigurationProblem.of(
              "contacts",
              contacts.size() + " contacts",
              "give 1 to "
                  + MAX_CONTACTS_PER_BULK_CREATE
                  + " contacts per call, or use createContactsBulkInChunks(...)"));
    }
    return call(
        api.createContactsBulk(requireId("groupId", groupId), JsonBodies.contacts(contacts)),
        "POST create_contacts_bulk/");
  }

  /**
   * Adds any number of contacts, {@value #MAX_CONTACTS_PER_BULK_CREATE} per call, reading the input
   * lazily.
   *
   * @param groupId the group
   * @param contacts the contacts
   * @return one result per call
   */
  public List<ContactsCreated> createContactsBulkInChunks(
      String groupId, Iterable<NewContact> contacts) {
    List<ContactsCreated> results = new ArrayList<>();
    List<NewContact> chunk = new ArrayList<>(MAX_CONTACTS_PER_BULK_CREATE);
    for (NewContact c : contacts) {
      chunk.add(c);
      if (chunk.size() == MAX_CONTACTS_PER_BULK_CREATE) {
        results.add(createContactsBulk(groupId, chunk));
        chunk.clear();
      }
    }
    if (!chunk.isEmpty()) {
      results.add(createContactsBulk(groupId, chunk));
    }
    return List.copyOf(results);
  }

  /**
   * Removes a number from a group ({@code delete_contact}).
   *
   * @param groupId the group
   * @param number the number
   * @return the result
   */
  public ContactDeleted deleteContact(String groupId, PhoneNumber number) {
    return call(
        api.deleteContact(number.digits(), requireId("groupId", groupId)), "POST delete_contact/");
  }

  /**
   * Lists opted-out numbers ({@code get_optouts}).
   *
   * @param since only opt-outs after this time, or null for all
   * @return the opt-outs
   */
  public OptOutList listOptOuts(Instant since) {
    return call(
        api.getOptOuts(since == null ? null : since.getEpochSecond(), TextLocalApi.JSON),
        "POST get_optouts/");
  }

  // ---------------------------------------------------------------- scheduling

  /**
   * Lists scheduled sends ({@code get_scheduled}).
   *
   * @return the scheduled sends
   */
  public ScheduledList listScheduled() {
    return call(api.getScheduled(TextLocalApi.JSON), "POST get_scheduled/");
  }

  /**
   * Cancels a scheduled send ({@code cancel_scheduled}).
   *
   * @param scheduledId the id from {@link #listScheduled()}
   * @return the acknowledgement
   */
  public Acknowledgement cancelScheduled(String scheduledId) {
    return call(
        api.cancelScheduled(requireId("scheduledId", scheduledId)), "POST cancel_scheduled/");
  }

  // ---------------------------------------------------------------- reporting

  /**
   * Reads one message's status ({@code status_message}).
   *
   * @param messageId the id from a send result
   * @return the status
   */
  public MessageStatus getMessageStatus(String messageId) {
    return call(api.statusMessage(requireId("messageId", messageId)), "POST status_message/");
  }

  /**
   * Reads a batch's delivery report ({@code status_batch}).
   *
   * @param batchId the batch id from a send result
   * @return the report
   */
  public BatchStatus getBatchStatus(String batchId) {
    return call(api.statusBatch(requireId("batchId", batchId)), "POST status_batch/");
  }

  /**
   * Messages sent to single numbers from Messenger, paged lazily ({@code get_history_single}).
   *
   * @param query the window, order and page size
   * @return the messages
   */
  public PagedIterable<HistoryMessage> listSingleHistory(HistoryQuery query) {
    return history(query, HistoryKind.SINGLE);
  }

  /**
   * One page of {@code get_history_single}, with its warnings.
   *
   * @param query the window, order and page size
   * @param start the offset
   * @return the page
   */
  public HistoryPage listSingleHistoryPage(HistoryQuery query, int start) {
    return historyPage(query, HistoryKind.SINGLE, start, query.pageSize());
  }

  /**
   * Sends to groups, paged lazily ({@code get_history_group}).
   *
   * @param query the window, order and page size
   * @return the sends
   */
  public PagedIterable<HistoryMessage> listGroupHistory(HistoryQuery query) {
    return history(query, HistoryKind.GROUP);
  }

  /**
   * One page of {@code get_history_group}, with its warnings.
   *
   * @param query the window, order and page size
   * @param start the offset
   * @return the page
   */
  public HistoryPage listGroupHistoryPage(HistoryQuery query, int start) {
    return historyPage(query, HistoryKind.GROUP, start, query.pageSize());
  }

  /**
   * Messages sent through the API, paged lazily ({@code get_history_api}). The continuation token
   * of each page is the next {@code start} offset in decimal; page warnings are not surfaced here
   * (read pages with {@link #listApiHistoryPage(HistoryQuery, int)} to see them).
   *
   * @param query the window, order and page size
   * @return the messages
   */
  public PagedIterable<HistoryMessage> listApiHistory(HistoryQuery query) {
    return history(query, HistoryKind.API);
  }

  /**
   * One page of {@code get_history_api}, with its warnings.
   *
   * @param query the window, order and page size
   * @param start the offset
   * @return the page
   */
  public HistoryPage listApiHistoryPage(HistoryQuery query, int start) {
    return historyPage(query, HistoryKind.API, start, query.pageSize());
  }

  private enum HistoryKind {
    SINGLE("POST get_history_single/"),
    GROUP("POST get_history_group/"),
    API("POST get_history_api/");

    final String operation;

    HistoryKind(String operation) {
      this.operation = operation;
    }
  }

  private PagedIterable<HistoryMessage> history(HistoryQuery q, HistoryKind kind) {
    Objects.requireNonNull(q, "query");
    return offsetPaged(
        "query.pageSize",
        q.pageSize(),
        (start, limit) -> {
          HistoryPage p = historyPage(q, kind, start, limit);
          return new OffsetPage<>(p.messages(), p.total());
        });
  }

  private HistoryPage historyPage(HistoryQuery q, HistoryKind kind, int start, int limit) {
    Long min = q.minTime() == null ? null : q.minTime().getEpochSecond();
    Long max = q.maxTime() == null ? null : q.maxTime().getEpochSecond();
    String order = q.sortOrder() == null ? null : q.sortOrder().wireValue();
    Call<HistoryPage> c =
        switch (kind) {
          case SINGLE -> api.getHistorySingle(min, max, order, start, limit);
          case GROUP -> api.getHistoryGroup(min, max, order, start, limit);
          case API -> api.getHistoryApi(min, max, order, start, limit);
        };
    return call(c, kind.operation);
  }

  // ---------------------------------------------------------------- inbound

  /**
   * Lists the inboxes ({@code get_inboxes}).
   *
   * @return the inboxes
   */
  public InboxList listInboxes() {
    return call(api.getInboxes(TextLocalApi.JSON), "POST get_inboxes/");
  }

  /**
   * An inbox's messages, paged lazily, sorted by date ({@code get_messages}).
   *
   * @param inboxId the inbox
   * @param query the window, order and page size
   * @return the messages
   */
  public PagedIterable<InboundMessage> listInboxMessages(String inboxId, HistoryQuery query) {
    String id = requireId("inboxId", inboxId);
    Objects.requireNonNull(query, "query");
    return offsetPaged(
        "query.pageSize",
        query.pageSize(),
        (start, limit) -> {
          InboundMessagePage p = listInboxMessagesPage(id, query, start, limit);
          return new OffsetPage<>(p.messages(), p.numMessages());
        });
  }

  /**
   * One page of an inbox's messages ({@code get_messages}), with its warnings.
   *
   * @param inboxId the inbox
   * @param query the window and order
   * @param start the offset
   * @param limit the page size
   * @return the page
   */
  public InboundMessagePage listInboxMessagesPage(
      String inboxId, HistoryQuery query, int start, int limit) {
    String id = requireId("inboxId", inboxId);
    Long min = query.minTime() == null ? null : query.minTime().getEpochSecond();
    Long max = query.maxTime() == null ? null : query.maxTime().getEpochSecond();
    String order = query.sortOrder() == null ? null : query.sortOrder().wireValue();
    return call(api.getMessages(id, min, max, order, null, start, limit), "POST get_messages/");
  }

  // ---------------------------------------------------------------- paging

  /** One offset page: its items and the total TextLocal reports (0 when not reported). */
  private record OffsetPage<T>(List<T> items, long total) {}

  @FunctionalInterface
  private interface OffsetFetcher<T> {
    OffsetPage<T> fetch(int start, int limit);
  }

  /**
   * Offset paging on core's {@link PagedIterable}: the continuation token is the next {@code start}
   * in decimal. Paging stops at an empty page, when the reported total is reached, or (when no
   * total is reported) at a page shorter than the page size.
   */
  private static <T> PagedIterable<T> offsetPaged(
      String field, int pageSize, OffsetFetcher<T> fetcher) {
    if (pageSize < 1) {
      throw new ConfigurationException(
          "TextLocal paged request",
          ConfigurationProblem.of(field, pageSize, "use a positive page size"));
    }
    return PagedIterable.of(
        token -> {
          int start = token == null ? 0 : Integer.parseInt(token);
          OffsetPage<T> p = fetcher.fetch(start, pageSize);
          int n = p.items().size();
          int next = start + n;
          boolean last = n == 0 || (p.total() > 0 ? next >= p.total() : n < pageSize);
          return new PagedIterable.Page<>(p.items(), last ? null : Integer.toString(next));
        });
  }

  // ---------------------------------------------------------------- internals

  private <T extends TextLocalResponse> T call(Call<T> call, String operation) {
    return call(call, operation, false);
  }

  /** A send ({@code send}, {@code bulk_json}): only {@code status: success} counts as accepted. */
  private <T extends TextLocalResponse> T sendCall(Call<T> call, String operation) {
    return call(call, operation, true);
  }

  private <T extends TextLocalResponse> T call(Call<T> call, String operation, boolean isSend) {
    T body;
    try {
      // a status: failure envelope is raised by the pipeline, through TextLocalErrorParser
      body = pipeline.execute(call, operation);
    } catch (TextLocalApiException | TextLocalAuthenticationException e) {
      throw e;
    } catch (ApiServiceException e) {
      if (e.statusCode() >= 200 && e.statusCode() < 300) {
        // a 2xx whose body could not be read (cut, HTML, malformed): TextLocal may have acted
        throw unreadable(operation, "the answer could not be read as TextLocal's JSON", e);
      }
      throw e;
    }
    if (body == null) {
      throw unreadable(operation, "the answer was empty", null);
    }
    if (body.failed()) {
      // the envelope reader saw no failure in what the converter read as one: do not guess
      throw unreadable(operation, "the answer's status and errors could not be read", null);
    }
    if (isSend && !"success".equalsIgnoreCase(body.status())) {
      throw unreadable(operation, "the answer carried neither status success nor failure", null);
    }
    return body;
  }

  /**
   * An answer that cannot be read leaves the outcome unknown: the request was written and TextLocal
   * may have acted on it. Never a refusal, whatever the HTTP status said.
   */
  private static ApiConnectionException unreadable(
      String operation, String what, RuntimeException cause) {
    return new ApiConnectionException(
        PROFILE.name()
            + " "
            + operation
            + ": "
            + what
            + "; the request reached TextLocal, which may have acted on it, so the outcome is"
            + " unknown: check TextLocal's records (history, batch status, receipts) before"
            + " repeating a send",
        true,
        1,
        cause);
  }

  /**
   * Checks a text against TextLocal's length limit.
   *
   * @param text the text
   * @return its length and encoding
   * @throws ConfigurationException if it is empty or too long
   */
  static SmsLength checkMessage(String text) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    SmsLength length = checkText("message", text, problems);
    ConfigurationException.throwIfAny("TextLocal message", problems);
    return length;
  }

  private static SmsLength checkText(
      String field, String text, List<ConfigurationProblem> problems) {
    if (text == null || text.isEmpty()) {
      problems.add(ConfigurationProblem.of(field, text, "give the text to send"));
      return null;
    }
    SmsLength len = SmsLength.of(text);
    if (len.encoding() == SmsEncoding.GSM_7 && len.units() > MAX_GSM_CHARACTERS) {
      problems.add(
          ConfigurationProblem.of(
              field,
              len.units() + " GSM characters",
              "shorten the text to at most "
                  + MAX_GSM_CHARACTERS
                  + " GSM characters (TextLocal truncates or rejects longer text, error 6)"));
    } else if (len.encoding() == SmsEncoding.UCS_2 && len.segments() > MAX_PARTS) {
      problems.add(
          ConfigurationProblem.of(
              field,
              len.units() + " UCS-2 units in " + len.segments() + " parts",
              "shorten the text to at most "
                  + MAX_PARTS
                  + " parts ("
                  + MAX_PARTS * SmsEncoding.UCS_2.multiPartUnits()
                  + " UCS-2 characters), or replace the characters "
                  + len.nonGsmCharacters()
                  + " so that it fits GSM-7"));
    }
    return len;
  }

  static void checkSender(String sender, List<ConfigurationProblem> problems) {
    if (sender == null) {
      return;
    }
    boolean numeric = !sender.isEmpty() && sender.chars().allMatch(c -> c >= '0' && c <= '9');
    if (sender.isBlank() || (numeric ? sender.length() > 13 : sender.length() > 11)) {
      problems.add(
          ConfigurationProblem.of(
              "sender",
              sender,
              "use at most 11 letters and digits, or up to 13 digits (TextLocal error 43)"));
    }
  }

  private static String requireId(String field, String id) {
    if (id == null || id.isBlank()) {
      throw new ConfigurationException(
          "TextLocal request", ConfigurationProblem.of(field, id, "give the TextLocal id"));
    }
    return id;
  }

  private static String joinDigits(List<PhoneNumber> numbers, int from, int to) {
    StringBuilder sb = new StringBuilder((to - from) * 14);
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(',');
      }
      sb.append(numbers.get(i).digits());
    }
    return sb.toString();
  }

  /** Shows the endpoint and credential style; never a credential. */
  @Override
  public String toString() {
    return "TextLocalClient{endpoint="
        + pipeline.endpoint()
        + ", credential="
        + credential.kind()
        + ", testMode="
        + testMode
        + '}';
  }

  /**
   * Builds a {@link TextLocalClient} on core's {@link ClientBuilder} (its merge rule applies). The
   * credential is required; the endpoint defaults to {@link #UK_ENDPOINT}. Not thread-safe.
   */
  public static final class Builder
      extends ClientBuilder<Builder, TextLocalCredential, TextLocalClient> {
    private boolean testMode;

    private Builder() {}

    /**
     * Sends {@code test=true} with every send and bulk send: TextLocal validates and prices them
     * but sends nothing and uses no credit. Off by default: the engine's {@code ExecutionMode.TEST}
     * is the SDK's safety switch (see docs/CONVENTIONS.md).
     *
     * @param testMode the flag
     * @return this builder
     */
    public Builder testMode(boolean testMode) {
      this.testMode = testMode;
      return this;
    }

    @Override
    protected String subject() {
      return "TextLocal client";
    }

    @Override
    protected String defaultEndpoint() {
      return UK_ENDPOINT;
    }

    @Override
    protected String credentialFix() {
      return "set TextLocalCredential.apiKey(...) or usernameAndHash(...)";
    }

    @Override
    protected TextLocalClient newClient(ClientOptions options, TextLocalCredential credential) {
      return new TextLocalClient(options, credential, testMode);
    }
  }
}
