package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import io.campaignrelay.testkit.implementation.Form;
import io.campaignrelay.testkit.implementation.Json;
import io.campaignrelay.testkit.implementation.Seeds;
import io.campaignrelay.testkit.implementation.SmsParts;
import io.campaignrelay.testkit.implementation.VendorDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A stateful in-process fake of the TextLocal API (UK host style), written from {@code
 * textlocal-api.md}: {@code POST} or {@code GET} {@code <command>/} relative to {@link #baseUrl()}
 * (e.g. {@code baseUrl() + "send/"}) with form or query parameters, JSON answers with {@code
 * status: success|failure} and {@code errors:[{code, message}]} (always HTTP 200 for command
 * errors, as the spec infers).
 *
 * <p>Commands: {@code send}, {@code bulk_json}, {@code get_templates}, {@code get_groups}, {@code
 * create_group}, {@code delete_group}, {@code get_contacts}, {@code create_contacts}, {@code
 * create_contacts_bulk}, {@code delete_contact}, {@code balance}, {@code get_sender_names}, {@code
 * get_optouts}, {@code get_scheduled}, {@code cancel_scheduled}, {@code status_message}, {@code
 * status_batch}. Others answer code 2 "Unrecognised command". The fault-script operation name is
 * the command.
 *
 * <p>Authentication: {@code apikey} (any case), or {@code username} with {@code hash} or {@code
 * password}; wrong or missing credentials answer code 3.
 *
 * <p>Validation of {@code send}: 34 both numbers and group, 4 no recipients, 5 no message, 6 over
 * 765 characters, 43 invalid sender (UK: 3..11 alphanumerics or up to 13 digits), 44 no sender and
 * no account default, 8 non-numeric {@code schedule_time}, 9 schedule in the past, 10 unknown
 * group, 11 empty group, 33 more than 10,000 numbers, 32 a single invalid number, warning 3 per
 * invalid number in a list, 51 no valid numbers, 7 insufficient credits (not in test mode). Numbers
 * must be international digits without {@code +} (strict, as the spec states). {@code optouts=true}
 * drops numbers on the opt-out group (6) and the fake's opt-out list.
 *
 * <p>Delivery status evolves with the shared clock: every message starts {@code P} and, from a
 * seeded roll per message, becomes {@code D} (minutes to hours; a few take 1..2.5 days), {@code U}
 * (after 2..3 days), {@code E} (after 3 days), {@code I} (within a minute) or {@code ?} (after 1..2
 * days, then stays). {@link #forceStatus(String, String)} fixes the outcome of a number.
 *
 * <p>Test mode ({@code test=true}): validated and priced, no credits used, {@code test_mode:true},
 * ids not persisted (a later {@code status_message} fails); such sends are listed by {@link
 * #testModeMessages()}, not {@link #sentMessages()}.
 *
 * <p>INFERRED and documented here: unknown message, batch or scheduled ids answer code {@value
 * #UNKNOWN_ID_ERROR_CODE} (no published code); over 1,500 contacts in {@code create_contacts_bulk}
 * or over 500 messages in {@code bulk_json} answer code 33; group names over 50 characters answer
 * 13; {@code get_contacts} without {@code limit} returns 1,000 rows; {@code get_optouts} answers
 * {@code {num_optouts, optouts:[{number, datetime}]}}. Delivery receipts are not pushed.
 *
 * <p>Thread-safe; close it to stop the server.
 */
public final class FakeTextLocal extends VendorFake {

  /** The API key accepted when the builder sets none. */
  public static final String DEFAULT_API_KEY = "textlocal-test-api-key";

  /** The group every account has: all contacts. */
  public static final long CONTACTS_GROUP_ID = 5;

  /** The group every account has: opt-outs. */
  public static final long OPT_OUTS_GROUP_ID = 6;

  /** The error code this fake uses for unknown message, batch and scheduled ids (INFERRED). */
  public static final int UNKNOWN_ID_ERROR_CODE = 80;

  /** Most numbers in one {@code send}. */
  public static final int MAX_NUMBERS_PER_SEND = 10_000;

  /** Most contacts in one {@code create_contacts_bulk}. */
  public static final int MAX_CONTACTS_PER_BULK = 1_500;

  /** Most messages in one {@code bulk_json}. */
  public static final int MAX_BULK_JSON_MESSAGES = 500;

  /** Most characters in a message. */
  public static final int MAX_MESSAGE_LENGTH = 765;

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SCHEDULED_FOR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final long seed;
  private final Secret apiKey;
  private final String username;
  private final Secret hash;
  private final Secret password;
  private final String defaultSender;
  private final List<String> senderNames;
  private final double[] outcomeWeights;
  private final boolean retainBodies;

  // state, guarded by lock
  private long balance;
  private final Map<Long, Group> groups = new LinkedHashMap<>();
  private final Map<Long, Template> templates = new LinkedHashMap<>();
  private final List<Msg> messages = new ArrayList<>();
  private final Map<Long, Batch> batches = new LinkedHashMap<>();
  private final Map<String, Instant> optOuts = new LinkedHashMap<>();
  private final Map<String, String> forcedStatus = new HashMap<>();
  private final List<SentMessage> testSends = new ArrayList<>();
  private final long firstMessageId;
  private long nextBatchId;
  private long nextGroupId = 1_000_001;
  private long nextTemplateId = 200_001;
  private long nextTestId = 9_000_000_001L;

  private FakeTextLocal(Builder b) {
    super("TextLocal", b.clock);
    this.seed = b.seed;
    this.apiKey = Secret.of(b.apiKey);
    this.username = b.username;
    this.hash = b.hash == null ? null : Secret.of(b.hash);
    this.password = b.password == null ? null : Secret.of(b.password);
    this.defaultSender = b.defaultSender;
    this.senderNames = List.copyOf(b.senderNames);
    this.outcomeWeights = b.outcomeWeights.clone();
    this.retainBodies = b.retainMessageBodies;
    this.balance = b.balance;
    this.firstMessageId = 1_151_346_216L + Math.floorMod(Seeds.mix(seed, 11), 1_000_000L);
    this.nextBatchId = 136_546_495L + Math.floorMod(Seeds.mix(seed, 12), 1_000_000L);
    groups.put(CONTACTS_GROUP_ID, new Group(CONTACTS_GROUP_ID, "Contacts"));
    groups.put(OPT_OUTS_GROUP_ID, new Group(OPT_OUTS_GROUP_ID, "Opt-outs"));
    serve(new Dispatcher(), b.faults);
  }

  /**
   * Starts a fake with default settings (a new {@link SimulatedClock}, {@link #DEFAULT_API_KEY}).
   *
   * @return the running fake
   */
  public static FakeTextLocal start() {
    return builder().start();
  }

  /**
   * Starts configuring a fake.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Advances the shared clock by whole days (statuses evolve, scheduled sends fall due).
   *
   * @param days the days
   */
  public void advanceDays(long days) {
    clock.advanceDays(days);
  }

  /**
   * The credit balance.
   *
   * @return the credits
   */
  public long balance() {
    synchronized (lock) {
      return balance;
    }
  }

  /**
   * Sets the credit balance.
   *
   * @param credits the credits
   */
  public void balance(long credits) {
    synchronized (lock) {
      this.balance = credits;
    }
  }

  /**
   * Adds a contact group.
   *
   * @param name the group name
   * @return the new group id
   */
  public long addGroup(String name) {
    Objects.requireNonNull(name, "name");
    synchronized (lock) {
      long id = nextGroupId++;
      groups.put(id, new Group(id, name));
      return id;
    }
  }

  /**
   * Adds or updates contacts (matched by number) in a group.
   *
   * @param groupId the group
   * @param contacts the contacts
   */
  public void addContacts(long groupId, List<TextLocalContact> contacts) {
    synchronized (lock) {
      Group g = requireGroup(groupId);
      for (TextLocalContact c : contacts) {
        g.put(c);
      }
    }
  }

  /**
   * Makes customers {@code 0..count-1} of a generator members of a group, lazily (no memory per
   * contact), with the CustomerID in {@code customField}. Replaces any earlier synthetic block of
   * that group.
   *
   * @param groupId the group
   * @param customers the generator
   * @param count how many
   * @param customField 1, 2 or 3
   */
  public void addSyntheticContacts(
      long groupId, SyntheticCustomers customers, long count, int customField) {
    Objects.requireNonNull(customers, "customers");
    if (customField < 1 || customField > 3) {
      throw new IllegalArgumentException("customField is " + customField + ": use 1, 2 or 3");
    }
    if (count < 0 || count > SyntheticCustomers.MAX_CUSTOMERS) {
      throw new IllegalArgumentException("count is " + count + ": use 0..1e9");
    }
    synchronized (lock) {
      Group g = requireGroup(groupId);
      g.synthetic = customers;
      g.syntheticCount = count;
      g.customField = customField;
      g.removedSynthetic.clear();
    }
  }

  /**
   * One contact of a group.
   *
   * @param groupId the group
   * @param number the number (digits)
   * @return the contact, or empty
   */
  public Optional<TextLocalContact> contact(long groupId, String number) {
    synchronized (lock) {
      Group g = groups.get(groupId);
      return g == null ? Optional.empty() : Optional.ofNullable(g.find(number));
    }
  }

  /**
   * The size of a group.
   *
   * @param groupId the group
   * @return the number of contacts (0 for an unknown group)
   */
  public long groupSize(long groupId) {
    synchronized (lock) {
      Group g = groups.get(groupId);
      return g == null ? 0 : g.size();
    }
  }

  /**
   * The ids and names of all groups.
   *
   * @return id to name, in creation order
   */
  public Map<Long, String> groups() {
    synchronized (lock) {
      Map<Long, String> out = new LinkedHashMap<>();
      groups.values().forEach(g -> out.put(g.id, g.name));
      return out;
    }
  }

  /**
   * Adds a message template.
   *
   * @param title the title (Optimove filters by a prefix such as {@code OPT_})
   * @param body the body
   * @return the new template id
   */
  public long addTemplate(String title, String body) {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    synchronized (lock) {
      long id = nextTemplateId++;
      templates.put(id, new Template(id, title, body));
      return id;
    }
  }

  /**
   * Puts a number on the account's opt-out list (and group 6).
   *
   * @param number digits without {@code +}
   */
  public void addOptOut(String number) {
    synchronized (lock) {
      optOuts.put(number, clock.instant());
      groups.get(OPT_OUTS_GROUP_ID).put(new TextLocalContact(number, "", "", "", "", ""));
    }
  }

  /**
   * Fixes the final delivery status of every message to a number.
   *
   * @param number digits without {@code +}
   * @param status one of {@code D U I E ?}
   */
  public void forceStatus(String number, String status) {
    if (!List.of("D", "U", "I", "E", "?").contains(status)) {
      throw new IllegalArgumentException(
          "status is " + status + ": use one of D, U, I, E, ? (P is the interim state)");
    }
    synchronized (lock) {
      forcedStatus.put(number, status);
    }
  }

  /**
   * The messages really sent (not test mode, not cancelled), in order; scheduled ones included with
   * their scheduled time.
   *
   * @return the view
   */
  public SentMessages sentMessages() {
    synchronized (lock) {
      List<SentMessage> out = new ArrayList<>(messages.size());
      for (Msg m : messages) {
        if (!batches.get(m.batchId).cancelled) {
          out.add(m.view(this));
        }
      }
      return SentMessages.of(out);
    }
  }

  /**
   * The messages of {@code test=true} sends (validated, never sent).
   *
   * @return the view
   */
  public SentMessages testModeMessages() {
    synchronized (lock) {
      return SentMessages.of(testSends);
    }
  }

  /**
   * The current status letter of a message, as {@code status_message} would report it.
   *
   * @param messageId the id from a send response
   * @return {@code P D U I E ?}, or empty for an unknown id
   */
  public Optional<String> statusOf(long messageId) {
    synchronized (lock) {
      Msg m = message(messageId);
      return m == null ? Optional.empty() : Optional.of(status(m, clock.instant()).letter);
    }
  }

  // ---------------------------------------------------------------- model

  private record Template(long id, String title, String body) {}

  private static final class Group {
    final long id;
    final String name;
    final LinkedHashMap<String, TextLocalContact> explicit = new LinkedHashMap<>();
    SyntheticCustomers synthetic;
    long syntheticCount;
    int customField;
    final Set<Long> removedSynthetic = new HashSet<>();

    Group(long id, String name) {
      this.id = id;
      this.name = name;
    }

    long size() {
      return syntheticCount - removedSynthetic.size() + explicit.size();
    }

    void put(TextLocalContact c) {
      Optional<Long> idx = syntheticIndex(c.number());
      if (idx.isPresent()) {
        removedSynthetic.add(idx.get()); // the explicit record now wins
      }
      explicit.put(c.number(), c);
    }

    Optional<Long> syntheticIndex(String number) {
      if (synthetic == null) {
        return Optional.empty();
      }
      return synthetic.indexOfPhone(number).filter(i -> i < syntheticCount);
    }

    TextLocalContact find(String number) {
      TextLocalContact c = explicit.get(number);
      if (c != null) {
        return c;
      }
      Optional<Long> idx = syntheticIndex(number);
      if (idx.isPresent() && !removedSynthetic.contains(idx.get())) {
        return TextLocalContact.of(synthetic.customer(idx.get()), customField);
      }
      return null;
    }

    boolean remove(String number) {
      if (explicit.remove(number) != null) {
        return true;
      }
      Optional<Long> idx = syntheticIndex(number);
      return idx.isPresent() && removedSynthetic.add(idx.get());
    }

    /** Contacts in [start, start+limit) of the virtual list: synthetic block then explicit. */
    List<TextLocalContact> page(long start, long limit) {
      List<TextLocalContact> out = new ArrayList<>();
      long i = start;
      while (out.size() < limit && i < syntheticCount) {
        if (!removedSynthetic.contains(i)) {
          out.add(TextLocalContact.of(synthetic.customer(i), customField));
        }
        i++;
      }
      if (out.size() < limit) {
        long skip = Math.max(0, start - syntheticCount);
        for (TextLocalContact c : explicit.values()) {
          if (out.size() >= limit) {
            break;
          }
          if (skip > 0) {
            skip--;
            continue;
          }
          out.add(c);
        }
      }
      return out;
    }

    List<String> allNumbers() {
      List<String> out = new ArrayList<>();
      for (long i = 0; i < syntheticCount; i++) {
        if (!removedSynthetic.contains(i)) {
          out.add(synthetic.customer(i).textLocalNumber());
        }
      }
      out.addAll(explicit.keySet());
      return out;
    }
  }

  private static final class Batch {
    final long id;
    final int firstIndex;
    final int count;
    final Instant sendAt;
    final boolean scheduled;
    final String message;
    final String sender;
    final String groupName;
    final long groupId;
    final long cost;
    boolean cancelled;

    Batch(
        long id,
        int firstIndex,
        int count,
        Instant sendAt,
        boolean scheduled,
        String message,
        String sender,
        String groupName,
        long groupId,
        long cost) {
      this.id = id;
      this.firstIndex = firstIndex;
      this.count = count;
      this.sendAt = sendAt;
      this.scheduled = scheduled;
      this.message = message;
      this.sender = sender;
      this.groupName = groupName;
      this.groupId = groupId;
      this.cost = cost;
    }
  }

  private record Msg(
      long id,
      long batchId,
      String number,
      String text,
      String sender,
      String custom,
      Instant sendAt) {
    SentMessage view(FakeTextLocal f) {
      return new SentMessage(
          "textlocal", Long.toString(id), number, text, sender, "", custom, sendAt, false);
    }
  }

  private record Status(String letter, Instant since) {}

  private Msg message(long id) {
    long idx = id - firstMessageId;
    if (idx < 0 || idx >= messages.size()) {
      return null;
    }
    Msg m = messages.get((int) idx);
    return batches.get(m.batchId).cancelled ? null : m;
  }

  private Status status(Msg m, Instant now) {
    if (now.isBefore(m.sendAt)) {
      return new Status("P", m.sendAt);
    }
    long bits = Seeds.mix(seed, m.id, 21);
    String outcome = forcedStatus.get(m.number);
    if (outcome == null) {
      double u = Seeds.unit(bits);
      String[] letters = {"D", "U", "E", "?", "I"};
      double acc = 0;
      outcome = "D";
      for (int i = 0; i < letters.length; i++) {
        acc += outcomeWeights[i];
        if (u < acc) {
          outcome = letters[i];
          break;
        }
      }
    }
    double v = Seeds.unit(Seeds.mix(bits, 22));
    Duration delay =
        switch (outcome) {
          case "D" ->
              v < 0.95
                  ? Duration.ofSeconds(10 + (long) (v / 0.95 * 6 * 3600))
                  : Duration.ofHours(24 + (long) ((v - 0.95) / 0.05 * 36));
          case "U" -> Duration.ofHours(48 + (long) (v * 24));
          case "E" -> Duration.ofHours(72);
          case "?" -> Duration.ofHours(24 + (long) (v * 24));
          default -> Duration.ofSeconds(5 + (long) (v * 55));
        };
    Instant at = m.sendAt.plus(delay);
    return now.isBefore(at) ? new Status("P", m.sendAt) : new Status(outcome, at);
  }

  private Group requireGroup(long groupId) {
    Group g = groups.get(groupId);
    if (g == null) {
      throw new IllegalArgumentException(
          "groupId " + groupId + " does not exist: create it with addGroup() first");
    }
    return g;
  }

  // ---------------------------------------------------------------- HTTP

  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int code;

    Failure(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private final class Dispatcher extends VendorDispatcher {
    @Override
    protected String operation(RecordedRequest request) {
      String cmd = trimmedPath(request);
      return cmd.isEmpty() ? null : cmd.toLowerCase(Locale.ROOT);
    }

    @Override
    protected MockResponse rateLimited(Duration retryAfter) {
      return json(429, failure(List.of(new Failure(429, "Too many requests."))));
    }

    @Override
    protected MockResponse serverError(int status) {
      return response(
          status,
          "text/html",
          "<html><body><h1>" + status + " Service Unavailable</h1></body></html>");
    }

    @Override
    protected MockResponse handle(RecordedRequest request, String command) {
      boolean formBody = hasContentType(request, "application/x-www-form-urlencoded", true);
      Form form = Form.parse(request.getUrl().encodedQuery(), formBody ? bodyText(request) : null);
      try {
        if (command == null) {
          throw new Failure(1, "No command specified.");
        }
        if (!authenticated(form)) {
          throw new Failure(3, "Invalid login details.");
        }
        ObjectNode out;
        synchronized (lock) {
          out = execute(command, form);
        }
        out.put("status", "success");
        return json(200, Json.write(out));
      } catch (Failure f) {
        return json(200, failure(List.of(f)));
      }
    }
  }

  private static String failure(List<Failure> errors) {
    ObjectNode o = Json.object();
    ArrayNode arr = o.putArray("errors");
    for (Failure f : errors) {
      arr.addObject().put("code", f.code).put("message", f.getMessage());
    }
    o.put("status", "failure");
    return Json.write(o);
  }

  private boolean authenticated(Form form) {
    Optional<String> key = form.firstIgnoreCase("apikey");
    if (key.isPresent()) {
      return key.get().equals(apiKey.reveal());
    }
    Optional<String> user = form.first("username");
    if (user.isEmpty() || username == null || !user.get().equals(username)) {
      return false;
    }
    Optional<String> h = form.first("hash");
    if (h.isPresent()) {
      return hash != null && h.get().equals(hash.reveal());
    }
    Optional<String> p = form.first("password");
    return p.isPresent() && password != null && p.get().equals(password.reveal());
  }

  private ObjectNode execute(String command, Form form) {
    return switch (command) {
      case "send" -> send(form);
      case "bulk_json" -> bulkJson(form);
      case "get_templates" -> getTemplates();
      case "get_groups" -> getGroups();
      case "create_group" -> createGroup(form);
      case "delete_group" -> deleteGroup(form);
      case "get_contacts" -> getContacts(form);
      case "create_contacts" -> createContacts(form);
      case "create_contacts_bulk" -> createContactsBulk(form);
      case "delete_contact" -> deleteContact(form);
      case "balance" -> balanceResponse();
      case "get_sender_names" -> senderNamesResponse();
      case "get_optouts" -> optOutsResponse();
      case "get_scheduled" -> getScheduled();
      case "cancel_scheduled" -> cancelScheduled(form);
      case "status_message" -> statusMessage(form);
      case "status_batch" -> statusBatch(form);
      default -> throw new Failure(2, "Unrecognised command");
    };
  }

  private static boolean validNumber(String n) {
    return n.length() >= 10
        && n.length() <= 15
        && n.charAt(0) != '0'
        && n.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private String sender(Optional<String> given) {
    if (given.isEmpty() || given.get().isEmpty()) {
      if (defaultSender == null) {
        throw new Failure(44, "No sender name specified.");
      }
      return defaultSender;
    }
    String s = given.get();
    boolean numeric = s.chars().allMatch(Character::isDigit);
    boolean ok =
        numeric
            ? s.length() <= 13
            : s.length() >= 3
                && s.length() <= 11
                && s.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == ' '));
    if (!ok) {
      throw new Failure(43, "Invalid sender name.");
    }
    return s;
  }

  private Instant scheduleTime(Optional<String> raw) {
    if (raw.isEmpty() || raw.get().isBlank()) {
      return null;
    }
    long epoch;
    try {
      epoch = Long.parseLong(raw.get().trim());
    } catch (NumberFormatException e) {
      throw new Failure(8, "Invalid schedule date.");
    }
    Instant at = Instant.ofEpochSecond(epoch);
    if (at.isBefore(clock.instant())) {
      throw new Failure(9, "Schedule date is in the past.");
    }
    return at;
  }

  private ObjectNode send(Form form) {
    Optional<String> numbersParam = form.first("numbers").filter(s -> !s.isBlank());
    Optional<String> groupParam = form.first("group_id").filter(s -> !s.isBlank());
    if (numbersParam.isPresent() && groupParam.isPresent()) {
      throw new Failure(34, "You have supplied both a group ID and a set of numbers.");
    }
    if (numbersParam.isEmpty() && groupParam.isEmpty()) {
      throw new Failure(4, "No recipients specified.");
    }
    String message = form.first("message").orElse("");
    if (message.isEmpty()) {
      throw new Failure(5, "No message content.");
    }
    if (message.length() > MAX_MESSAGE_LENGTH) {
      throw new Failure(6, "Message too long.");
    }
    String sender = form.flag("simple_reply") ? "SimpleReply" : sender(form.first("sender"));
    Instant scheduled = scheduleTime(form.first("schedule_time"));
    boolean test = form.flag("test");
    List<String> warnings = new ArrayList<>();
    List<String> numbers;
    Group group = null;
    if (groupParam.isPresent()) {
      group = group(groupParam.get());
      numbers = group.allNumbers();
      if (numbers.isEmpty()) {
        throw new Failure(11, "Selected group is empty.");
      }
    } else {
      String[] raw = numbersParam.get().split(",");
      if (raw.length > MAX_NUMBERS_PER_SEND) {
        throw new Failure(33, "You have supplied too many numbers.");
      }
      numbers = new ArrayList<>(raw.length);
      for (String r : raw) {
        String n = r.trim();
        if (validNumber(n)) {
          numbers.add(n);
        } else if (raw.length == 1) {
          throw new Failure(32, "Invalid number format.");
        } else {
          warnings.add(n);
        }
      }
      if (numbers.isEmpty()) {
        throw new Failure(51, "No valid numbers specified.");
      }
    }
    if (form.flag("optouts")) {
      Group optGroup = groups.get(OPT_OUTS_GROUP_ID);
      numbers.removeIf(n -> optOuts.containsKey(n) || optGroup.find(n) != null);
      if (numbers.isEmpty()) {
        throw new Failure(51, "No valid numbers specified.");
      }
    }
    boolean unicode = form.flag("unicode");
    int parts = SmsParts.parts(message, unicode);
    long cost = (long) parts * numbers.size();
    if (!test && cost > balance) {
      throw new Failure(7, "Insufficient credits.");
    }
    String custom = form.first("custom").orElse("");
    Instant sendAt = scheduled == null ? clock.instant() : scheduled;
    ObjectNode out = Json.object();
    out.put("test_mode", test);
    long batchId =
        test
            ? 0
            : openBatch(sendAt, scheduled != null, message, sender, group, cost, numbers.size());
    ArrayNode msgs = Json.array();
    for (String n : numbers) {
      long id =
          test
              ? recordTestSend(n, message, sender, custom, sendAt)
              : store(batchId, n, message, sender, custom, sendAt);
      msgs.addObject().put("id", Long.toString(id)).put("recipient", Long.parseLong(n));
    }
    out.put("balance", balance);
    out.put("batch_id", batchId);
    out.put("cost", cost);
    out.put("num_messages", numbers.size());
    ObjectNode m = out.putObject("message");
    m.put("num_parts", parts).put("sender", sender).put("content", message);
    out.put("receipt_url", form.first("receipt_url").orElse(""));
    out.put("custom", custom);
    out.set("messages", msgs);
    addWarnings(out, warnings);
    return out;
  }

  private String keep(String text) {
    return retainBodies ? text : "";
  }

  /** Charges a real send and opens its batch; its messages are stored next, in order. */
  private long openBatch(
      Instant sendAt,
      boolean scheduled,
      String message,
      String sender,
      Group group,
      long cost,
      int count) {
    balance -= cost;
    long id = nextBatchId++;
    batches.put(
        id,
        new Batch(
            id,
            messages.size(),
            count,
            sendAt,
            scheduled,
            message,
            sender,
            group == null ? "" : group.name,
            group == null ? 0 : group.id,
            cost));
    return id;
  }

  /** Stores one message of an open batch; returns its id. */
  private long store(
      long batchId, String number, String text, String sender, String custom, Instant sendAt) {
    long id = firstMessageId + messages.size();
    messages.add(new Msg(id, batchId, number, keep(text), sender, custom, sendAt));
    return id;
  }

  /** Records a {@code test=true} message (validated, never sent, not persisted); returns its id. */
  private long recordTestSend(
      String number, String text, String sender, String custom, Instant sendAt) {
    long id = nextTestId++;
    testSends.add(
        new SentMessage(
            "textlocal", Long.toString(id), number, keep(text), sender, "", custom, sendAt, true));
    return id;
  }

  private static void addWarnings(ObjectNode out, List<String> invalidNumbers) {
    if (invalidNumbers.isEmpty()) {
      return;
    }
    ArrayNode w = out.putArray("warnings");
    for (String n : invalidNumbers) {
      w.addObject().put("code", 3).put("message", "Invalid number.").put("number", n);
    }
  }

  private ObjectNode bulkJson(Form form) {
    JsonNode data =
        form.first("data")
            .flatMap(Json::parse)
            .filter(JsonNode::isObject)
            .orElseThrow(() -> new Failure(15, "Invalid JSON string"));
    JsonNode list = data.get("messages");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw new Failure(4, "No recipients specified.");
    }
    if (list.size() > MAX_BULK_JSON_MESSAGES) {
      throw new Failure(33, "You have supplied too many numbers.");
    }
    Optional<String> senderRaw = Json.text(data, "sender").or(() -> form.first("sender"));
    String sender = sender(senderRaw);
    boolean test =
        Json.text(data, "test").map(v -> v.equals("true") || v.equals("1")).orElse(false)
            || form.flag("test");
    Instant scheduled =
        scheduleTime(
            Json.text(data, "schedule_time")
                .or(() -> Json.text(data, "scheduled"))
                .or(() -> form.first("schedule_time")));
    Instant sendAt = scheduled == null ? clock.instant() : scheduled;
    String custom = Json.text(data, "custom").orElse(form.first("custom").orElse(""));
    record Item(String number, String text, String uniqueId, int parts) {}
    List<Item> ok = new ArrayList<>();
    ArrayNode notSent = Json.array();
    long totalCost = 0;
    for (JsonNode item : list) {
      String number = Json.text(item, "number").orElse("").trim();
      String text = Form.rawDecodeIfEncoded(Json.text(item, "text").orElse(""));
      String unique = Json.text(item, "unique_id").orElse("");
      Failure problem = null;
      if (!validNumber(number)) {
        problem = new Failure(32, "Invalid number format.");
      } else if (text.isEmpty()) {
        problem = new Failure(5, "No message content.");
      } else if (text.length() > MAX_MESSAGE_LENGTH) {
        problem = new Failure(6, "Message too long.");
      }
      if (problem != null) {
        ObjectNode ns = notSent.addObject();
        ns.put("unique_id", unique).put("number", number).put("message", text);
        ns.putObject("error").put("code", problem.code).put("message", problem.getMessage());
        continue;
      }
      int parts = SmsParts.parts(text, !SmsParts.isGsm(text));
      totalCost += parts;
      ok.add(new Item(number, text, unique, parts));
    }
    if (ok.isEmpty()) {
      throw new Failure(51, "No valid numbers specified.");
    }
    if (!test && totalCost > balance) {
      throw new Failure(7, "Insufficient credits.");
    }
    ObjectNode out = Json.object();
    ArrayNode sent = Json.array();
    long batchId =
        test
            ? 0
            : openBatch(sendAt, scheduled != null, "(bulk)", sender, null, totalCost, ok.size());
    for (Item it : ok) {
      long id =
          test
              ? recordTestSend(it.number, it.text, sender, custom, sendAt)
              : store(batchId, it.number, it.text, sender, custom, sendAt);
      ObjectNode e = sent.addObject();
      e.put("batch_id", batchId).put("num_parts", it.parts).put("cost", it.parts);
      if (!it.uniqueId.isEmpty()) {
        e.put("unique_id", it.uniqueId);
      }
      e.putArray("messages")
          .addObject()
          .put("id", Long.toString(id))
          .put("recipient", Long.parseLong(it.number));
    }
    out.put("test_mode", test);
    out.put("batch_id", batchId);
    out.put("total_cost", totalCost);
    out.put("balance_post_send", balance);
    out.set("messages", sent);
    out.set("messages_not_sent", notSent);
    return out;
  }

  private ObjectNode getTemplates() {
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("templates");
    for (Template t : templates.values()) {
      arr.addObject()
          .put("id", t.id)
          .put("title", t.title)
          .put("body", t.body)
          .put("senderName", defaultSender == null ? "" : defaultSender);
    }
    return out;
  }

  private ObjectNode getGroups() {
    ObjectNode out = Json.object();
    out.put("num_groups", groups.size());
    ArrayNode arr = out.putArray("groups");
    for (Group g : groups.values()) {
      arr.addObject().put("id", g.id).put("name", g.name).put("size", g.size());
    }
    return out;
  }

  private ObjectNode createGroup(Form form) {
    String name = form.first("name").map(String::trim).orElse("");
    if (name.isEmpty()) {
      throw new Failure(12, "No group name specified.");
    }
    if (name.length() > 50) {
      throw new Failure(13, "Group name is too long.");
    }
    for (Group g : groups.values()) {
      if (g.name.equalsIgnoreCase(name)) {
        throw new Failure(14, "Group already exists.");
      }
    }
    long id = nextGroupId++;
    groups.put(id, new Group(id, name));
    ObjectNode out = Json.object();
    out.putObject("group").put("id", id).put("name", name);
    return out;
  }

  private static long parseId(String raw, int code, String message) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new Failure(code, message);
    }
  }

  private Group groupParam(Form form, boolean defaultContacts) {
    Optional<String> raw = form.first("group_id").filter(s -> !s.isBlank());
    if (raw.isEmpty()) {
      if (defaultContacts) {
        return groups.get(CONTACTS_GROUP_ID);
      }
      throw new Failure(25, "No group ID specified.");
    }
    return group(raw.get());
  }

  private Group group(String rawId) {
    Group g = groups.get(parseId(rawId, 10, "Invalid group ID."));
    if (g == null) {
      throw new Failure(10, "Invalid group ID.");
    }
    return g;
  }

  private ObjectNode deleteGroup(Form form) {
    Group g = groupParam(form, false);
    if (g.id == CONTACTS_GROUP_ID || g.id == OPT_OUTS_GROUP_ID) {
      throw new Failure(62, "Cannot delete specified group");
    }
    groups.remove(g.id);
    return Json.object();
  }

  private ObjectNode getContacts(Form form) {
    Group g = groupParam(form, false);
    long start = form.first("start").map(s -> parseId(s, 10, "Invalid start.")).orElse(0L);
    long limit = form.first("limit").map(s -> parseId(s, 10, "Invalid limit.")).orElse(1000L);
    ObjectNode out = Json.object();
    out.put("group_id", g.id).put("start", start).put("limit", limit).put("num_contacts", g.size());
    ArrayNode arr = out.putArray("contacts");
    List<TextLocalContact> page;
    Optional<String> number = form.first("number").filter(s -> !s.isBlank());
    if (number.isPresent()) {
      TextLocalContact c = g.find(number.get().trim());
      page = c == null ? List.of() : List.of(c);
    } else {
      page = g.page(Math.max(0, start), Math.max(0, limit));
    }
    for (TextLocalContact c : page) {
      ObjectNode o = arr.addObject();
      o.put("number", Long.parseLong(c.number()));
      o.put("first_name", c.firstName()).put("last_name", c.lastName());
      o.put("custom1", c.custom1()).put("custom2", c.custom2()).put("custom3", c.custom3());
    }
    return out;
  }

  private ObjectNode createContacts(Form form) {
    Group g = groupParam(form, true);
    String raw = form.first("numbers").orElse("").trim();
    if (raw.isEmpty()) {
      throw new Failure(55, "No numbers specified");
    }
    List<TextLocalContact> added = new ArrayList<>();
    for (String n : raw.split(",")) {
      String num = n.trim();
      if (validNumber(num)) {
        TextLocalContact c = new TextLocalContact(num, "", "", "", "", "");
        g.put(c);
        added.add(c);
      }
    }
    if (added.isEmpty()) {
      throw new Failure(56, "Invalid number(s) specified. They will not be created");
    }
    return contactsResult(g, added);
  }

  private static ObjectNode contactsResult(Group g, List<TextLocalContact> added) {
    ObjectNode out = Json.object();
    out.put("group_id", g.id).put("num_contacts", added.size());
    ArrayNode arr = out.putArray("contacts");
    for (TextLocalContact c : added) {
      arr.addObject()
          .put("number", Long.parseLong(c.number()))
          .put("first_name", c.firstName())
          .put("last_name", c.lastName());
    }
    return out;
  }

  private ObjectNode createContactsBulk(Form form) {
    Group g = groupParam(form, false);
    JsonNode arr =
        form.first("contacts")
            .map(Form::rawDecodeIfEncoded)
            .flatMap(Json::parse)
            .filter(JsonNode::isArray)
            .orElseThrow(() -> new Failure(15, "Invalid JSON string"));
    if (arr.size() > MAX_CONTACTS_PER_BULK) {
      throw new Failure(33, "You have supplied too many numbers.");
    }
    List<TextLocalContact> added = new ArrayList<>();
    for (JsonNode c : arr) {
      String num = Json.text(c, "number").orElse("").trim();
      if (!validNumber(num)) {
        continue;
      }
      TextLocalContact contact =
          new TextLocalContact(
              num,
              Json.text(c, "first_name").orElse(""),
              Json.text(c, "last_name").orElse(""),
              Json.text(c, "custom1").orElse(""),
              Json.text(c, "custom2").orElse(""),
              Json.text(c, "custom3").orElse(""));
      g.put(contact);
      added.add(contact);
    }
    if (added.isEmpty() && !arr.isEmpty()) {
      throw new Failure(56, "Invalid number(s) specified. They will not be created");
    }
    return contactsResult(g, added);
  }

  private ObjectNode deleteContact(Form form) {
    Group g = groupParam(form, true);
    String number = form.first("number").orElse("").trim();
    if (number.isEmpty() || !g.remove(number)) {
      throw new Failure(61, "Specified number(s) not found");
    }
    ObjectNode out = Json.object();
    out.put("group_id", g.id).put("number", number);
    return out;
  }

  private ObjectNode balanceResponse() {
    ObjectNode out = Json.object();
    out.putObject("balance").put("sms", balance).put("mms", 0);
    return out;
  }

  private ObjectNode senderNamesResponse() {
    ObjectNode out = Json.object();
    out.put("default_sender_name", defaultSender == null ? "" : defaultSender);
    ArrayNode arr = out.putArray("sender_names");
    senderNames.forEach(arr::add);
    return out;
  }

  private ObjectNode optOutsResponse() {
    ObjectNode out = Json.object();
    out.put("num_optouts", optOuts.size());
    ArrayNode arr = out.putArray("optouts");
    optOuts.forEach(
        (n, t) ->
            arr.addObject().put("number", Long.parseLong(n)).put("datetime", DATE_TIME.format(t)));
    return out;
  }

  private ObjectNode getScheduled() {
    Instant now = clock.instant();
    ObjectNode out = Json.object();
    ArrayNode arr = out.putArray("scheduled");
    for (Batch b : batches.values()) {
      if (b.scheduled && !b.cancelled && b.sendAt.isAfter(now)) {
        arr.addObject()
            .put("id", Long.toString(b.id))
            .put("scheduledFor", SCHEDULED_FOR.format(b.sendAt))
            .put("howmany", Integer.toString(b.count))
            .put("message", b.message)
            .put("origin", b.sender)
            .put("groupName", b.groupName)
            .put("groupid", b.groupId == 0 ? "" : Long.toString(b.groupId));
      }
    }
    return out;
  }

  private ObjectNode cancelScheduled(Form form) {
    long id = parseId(form.first("sent_id").orElse(""), UNKNOWN_ID_ERROR_CODE, "Invalid sent ID.");
    Batch b = batches.get(id);
    if (b == null || !b.scheduled || b.cancelled || !b.sendAt.isAfter(clock.instant())) {
      throw new Failure(UNKNOWN_ID_ERROR_CODE, "Invalid sent ID.");
    }
    b.cancelled = true;
    balance += b.cost;
    return Json.object();
  }

  private ObjectNode statusMessage(Form form) {
    long id =
        parseId(form.first("message_id").orElse(""), UNKNOWN_ID_ERROR_CODE, "Invalid message ID.");
    Msg m = message(id);
    if (m == null) {
      throw new Failure(UNKNOWN_ID_ERROR_CODE, "Invalid message ID.");
    }
    Status s = status(m, clock.instant());
    ObjectNode out = Json.object();
    out.putObject("message")
        .put("id", m.id)
        .put("recipient", Long.parseLong(m.number))
        .put("type", "sms")
        .put("status", s.letter)
        .put("date", DATE_TIME.format(s.since));
    return out;
  }

  private ObjectNode statusBatch(Form form) {
    long id =
        parseId(form.first("batch_id").orElse(""), UNKNOWN_ID_ERROR_CODE, "Invalid batch ID.");
    Batch b = batches.get(id);
    if (b == null || b.cancelled) {
      throw new Failure(UNKNOWN_ID_ERROR_CODE, "Invalid batch ID.");
    }
    Instant now = clock.instant();
    Map<String, Integer> counts = new TreeMap<>();
    ArrayNode arr = Json.array();
    for (int i = b.firstIndex; i < b.firstIndex + b.count; i++) {
      Msg m = messages.get(i);
      String letter = status(m, now).letter;
      counts.merge(letter, 1, Integer::sum);
      arr.addObject().put("recipient", Long.parseLong(m.number)).put("status", letter);
    }
    ObjectNode out = Json.object();
    out.put("batch_id", b.id).put("num_messages", b.count);
    out.put("num_delivered", counts.getOrDefault("D", 0));
    out.put("num_undelivered", counts.getOrDefault("U", 0));
    out.put("num_expired", counts.getOrDefault("E", 0));
    out.put("num_unknown", counts.getOrDefault("?", 0));
    out.put("num_invalid", counts.getOrDefault("I", 0));
    out.set("messages", arr);
    return out;
  }

  // ---------------------------------------------------------------- builder

  /** Configures and starts a {@link FakeTextLocal}. Not thread-safe. */
  public static final class Builder {
    private SimulatedClock clock;
    private long seed;
    private String apiKey = DEFAULT_API_KEY;
    private String username;
    private String hash;
    private String password;
    private long balance = 100_000;
    private String defaultSender = "CampRelay";
    private List<String> senderNames = List.of("CampRelay");
    private double[] outcomeWeights = {0.92, 0.03, 0.01, 0.02, 0.02};
    private boolean retainMessageBodies = true;
    private FaultScript faults = FaultScript.none();

    private Builder() {}

    /**
     * Sets the shared clock (default: a new {@link SimulatedClock}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(SimulatedClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the seed of ids and delivery outcomes.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the accepted API key.
     *
     * @param apiKey the key
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /**
     * Accepts {@code username} + {@code hash} and/or {@code username} + {@code password} too.
     *
     * @param username the login e-mail
     * @param hash the secure hash, or null
     * @param password the password, or null
     * @return this builder
     */
    public Builder login(String username, String hash, String password) {
      this.username = username;
      this.hash = hash;
      this.password = password;
      return this;
    }

    /**
     * Sets the initial credit balance (default 100,000).
     *
     * @param credits the credits
     * @return this builder
     */
    public Builder balance(long credits) {
      this.balance = credits;
      return this;
    }

    /**
     * Sets the account default sender (null: none, so a send without {@code sender} fails 44) and
     * the approved sender names.
     *
     * @param defaultSender the default, or null
     * @param others further approved names
     * @return this builder
     */
    public Builder senders(String defaultSender, String... others) {
      this.defaultSender = defaultSender;
      List<String> all = new ArrayList<>();
      if (defaultSender != null) {
        all.add(defaultSender);
      }
      all.addAll(List.of(others));
      this.senderNames = all;
      return this;
    }

    /**
     * Sets the share of each final outcome: delivered, undelivered, expired, unknown, invalid.
     *
     * @param delivered D
     * @param undelivered U
     * @param expired E
     * @param unknown ?
     * @param invalid I
     * @return this builder
     */
    public Builder outcomeWeights(
        double delivered, double undelivered, double expired, double unknown, double invalid) {
      double[] w = {delivered, undelivered, expired, unknown, invalid};
      double sum = 0;
      for (double x : w) {
        if (x < 0) {
          throw new IllegalArgumentException("outcome weights must be >= 0, got " + x);
        }
        sum += x;
      }
      if (sum <= 0) {
        throw new IllegalArgumentException("outcome weights sum to 0: give at least one > 0");
      }
      for (int i = 0; i < w.length; i++) {
        w[i] /= sum;
      }
      this.outcomeWeights = w;
      return this;
    }

    /**
     * Whether to keep message texts (default true); turn off for million-message benchmarks.
     *
     * @param retain whether to keep texts
     * @return this builder
     */
    public Builder retainMessageBodies(boolean retain) {
      this.retainMessageBodies = retain;
      return this;
    }

    /**
     * Sets the fault script.
     *
     * @param script the script
     * @return this builder
     */
    public Builder faults(FaultScript script) {
      this.faults = Objects.requireNonNull(script, "script");
      return this;
    }

    /**
     * Validates the settings and starts the server on loopback.
     *
     * @return the running fake
     * @throws ConfigurationException naming each bad setting
     */
    public FakeTextLocal start() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (apiKey == null || apiKey.isBlank()) {
        problems.add(ConfigurationProblem.ofSecret("apiKey", "set a non-blank API key"));
      }
      if (balance < 0) {
        problems.add(ConfigurationProblem.of("balance", balance, "use 0 or more credits"));
      }
      if (username != null && hash == null && password == null) {
        problems.add(
            ConfigurationProblem.of(
                "login", username, "give a hash or a password with the username"));
      }
      ConfigurationException.throwIfAny("FakeTextLocal", problems);
      if (clock == null) {
        clock = SimulatedClock.create();
      }
      return started(new FakeTextLocal(this));
    }
  }
}
