package io.campaignrelay.textlocal;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.textlocal.models.ContactsCreated;
import io.campaignrelay.textlocal.models.CustomField;
import io.campaignrelay.textlocal.models.CustomerContact;
import io.campaignrelay.textlocal.models.NewContact;
import io.campaignrelay.textlocal.models.TextLocalNotice;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The daily contact update the guide requires: upserts customers (CustomerID in the configured
 * custom field, first name, last name, phone) into the contact group with {@code
 * create_contacts_bulk}, {@value TextLocalClient#MAX_CONTACTS_PER_BULK_CREATE} per call, reading
 * the input lazily. Whether TextLocal updates an existing number in place or reports it is not
 * documented (INFERRED: update); warnings are returned, never dropped. Thread-safe.
 */
public final class TextLocalContactSync {

  /**
   * What a sync did.
   *
   * @param calls how many {@code create_contacts_bulk} calls were made
   * @param submitted contacts submitted
   * @param created contacts TextLocal reported as created or updated
   * @param warnings every warning
   */
  public record Report(int calls, long submitted, long created, List<TextLocalNotice> warnings) {
    /** Copies the list. */
    public Report {
      warnings = List.copyOf(warnings);
    }
  }

  private final TextLocalClient client;
  private final String groupId;
  private final CustomField keyField;

  private TextLocalContactSync(TextLocalClient client, String groupId, CustomField keyField) {
    this.client = client;
    this.groupId = groupId;
    this.keyField = keyField;
  }

  /**
   * The sync for the integration's main group.
   *
   * @param client the client
   * @param settings the integration settings
   * @return the sync
   * @throws ConfigurationException if a setting is missing
   */
  public static TextLocalContactSync create(
      TextLocalClient client, TextLocalIntegrationSettings settings) {
    if (settings == null) {
      throw new ConfigurationException(
          "TextLocal contact sync",
          ConfigurationProblem.of("settings", null, "give the integration settings"));
    }
    return create(client, settings.groupId(), settings.keyField());
  }

  /**
   * The sync for a group.
   *
   * @param client the client
   * @param groupId the group
   * @param keyField the field holding the CustomerID
   * @return the sync
   * @throws ConfigurationException listing every missing setting
   */
  public static TextLocalContactSync create(
      TextLocalClient client, String groupId, CustomField keyField) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (client == null) {
      problems.add(ConfigurationProblem.of("client", null, "give the TextLocal client"));
    }
    if (groupId == null || groupId.isBlank()) {
      problems.add(ConfigurationProblem.of("groupId", groupId, "give the contact group's id"));
    }
    if (keyField == null) {
      problems.add(
          ConfigurationProblem.of("keyField", null, "give the Custom field holding CustomerID"));
    }
    ConfigurationException.throwIfAny("TextLocal contact sync", problems);
    return new TextLocalContactSync(client, groupId, keyField);
  }

  /**
   * Upserts the customers.
   *
   * @param customers the customers, read once in order
   * @return what was done
   */
  public Report sync(Iterable<CustomerContact> customers) {
    Iterator<CustomerContact> it = customers.iterator();
    List<NewContact> chunk = new ArrayList<>(TextLocalClient.MAX_CONTACTS_PER_BULK_CREATE);
    List<TextLocalNotice> warnings = new ArrayList<>();
    int calls = 0;
    long submitted = 0;
    long created = 0;
    while (it.hasNext()) {
      chunk.clear();
      while (it.hasNext() && chunk.size() < TextLocalClient.MAX_CONTACTS_PER_BULK_CREATE) {
        chunk.add(it.next().toNewContact(keyField));
      }
      ContactsCreated r = client.createContactsBulk(groupId, chunk);
      calls++;
      submitted += chunk.size();
      created += r.numContacts();
      warnings.addAll(r.warnings());
    }
    return new Report(calls, submitted, created, warnings);
  }
}
