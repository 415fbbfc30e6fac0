package io.campaignrelay.testkit;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stateful in-process fake of the TextLocal API (UK host style), written from {@code
 * textlocal-api.md} and {@code textlocal-documented-samples.md}: {@code POST} or {@code GET} {@code
 * <command>/} relative to {@link #baseUrl()} (e.g. {@code baseUrl() + "send/"}), JSON answers with
 * {@code status: success|failure} and {@code errors:[{code, message}]} (always HTTP 200 for command
 * errors, as the spec infers). The fault-script operation name is the command.
 *
 * <p>Requests: parameters in the query string, an {@code application/x-www-form-urlencoded} body or
 * a {@code multipart/form-data} body (what every PHP sample in TextLocal's docs sends). The samples
 * URL-encode {@code message} and {@code sender} before posting and the documented answers show them
 * decoded, so those are URL-decoded once more ({@code +} is a space, a stray {@code %} stays);
 * whether the real server does so for clients that do not pre-encode is UNKNOWN, so {@link
 * Builder#secondUrlDecoding(boolean)} turns it off. JSON parameters ({@code contacts}, {@code
 * data}) are read raw or URL-encoded.
 *
 * <p>Commands ({@link #commands()}): {@code send}, {@code bulk_json}, {@code send_mms}, {@code
 * otp_send}, {@code otp_challenge}, {@code get_templates}, {@code check_keyword}, {@code
 * get_groups}, {@code create_group}, {@code delete_group}, {@code get_contacts}, {@code
 * create_contacts}, {@code create_contacts_bulk}, {@code delete_contact}, {@code get_optouts},
 * {@code get_scheduled}, {@code cancel_scheduled}, {@code balance}, {@code get_sender_names},
 * {@code status_message}, {@code status_batch}, {@code get_history_single}, {@code
 * get_history_group}, {@code get_history_api}, {@code get_history_email}, {@code
 * get_mms_history_api}, {@code get_inboxes}, {@code get_messages}, {@code get_surveys}, {@code
 * get_survey_details}, {@code get_survey_results}, {@code create_shorturl}, {@code get_users},
 * {@code transfer_credits}. Others answer code 2 "Unrecognised command". {@code send_mms} is
 * validated and then refused with 7 "Insufficient credits." (the account holds no MMS credits).
 *
 * <p>Authentication: {@code apikey} (any case), or {@code username} with {@code hash} or {@code
 * password}; wrong or missing credentials answer code 3.
 *
 * <p>Validation of {@code send}: 34 both numbers and group, 4 no recipients, 5 no message, 6 over
 * 765 characters, 43 invalid sender (UK: 3..11 alphanumerics or spaces, or up to 13 digits), 44 no
 * sender and no account default, 8 non-numeric {@code schedule_time}, 9 schedule in the past, 10
 * unknown group, 11 empty group, 33 more than 10,000 numbers, 32 a single invalid number, warning 3
 * per invalid number in a list, 51 no valid numbers, 7 insufficient credits (not in test mode).
 * Numbers must be international digits without {@code +}. {@code optouts=true} drops numbers on the
 * opt-out group (6) and the fake's opt-out list. Parts: GSM 160 / 153, UCS-2 70 / 67.
 *
 * <p>Ids: message ids count up from the documented {@code 1151346216} (plus a seeded offset under a
 * million), batch ids from {@code 136546495}; test-mode ({@code test=true}) ids are of the same
 * magnitude (below 2^31) but never persisted, so a later {@code status_message} or {@code
 * status_batch} on them fails, as the spec reports. Test-mode sends are validated and priced, use
 * no credits, answer {@code test_mode:true} and are listed by {@link #testModeMessages()}.
 *
 * <p>Delivery status evolves with the shared clock: every message starts {@code P} and, from a
 * seeded roll per message, becomes {@code D} (minutes to hours; a few take 1..2.5 days), {@code U}
 * (after 2..3 days), {@code E} (after 3 days), {@code I} (within a minute) or {@code ?} (after 1..2
 * days, then stays). {@link #forceStatus(String, String)} fixes the outcome of a number.
 *
 * <p>INFERRED and documented here: unknown message, batch, scheduled, inbox, survey or user ids
 * (and a wrong OTP code) answer code {@value #UNKNOWN_ID_ERROR_CODE} (no published code); over
 * 1,500 contacts in {@code create_contacts_bulk} or over 500 messages in {@code bulk_json} answer
 * 33; group names over 50 characters answer 13; {@code get_contacts} without {@code limit} returns
 * 1,000 rows; history pages hold at most 1,000 rows; the response shapes of {@code get_optouts},
 * {@code get_messages}, {@code check_keyword}, surveys, {@code get_users}, {@code
 * transfer_credits}, OTP and the history rows beyond the documented fields. The fake has no
 * e-mail-to-SMS gateway and no MMS, so those histories are empty. Delivery receipts are not pushed.
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

  private final TextLocalState state;

  private FakeTextLocal(Builder b) {
    super("TextLocal", b.clock);
    this.state = new TextLocalState(b, lock, clock);
    serve(
        new TextLocalDispatcher(
            state,
            Secret.of(b.apiKey),
            b.username,
            b.hash == null ? null : Secret.of(b.hash),
            b.password == null ? null : Secret.of(b.password)),
        b.faults);
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
   * The commands this fake answers (others get code 2).
   *
   * @return the command names, sorted
   */
  public static Set<String> commands() {
    return new TreeSet<>(TextLocalDispatcher.COMMANDS);
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
      return state.balance;
    }
  }

  /**
   * Sets the credit balance.
   *
   * @param credits the credits
   */
  public void balance(long credits) {
    synchronized (lock) {
      state.balance = credits;
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
      long id = state.nextGroupId++;
      state.groups.put(id, new TextLocalState.Group(id, name));
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
      TextLocalState.Group g = state.requireGroup(groupId);
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
      TextLocalState.Group g = state.requireGroup(groupId);
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
      TextLocalState.Group g = state.groups.get(groupId);
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
      TextLocalState.Group g = state.groups.get(groupId);
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
      state.groups.values().forEach(g -> out.put(g.id, g.name));
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
      long id = state.nextTemplateId++;
      state.templates.put(id, new TextLocalState.Template(id, title, body));
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
      state.optOuts.put(number, clock.instant());
      state.groups.get(OPT_OUTS_GROUP_ID).put(new TextLocalContact(number, "", "", "", "", ""));
    }
  }

  /**
   * Adds an inbox ({@code get_inboxes}): a long number or short code with an optional keyword.
   *
   * @param number digits, e.g. {@code 447123456789} or {@code 60777}
   * @param keyword the keyword, or null for a dedicated number
   * @return the inbox id
   */
  public long addInbox(String number, String keyword) {
    requireDigits("number", number);
    synchronized (lock) {
      long id = state.nextInboxId++;
      state.inboxes.put(id, new TextLocalState.Inbox(id, number, keyword, new ArrayList<>()));
      return id;
    }
  }

  /**
   * Delivers an inbound message to an inbox now (listed by {@code get_messages}).
   *
   * @param inboxId the inbox from {@link #addInbox(String, String)}
   * @param from the sender's number (digits)
   * @param message the text
   * @return the message id
   */
  public long addInboundMessage(long inboxId, String from, String message) {
    requireDigits("from", from);
    Objects.requireNonNull(message, "message");
    synchronized (lock) {
      TextLocalState.Inbox inbox = state.inboxes.get(inboxId);
      if (inbox == null) {
        throw new IllegalArgumentException(
            "inboxId " + inboxId + " does not exist: create it with addInbox() first");
      }
      long id = state.nextInboundId++;
      inbox.messages().add(new TextLocalState.Inbound(id, from, message, clock.instant()));
      return id;
    }
  }

  /**
   * Adds a survey ({@code get_surveys}, {@code get_survey_details}, {@code get_survey_results}).
   *
   * @param title the title
   * @return the survey id
   */
  public long addSurvey(String title) {
    Objects.requireNonNull(title, "title");
    synchronized (lock) {
      long id = state.nextSurveyId++;
      state.surveys.put(id, new TextLocalState.Survey(id, title, clock.instant()));
      return id;
    }
  }

  /**
   * Adds a reseller sub-account ({@code get_users}, {@code transfer_credits}) with no credits.
   *
   * @param email the sub-account's login e-mail
   * @return the user id
   */
  public long addSubAccount(String email) {
    Objects.requireNonNull(email, "email");
    synchronized (lock) {
      long id = state.nextUserId++;
      state.users.put(id, new TextLocalState.User(id, email, new long[1]));
      return id;
    }
  }

  /**
   * The credits of a sub-account.
   *
   * @param userId the id from {@link #addSubAccount(String)}
   * @return the credits, or empty for an unknown id
   */
  public Optional<Long> subAccountCredits(long userId) {
    synchronized (lock) {
      TextLocalState.User u = state.users.get(userId);
      return u == null ? Optional.empty() : Optional.of(u.credits()[0]);
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
      state.forcedStatus.put(number, status);
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
      List<SentMessage> out = new ArrayList<>(state.messages.size());
      for (TextLocalState.Msg m : state.messages) {
        if (!state.batches.get(m.batchId()).cancelled) {
          out.add(m.view());
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
      return SentMessages.of(state.testSends);
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
      TextLocalState.Msg m = state.message(messageId);
      return m == null ? Optional.empty() : Optional.of(state.status(m, clock.instant()).letter());
    }
  }

  private static void requireDigits(String field, String value) {
    if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(field + " is '" + value + "': use digits without +");
    }
  }

  /** Configures and starts a {@link FakeTextLocal}. Not thread-safe. */
  public static final class Builder {
    SimulatedClock clock;
    long seed;
    String apiKey = DEFAULT_API_KEY;
    String username;
    String hash;
    String password;
    long balance = 100_000;
    String defaultSender = "CampRelay";
    List<String> senderNames = List.of("CampRelay");
    double[] outcomeWeights = {0.92, 0.03, 0.01, 0.02, 0.02};
    boolean retainMessageBodies = true;
    boolean secondUrlDecoding = true;
    FaultScript faults = FaultScript.none();

    private Builder() {}

    /** Sets the shared clock (default: a new {@link SimulatedClock}). */
    public Builder clock(SimulatedClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the seed of ids and delivery outcomes. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets the accepted API key. */
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

    /** Sets the initial credit balance (default 100,000). */
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
     * Sets the share of each final outcome (normalised): delivered {@code D}, undelivered {@code
     * U}, expired {@code E}, unknown {@code ?}, invalid {@code I}.
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

    /** Whether to keep message texts (default true); turn off for million-message benchmarks. */
    public Builder retainMessageBodies(boolean retain) {
      this.retainMessageBodies = retain;
      return this;
    }

    /**
     * Whether {@code message} and {@code sender} (and the {@code text} of {@code bulk_json}
     * messages) are URL-decoded once more after the body is read. Default true: TextLocal's PHP
     * samples URL-encode them before posting ({@code rawurlencode} / {@code urlencode}, so {@code
     * Jims+Autos}) and the documented answers show them decoded ({@code Jims Autos}). Whether the
     * real server decodes again for a client that does not pre-encode (a literal {@code +} or
     * {@code %XX}) is UNKNOWN; set false to take values as sent.
     *
     * @param enabled whether to decode once more
     * @return this builder
     */
    public Builder secondUrlDecoding(boolean enabled) {
      this.secondUrlDecoding = enabled;
      return this;
    }

    /** Sets the fault script. */
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
