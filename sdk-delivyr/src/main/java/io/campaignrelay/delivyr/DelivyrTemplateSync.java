package io.campaignrelay.delivyr;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.execution.PublishedTemplate;
import io.campaignrelay.core.execution.TemplatePublisher;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.delivyr.models.DelivyrTemplate;
import io.campaignrelay.delivyr.models.TemplateListOptions;
import io.campaignrelay.delivyr.models.TemplateStatus;
import io.campaignrelay.optimove.OptimoveClient;
import io.campaignrelay.optimove.OptimoveTemplatePublisher;
import io.campaignrelay.optimove.models.ChannelTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Syncs Delivyr's approved custom templates into Optimove, as Delivyr's integration does: the
 * Delivyr Scheduled SMS channel (452) for scheduled campaigns and the Delivyr Triggered SMS channel
 * (250) for triggered ones, through sdk-optimove's {@link OptimoveTemplatePublisher}.
 *
 * <p>Each template appears in Optimove with the TemplateID and the name {@code <DELIVYR ID> -
 * <name>} given by {@link TemplateIdMapping} (the single place that defines them). Only templates
 * that are approved and custom are synced; a template goes to 452 when offered for scheduled
 * campaigns and to 250 when offered for triggered ones (both when it lists no channel). The
 * publisher owns only the channel's templates named {@code <DELIVYR ID> - ...} whose TemplateID is
 * that id's mapping, so templates of other vendors are never deleted.
 *
 * <p>Before anything is written, the channel's current templates are read and {@link
 * TemplateIdMapping#checkCollisions(Map, Map)} runs: a TemplateID that Optimove already uses for a
 * template that is not this Delivyr template stops the sync with a {@link ConfigurationException}
 * naming it. Thread-safe; do not run two syncs at once.
 */
public final class DelivyrTemplateSync {

  private final DelivyrClient delivyr;
  private final OptimoveClient optimove;
  private final TemplatePublisher publisher;
  private final DefaultUrlRule defaultUrlRule;

  private DelivyrTemplateSync(
      DelivyrClient delivyr,
      OptimoveClient optimove,
      TemplatePublisher publisher,
      DefaultUrlRule defaultUrlRule) {
    this.delivyr = Objects.requireNonNull(delivyr, "delivyr");
    this.optimove = Objects.requireNonNull(optimove, "optimove");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.defaultUrlRule = defaultUrlRule;
  }

  /**
   * A sync with the standard publisher.
   *
   * @param delivyr the Delivyr client (templates are read from it)
   * @param optimove the Optimove client (templates are written with it)
   * @return the sync
   */
  public static DelivyrTemplateSync create(DelivyrClient delivyr, OptimoveClient optimove) {
    return create(delivyr, optimove, null);
  }

  /**
   * A sync with the standard publisher, applying Delivyr's default-URL rule to the templates.
   *
   * @param delivyr the Delivyr client
   * @param optimove the Optimove client
   * @param defaultUrlRule the rule, or null for the templates' own links
   * @return the sync
   */
  public static DelivyrTemplateSync create(
      DelivyrClient delivyr, OptimoveClient optimove, DefaultUrlRule defaultUrlRule) {
    return new DelivyrTemplateSync(delivyr, optimove, publisher(optimove), defaultUrlRule);
  }

  /**
   * The standard publisher for Delivyr templates: TemplateIDs and names from {@link
   * TemplateIdMapping}, owning only templates it named.
   *
   * @param optimove the Optimove client
   * @return the publisher
   */
  public static OptimoveTemplatePublisher publisher(OptimoveClient optimove) {
    return OptimoveTemplatePublisher.builder()
        .client(optimove)
        .templateIdMapping((TemplateId id) -> TemplateIdMapping.toOptimoveTemplateId(id.value()))
        .displayName(t -> TemplateIdMapping.optimoveTemplateName(t.id().value(), t.name()))
        .ownedTemplates(DelivyrTemplateSync::isDelivyrOwned)
        .build();
  }

  /**
   * Whether an Optimove channel template is one this mapping created: its name starts with a
   * Delivyr id whose mapping is its TemplateID.
   *
   * @param t the channel template
   * @return true if it belongs to Delivyr's sync
   */
  public static boolean isDelivyrOwned(ChannelTemplate t) {
    Optional<String> id = TemplateIdMapping.delivyrIdOf(t.templateName());
    return id.isPresent() && TemplateIdMapping.toOptimoveTemplateId(id.get()) == t.templateId();
  }

  /**
   * The templates that are synced: approved custom templates.
   *
   * @return the templates, converted, in Delivyr's order
   */
  public List<Template> approvedTemplates() {
    List<Template> out = new ArrayList<>();
    for (DelivyrTemplate t :
        delivyr.listTemplates(new TemplateListOptions(TemplateStatus.APPROVED, null, null))) {
      if (t.isApproved() && t.isCustom()) {
        out.add(DelivyrTemplateSource.toTemplate(t, defaultUrlRule));
      }
    }
    return out;
  }

  /**
   * Syncs the approved custom templates to channels 452 and 250.
   *
   * @return what each channel lists now, by channel
   * @throws ConfigurationException if a TemplateID collides with a template Optimove already has
   *     (nothing is written then)
   */
  public Map<ChannelId, List<PublishedTemplate>> sync() {
    List<Template> approved = approvedTemplates();
    Map<ChannelId, List<Template>> byChannel = new LinkedHashMap<>();
    for (ChannelId channel : List.of(ChannelId.SCHEDULED_SMS, ChannelId.TRIGGERED_SMS)) {
      List<Template> forChannel = new ArrayList<>();
      for (Template t : approved) {
        if (t.channels().contains(channel)) {
          forChannel.add(t);
        }
      }
      byChannel.put(channel, forChannel);
    }
    List<ConfigurationProblem> problems = new ArrayList<>();
    for (Map.Entry<ChannelId, List<Template>> e : byChannel.entrySet()) {
      Map<String, String> planned = new LinkedHashMap<>();
      for (Template t : e.getValue()) {
        planned.put(
            t.id().value(), TemplateIdMapping.optimoveTemplateName(t.id().value(), t.name()));
      }
      Map<Long, String> existing = new LinkedHashMap<>();
      for (ChannelTemplate ct : optimove.listTemplates(e.getKey())) {
        existing.put(ct.templateId(), ct.templateName());
      }
      for (ConfigurationProblem p : TemplateIdMapping.checkCollisions(planned, existing)) {
        problems.add(
            ConfigurationProblem.of("channel " + e.getKey() + " " + p.field(), p.value(), p.fix()));
      }
    }
    ConfigurationException.throwIfAny("Delivyr template sync", problems);
    Map<ChannelId, List<PublishedTemplate>> out = new LinkedHashMap<>();
    for (Map.Entry<ChannelId, List<Template>> e : byChannel.entrySet()) {
      out.put(e.getKey(), publisher.publish(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public String toString() {
    return "DelivyrTemplateSync{delivyr=" + delivyr + ", optimove=" + optimove + '}';
  }
}
