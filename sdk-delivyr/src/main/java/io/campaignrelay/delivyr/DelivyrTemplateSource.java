package io.campaignrelay.delivyr;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.http.NotFoundException;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.delivyr.models.DelivyrTemplate;
import io.campaignrelay.delivyr.models.TemplateChannel;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Delivyr's templates as Campaign Relay templates, read by the runtime and the examples.
 *
 * <p>Each template keeps Delivyr's id, name and body; its approval state comes from Delivyr's
 * status; its channels are 452 for {@code scheduled} and 250 for {@code triggered} (a template
 * listing no channel is offered in both). Its redirect link follows Delivyr's default-URL rule when
 * a {@link DefaultUrlRule} is given (custom templates created before the integration was enabled
 * get the default URL; later ones keep their own), else the template's own link.
 *
 * <p>Placeholders: the engine fills Optimove's {@code [%NAME%]} tags. A Delivyr body may also use
 * Delivyr's own {@code {{NAME}}} placeholders (the syntax Delivyr fills for triggered messages,
 * INFERRED: Delivyr publishes no template reference); each one whose name is letters, digits and
 * {@code _} is rewritten to {@code [%NAME%]}, so a scheduled campaign rendered by the engine fills
 * it too instead of sending the braces to the phone. Other text is kept as is. Thread-safe.
 */
public final class DelivyrTemplateSource {

  private static final Pattern DELIVYR_PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

  private final DelivyrClient client;
  private final DefaultUrlRule defaultUrlRule;

  private DelivyrTemplateSource(DelivyrClient client, DefaultUrlRule defaultUrlRule) {
    this.client = Objects.requireNonNull(client, "client");
    this.defaultUrlRule = defaultUrlRule;
  }

  /**
   * A source using each template's own redirect link.
   *
   * @param client the Delivyr client
   * @return the source
   */
  public static DelivyrTemplateSource create(DelivyrClient client) {
    return new DelivyrTemplateSource(client, null);
  }

  /**
   * A source applying the default-URL rule.
   *
   * @param client the Delivyr client
   * @param defaultUrlRule the rule, or null for the templates' own links
   * @return the source
   */
  public static DelivyrTemplateSource create(DelivyrClient client, DefaultUrlRule defaultUrlRule) {
    return new DelivyrTemplateSource(client, defaultUrlRule);
  }

  /**
   * Every template the account has, approved or not.
   *
   * @return the templates, in Delivyr's order
   */
  public List<Template> templates() {
    List<Template> out = new ArrayList<>();
    for (DelivyrTemplate t : client.listTemplates()) {
      out.add(toTemplate(t, defaultUrlRule));
    }
    return out;
  }

  /**
   * One template.
   *
   * @param id Delivyr's template id
   * @return the template, or empty if Delivyr has none with that id (or the id is not one of
   *     Delivyr's)
   */
  public Optional<Template> template(TemplateId id) {
    Objects.requireNonNull(id, "id");
    if (!TemplateIdMapping.isValidDelivyrId(id.value())) {
      return Optional.empty();
    }
    try {
      return Optional.of(toTemplate(client.getTemplate(id.value()), defaultUrlRule));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Converts one Delivyr template.
   *
   * @param t the Delivyr template
   * @param rule the default-URL rule, or null for the template's own link
   * @return the Campaign Relay template
   * @throws ConfigurationException if the template has no name or body, or a link that is not an
   *     absolute http(s) URL
   */
  public static Template toTemplate(DelivyrTemplate t, DefaultUrlRule rule) {
    Optional<String> link = rule == null ? t.ownRedirectUrl() : rule.redirectUrlFor(t);
    Template.Builder b =
        Template.builder()
            .id(TemplateId.of(t.id()))
            .name(t.name())
            .body(optimoveTags(t.body()))
            .approvalState(
                t.status() == null
                    ? ApprovalState.PENDING
                    : ApprovalState.fromString(t.status().value()));
    link.ifPresent(l -> b.redirectUrl(toUri(l)));
    if (t.channels().isEmpty() || t.channels().contains(TemplateChannel.SCHEDULED)) {
      b.addChannel(ChannelId.SCHEDULED_SMS);
    }
    if (t.channels().isEmpty() || t.channels().contains(TemplateChannel.TRIGGERED)) {
      b.addChannel(ChannelId.TRIGGERED_SMS);
    }
    return b.build();
  }

  /**
   * Rewrites Delivyr's {@code {{NAME}}} placeholders to Optimove's {@code [%NAME%]} tags.
   *
   * @param body a Delivyr template body, or null
   * @return the body with the engine's tag syntax; null for null
   */
  static String optimoveTags(String body) {
    return body == null ? null : DELIVYR_PLACEHOLDER.matcher(body).replaceAll("[%$1%]");
  }

  private static URI toUri(String link) {
    try {
      return URI.create(link);
    } catch (IllegalArgumentException e) {
      return URI.create("invalid:" + link.replaceAll("[^A-Za-z0-9._~-]", "_"));
    }
  }

  @Override
  public String toString() {
    return "DelivyrTemplateSource{" + client + '}';
  }
}
