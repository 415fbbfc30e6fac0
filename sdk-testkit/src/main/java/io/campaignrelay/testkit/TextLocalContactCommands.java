package io.campaignrelay.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.campaignrelay.testkit.implementation.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code get_groups}, {@code create_group}, {@code delete_group}, {@code get_contacts}, {@code
 * create_contacts}, {@code create_contacts_bulk}, {@code delete_contact}, {@code get_optouts}.
 */
final class TextLocalContactCommands {
  /** Longest group name (INFERRED: the docs name error 13 but no length). */
  static final int MAX_GROUP_NAME = 50;

  private TextLocalContactCommands() {}

  static void register(Map<String, Function<TextLocalRequest, ObjectNode>> commands) {
    commands.put("get_groups", TextLocalContactCommands::getGroups);
    commands.put("create_group", TextLocalContactCommands::createGroup);
    commands.put("delete_group", TextLocalContactCommands::deleteGroup);
    commands.put("get_contacts", TextLocalContactCommands::getContacts);
    commands.put("create_contacts", TextLocalContactCommands::createContacts);
    commands.put("create_contacts_bulk", TextLocalContactCommands::createContactsBulk);
    commands.put("delete_contact", TextLocalContactCommands::deleteContact);
    commands.put("get_optouts", TextLocalContactCommands::getOptOuts);
  }

  static ObjectNode getGroups(TextLocalRequest r) {
    ObjectNode out = Json.object();
    out.put("num_groups", r.s.groups.size());
    ArrayNode arr = out.putArray("groups");
    for (TextLocalState.Group g : r.s.groups.values()) {
      arr.addObject().put("id", g.id).put("name", g.name).put("size", g.size());
    }
    return out;
  }

  static ObjectNode createGroup(TextLocalRequest r) {
    String name = r.param("name").map(String::trim).orElse("");
    if (name.isEmpty()) {
      throw new TextLocalRefusal(12, "No group name specified.");
    }
    if (name.length() > MAX_GROUP_NAME) {
      throw new TextLocalRefusal(13, "Group name is too long.");
    }
    for (TextLocalState.Group g : r.s.groups.values()) {
      if (g.name.equalsIgnoreCase(name)) {
        throw new TextLocalRefusal(14, "Group already exists.");
      }
    }
    long id = r.s.nextGroupId++;
    r.s.groups.put(id, new TextLocalState.Group(id, name));
    ObjectNode out = Json.object();
    out.putObject("group").put("id", id).put("name", name);
    return out;
  }

  static ObjectNode deleteGroup(TextLocalRequest r) {
    TextLocalState.Group g = r.groupParam(false);
    if (g.id == FakeTextLocal.CONTACTS_GROUP_ID || g.id == FakeTextLocal.OPT_OUTS_GROUP_ID) {
      throw new TextLocalRefusal(62, "Cannot delete specified group");
    }
    r.s.groups.remove(g.id);
    return Json.object();
  }

  static ObjectNode getContacts(TextLocalRequest r) {
    TextLocalState.Group g = r.groupParam(false);
    long start = r.longOr("start", 0);
    long limit = r.longOr("limit", 1000);
    ObjectNode out = Json.object();
    out.put("group_id", g.id).put("start", start).put("limit", limit).put("num_contacts", g.size());
    ArrayNode arr = out.putArray("contacts");
    List<TextLocalContact> page;
    Optional<String> number = r.nonBlank("number");
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

  static ObjectNode createContacts(TextLocalRequest r) {
    TextLocalState.Group g = r.groupParam(true);
    String raw = r.param("numbers").orElse("").trim();
    if (raw.isEmpty()) {
      throw new TextLocalRefusal(55, "No numbers specified");
    }
    List<TextLocalContact> added = new ArrayList<>();
    for (String n : raw.split(",")) {
      String num = n.trim();
      if (TextLocalRequest.validNumber(num)) {
        TextLocalContact c = new TextLocalContact(num, "", "", "", "", "");
        g.put(c);
        added.add(c);
      }
    }
    if (added.isEmpty()) {
      throw new TextLocalRefusal(56, "Invalid number(s) specified. They will not be created");
    }
    return contactsResult(g, added);
  }

  private static ObjectNode contactsResult(TextLocalState.Group g, List<TextLocalContact> added) {
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

  /**
   * Keyed contact objects ({@code number, first_name, last_name, custom1..3}); the official PHP
   * class URL-encodes the JSON (spaces as {@code +}), which is decoded once, so "Mary Ann" stays
   * "Mary Ann"; raw JSON is read as it is.
   */
  static ObjectNode createContactsBulk(TextLocalRequest r) {
    TextLocalState.Group g = r.groupParam(false);
    JsonNode arr =
        r.json("contacts")
            .filter(JsonNode::isArray)
            .orElseThrow(() -> new TextLocalRefusal(15, "Invalid JSON string"));
    if (arr.size() > FakeTextLocal.MAX_CONTACTS_PER_BULK) {
      throw new TextLocalRefusal(33, "You have supplied too many numbers.");
    }
    List<TextLocalContact> added = new ArrayList<>();
    for (JsonNode c : arr) {
      String num = Json.text(c, "number").orElse("").trim();
      if (!TextLocalRequest.validNumber(num)) {
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
      throw new TextLocalRefusal(56, "Invalid number(s) specified. They will not be created");
    }
    return contactsResult(g, added);
  }

  static ObjectNode deleteContact(TextLocalRequest r) {
    TextLocalState.Group g = r.groupParam(true);
    String number = r.param("number").orElse("").trim();
    if (number.isEmpty() || !g.remove(number)) {
      throw new TextLocalRefusal(61, "Specified number(s) not found");
    }
    ObjectNode out = Json.object();
    out.put("group_id", g.id).put("number", number);
    return out;
  }

  /** INFERRED shape {@code {num_optouts, optouts:[{number, datetime}]}}; {@code time} filters. */
  static ObjectNode getOptOuts(TextLocalRequest r) {
    long since = r.longOr("time", Long.MIN_VALUE);
    ObjectNode out = Json.object();
    ArrayNode arr = Json.array();
    r.s.optOuts.forEach(
        (n, t) -> {
          if (t.getEpochSecond() >= since) {
            arr.addObject()
                .put("number", Long.parseLong(n))
                .put("datetime", TextLocalState.DATE_TIME.format(t));
          }
        });
    out.put("num_optouts", arr.size());
    out.set("optouts", arr);
    return out;
  }
}
