package io.campaignrelay.optimove;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.PublishedTemplate;
import io.campaignrelay.core.execution.TemplatePublisher;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.optimove.models.ChannelTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The engine's {@link TemplatePublisher} on Optimove: makes a channel's template list (e.g.
 * scheduled SMS 452 and triggered SMS 250) match a vendor's approved templates, idempotently. One
 * GetChannelTemplates call reads the channel; then templates no longer given are deleted, templates
 * whose name changed are deleted and re-added (Optimove has no update function, and re-adding an
 * existing TemplateID has UNKNOWN effect), and missing ones are added, each in calls of at most
 * 100. Running it twice with the same templates makes no write call.
 *
 * <p>Optimove needs an integer TemplateID per template: {@link Builder#templateIdMapping(Function)}
 * turns the vendor's id into it (default: the vendor id must itself be an integer). Two templates
 * mapping to the same number are rejected before anything is sent. The name shown in Optimove is
 * {@link Builder#displayName(Function)} (default: the template's name).
 *
 * <p>Only templates accepted by {@link Builder#ownedTemplates(Predicate)} are ever deleted
 * (default: all of the channel's). In the shared sandbox other vendors' templates appear under the
 * same channel: restrict it there. Thread-safe; concurrent publishes to the same channel should be
 * avoided (they would race like any read-modify-write).
 */
public final class OptimoveTemplatePublisher implements TemplatePublisher {

  private final OptimoveClient client;
  private final Function<TemplateId, Long> templateIdMapping;
  private final Function<Template, String> displayName;
  private final Predicate<ChannelTemplate> ownedTemplates;

  private OptimoveTemplatePublisher(Builder b) {
    this.client = b.client;
    this.templateIdMapping = b.templateIdMapping;
    this.displayName = b.displayName;
    this.ownedTemplates = b.ownedTemplates;
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
   * Syncs the templates to the channel.
   *
   * @param channel the channel
   * @param templates the vendor's approved templates
   * @return what is published now, in the order given
   * @throws ConfigurationException listing every unapproved template, unmappable id, blank name or
   *     id collision, before anything is sent
   */
  @Override
  public List<PublishedTemplate> publish(ChannelId channel, List<Template> templates) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(templates, "templates");
    List<ConfigurationProblem> problems = new ArrayList<>();
    Map<Long, String> desired = new LinkedHashMap<>();
    Map<Long, TemplateId> owner = new LinkedHashMap<>();
    List<PublishedTemplate> published = new ArrayList<>();
    for (int i = 0; i < templates.size(); i++) {
      Template t = templates.get(i);
      String f = "templates[" + i + "]";
      if (!t.isApproved()) {
        problems.add(
            ConfigurationProblem.of(
                f + ".approvalState",
                t.approvalState(),
                "template " + t.id() + " is not approved: publish approved templates only"));
        continue;
      }
      Long number;
      try {
        number = templateIdMapping.apply(t.id());
      } catch (RuntimeException e) {
        number = null;
      }
      if (number == null || number < 0) {
        problems.add(
            ConfigurationProblem.of(
                f + ".id",
                t.id(),
                "cannot be turned into Optimove's integer TemplateID: configure"
                    + " templateIdMapping(...)"));
        continue;
      }
      String name = displayName.apply(t);
      if (name == null || name.isBlank()) {
        problems.add(
            ConfigurationProblem.of(
                f + ".name", name, "Optimove requires a non-empty TemplateName"));
        continue;
      }
      TemplateId previous = owner.putIfAbsent(number, t.id());
      if (previous != null) {
        problems.add(
            ConfigurationProblem.of(
                f + ".id",
                t.id(),
                "maps to TemplateID "
                    + number
                    + " like template "
                    + previous
                    + ": the mapping must give each template its own number"));
        continue;
      }
      desired.put(number, name);
      published.add(new PublishedTemplate(t.id(), TemplateId.of(number), channel, name));
    }
    ConfigurationException.throwIfAny("Optimove template publishing", problems);

    Map<Long, String> current = new LinkedHashMap<>();
    for (ChannelTemplate t : client.listTemplates(channel)) {
      if (ownedTemplates.test(t)) {
        current.put(t.templateId(), t.templateName());
      }
    }
    List<Long> delete = new ArrayList<>();
    List<ChannelTemplate> add = new ArrayList<>();
    for (Map.Entry<Long, String> c : current.entrySet()) {
      String want = desired.get(c.getKey());
      if (want == null || !want.equals(c.getValue())) {
        delete.add(c.getKey());
      }
    }
    for (Map.Entry<Long, String> d : desired.entrySet()) {
      if (!d.getValue().equals(current.get(d.getKey()))) {
        add.add(ChannelTemplate.of(d.getKey(), d.getValue()));
      }
    }
    if (!delete.isEmpty()) {
      client.deleteTemplates(channel, delete.stream().map(TemplateId::of).toList());
    }
    if (!add.isEmpty()) {
      client.createTemplates(channel, add);
    }
    return List.copyOf(published);
  }

  /**
   * Syncs the templates to the two SMS channels of the SMS-channel guide: scheduled SMS 452 and
   * triggered SMS 250.
   *
   * @param templates the vendor's approved templates
   * @return what is published, by channel
   */
  public Map<ChannelId, List<PublishedTemplate>> publishToSmsChannels(List<Template> templates) {
    Map<ChannelId, List<PublishedTemplate>> out = new LinkedHashMap<>();
    out.put(ChannelId.SCHEDULED_SMS, publish(ChannelId.SCHEDULED_SMS, templates));
    out.put(ChannelId.TRIGGERED_SMS, publish(ChannelId.TRIGGERED_SMS, templates));
    return out;
  }

  @Override
  public String toString() {
    return "OptimoveTemplatePublisher{" + client + '}';
  }

  /** Builds an {@link OptimoveTemplatePublisher}. Not thread-safe. */
  public static final class Builder {
    private OptimoveClient client;
    private Function<TemplateId, Long> templateIdMapping = id -> Long.parseLong(id.value());
    private Function<Template, String> displayName = Template::name;
    private Predicate<ChannelTemplate> ownedTemplates = t -> true;

    private Builder() {}

    /**
     * Sets the client (required).
     *
     * @param client the Optimove client
     * @return this builder
     */
    public Builder client(OptimoveClient client) {
      this.client = client;
      return this;
    }

    /**
     * Sets how a vendor template id becomes Optimove's integer TemplateID (must be deterministic
     * and give each template its own number).
     *
     * @param mapping the mapping; may throw or return null for an id it cannot map
     * @return this builder
     */
    public Builder templateIdMapping(Function<TemplateId, Long> mapping) {
      this.templateIdMapping = mapping;
      return this;
    }

    /**
     * Sets the name shown in Optimove's template picker.
     *
     * @param displayName the naming function, e.g. {@code t -> t.id() + " - " + t.name()}
     * @return this builder
     */
    public Builder displayName(Function<Template, String> displayName) {
      this.displayName = displayName;
      return this;
    }

    /**
     * Limits which of the channel's templates this publisher owns (and may delete).
     *
     * @param owned the filter, e.g. by a name prefix
     * @return this builder
     */
    public Builder ownedTemplates(Predicate<ChannelTemplate> owned) {
      this.ownedTemplates = owned;
      return this;
    }

    /**
     * Builds the publisher.
     *
     * @return the publisher
     * @throws ConfigurationException if a setting is missing
     */
    public OptimoveTemplatePublisher build() {
      List<ConfigurationProblem> problems = new ArrayList<>();
      if (client == null) {
        problems.add(ConfigurationProblem.of("client", null, "give an OptimoveClient"));
      }
      if (templateIdMapping == null) {
        problems.add(ConfigurationProblem.of("templateIdMapping", null, "give a mapping"));
      }
      if (displayName == null) {
        problems.add(ConfigurationProblem.of("displayName", null, "give a naming function"));
      }
      if (ownedTemplates == null) {
        problems.add(ConfigurationProblem.of("ownedTemplates", null, "use t -> true"));
      }
      ConfigurationException.throwIfAny("Optimove template publisher", problems);
      return new OptimoveTemplatePublisher(this);
    }
  }
}
