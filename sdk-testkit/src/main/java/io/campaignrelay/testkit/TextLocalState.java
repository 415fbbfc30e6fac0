package io.campaignrelay.testkit;

import io.campaignrelay.testkit.implementation.Seeds;
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
import java.util.Optional;
import java.util.Set;

/**
 * The account state of a {@link FakeTextLocal}: groups, contacts, templates, messages, batches,
 * inboxes, surveys, sub-accounts. Every field and method is used under {@link #lock}.
 */
final class TextLocalState {
  static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final DateTimeFormatter SCHEDULED_FOR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** First message id: the documented sample {@code 1151346216} plus a seeded offset. */
  static final long FIRST_MESSAGE_ID = 1_151_346_216L;

  /** First batch id: the documented sample {@code 136546495} plus a seeded offset. */
  static final long FIRST_BATCH_ID = 136_546_495L;

  /** Test-mode ids: same magnitude as real ones (below 2^31), never persisted. */
  static final long FIRST_TEST_MESSAGE_ID = 1_950_000_001L;

  static final long FIRST_TEST_BATCH_ID = 190_000_001L;

  final Object lock;
  final SimulatedClock clock;
  final long seed;
  final String defaultSender;
  final List<String> senderNames;
  final double[] outcomeWeights;
  final boolean retainBodies;
  final boolean secondUrlDecoding;

  long balance;
  final Map<Long, Group> groups = new LinkedHashMap<>();
  final Map<Long, Template> templates = new LinkedHashMap<>();
  final List<Msg> messages = new ArrayList<>();
  final Map<Long, Batch> batches = new LinkedHashMap<>();
  final Map<String, Instant> optOuts = new LinkedHashMap<>();
  final Map<String, String> forcedStatus = new HashMap<>();
  final List<SentMessage> testSends = new ArrayList<>();
  final Map<Long, Inbox> inboxes = new LinkedHashMap<>();
  final Map<Long, Survey> surveys = new LinkedHashMap<>();
  final Map<Long, User> users = new LinkedHashMap<>();
  final Map<String, String> shortUrls = new LinkedHashMap<>();
  final Map<String, String> otps = new HashMap<>();
  final long firstMessageId;
  long nextBatchId;
  long nextGroupId = 1_000_001;
  long nextTemplateId = 200_001;
  long nextTestId;
  long nextTestBatchId;
  long nextInboxId = 10;
  long nextInboundId = 4_000_001;
  long nextSurveyId = 3_001;
  long nextUserId = 700_001;

  TextLocalState(FakeTextLocal.Builder b, Object lock, SimulatedClock clock) {
    this.lock = lock;
    this.clock = clock;
    this.seed = b.seed;
    this.defaultSender = b.defaultSender;
    this.senderNames = List.copyOf(b.senderNames);
    this.outcomeWeights = b.outcomeWeights.clone();
    this.retainBodies = b.retainMessageBodies;
    this.secondUrlDecoding = b.secondUrlDecoding;
    this.balance = b.balance;
    this.firstMessageId = FIRST_MESSAGE_ID + Math.floorMod(Seeds.mix(seed, 11), 1_000_000L);
    this.nextBatchId = FIRST_BATCH_ID + Math.floorMod(Seeds.mix(seed, 12), 1_000_000L);
    this.nextTestId = FIRST_TEST_MESSAGE_ID + Math.floorMod(Seeds.mix(seed, 13), 1_000_000L);
    this.nextTestBatchId = FIRST_TEST_BATCH_ID + Math.floorMod(Seeds.mix(seed, 14), 1_000_000L);
    groups.put(
        FakeTextLocal.CONTACTS_GROUP_ID, new Group(FakeTextLocal.CONTACTS_GROUP_ID, "Contacts"));
    groups.put(
        FakeTextLocal.OPT_OUTS_GROUP_ID, new Group(FakeTextLocal.OPT_OUTS_GROUP_ID, "Opt-outs"));
  }

  // ---------------------------------------------------------------- model

  record Template(long id, String title, String body) {}

  record Inbox(long id, String number, String keyword, List<Inbound> messages) {}

  record Inbound(long id, String number, String message, Instant at) {}

  record Survey(long id, String title, Instant created) {}

  record User(long id, String email, long[] credits) {}

  static final class Group {
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

  static final class Batch {
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
        Group group,
        long cost) {
      this.id = id;
      this.firstIndex = firstIndex;
      this.count = count;
      this.sendAt = sendAt;
      this.scheduled = scheduled;
      this.message = message;
      this.sender = sender;
      this.groupName = group == null ? "" : group.name;
      this.groupId = group == null ? 0 : group.id;
      this.cost = cost;
    }
  }

  record Msg(
      long id,
      long batchId,
      String number,
      String text,
      String sender,
      String custom,
      Instant sendAt,
      int parts) {
    SentMessage view() {
      return new SentMessage(
          "textlocal", Long.toString(id), number, text, sender, "", custom, sendAt, false);
    }
  }

  record Status(String letter, Instant since) {}

  // ---------------------------------------------------------------- lookups and evolution

  Msg message(long id) {
    long idx = id - firstMessageId;
    if (idx < 0 || idx >= messages.size()) {
      return null;
    }
    Msg m = messages.get((int) idx);
    return batches.get(m.batchId).cancelled ? null : m;
  }

  Status status(Msg m, Instant now) {
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

  Group requireGroup(long groupId) {
    Group g = groups.get(groupId);
    if (g == null) {
      throw new IllegalArgumentException(
          "groupId " + groupId + " does not exist: create it with addGroup() first");
    }
    return g;
  }

  String keep(String text) {
    return retainBodies ? text : "";
  }

  /** Charges a real send and opens its batch; its messages are stored next, in order. */
  long openBatch(
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
            id, messages.size(), count, sendAt, scheduled, keep(message), sender, group, cost));
    return id;
  }

  /** Stores one message of an open batch; returns its id. */
  long store(
      long batchId,
      String number,
      String text,
      String sender,
      String custom,
      Instant sendAt,
      int parts) {
    long id = firstMessageId + messages.size();
    messages.add(new Msg(id, batchId, number, keep(text), sender, custom, sendAt, parts));
    return id;
  }

  /** Records a {@code test=true} message (validated, never sent, not persisted); returns its id. */
  long recordTestSend(String number, String text, String sender, String custom, Instant sendAt) {
    long id = nextTestId++;
    testSends.add(
        new SentMessage(
            "textlocal", Long.toString(id), number, keep(text), sender, "", custom, sendAt, true));
    return id;
  }

  /** A new id for a test-mode batch (in the documented range, never persisted). */
  long testBatchId() {
    return nextTestBatchId++;
  }

  Inbox inboxWithKeyword(String keyword) {
    for (Inbox i : inboxes.values()) {
      if (i.keyword() != null && i.keyword().equalsIgnoreCase(keyword)) {
        return i;
      }
    }
    return null;
  }
}
