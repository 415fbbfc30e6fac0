package io.campaignrelay.textlocal;

import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.template.ApprovalState;
import io.campaignrelay.core.template.Template;
import io.campaignrelay.core.template.TemplateImport;
import io.campaignrelay.core.template.TemplateRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TextLocal's templates as core templates: {@code get_templates}, each mapped to a {@link Template}
 * whose id is TextLocal's id, whose name is its title and whose body (the preview Optimove shows)
 * is its text; TextLocal has no approval workflow in the API, so every template is APPROVED
 * (INFERRED; India's DLT approval happens outside the API). Templates with an empty title or body
 * cannot be sent and are skipped.
 *
 * <p>{@link #importTemplates()} splits them by contact group with the integration's prefixes: when
 * a group has a prefix only templates whose name starts with it are imported for it. Meant to run
 * daily (the guide's template sync); each call reads TextLocal afresh.
 */
public final class TextLocalTemplateSource {

  private final TextLocalClient client;
  private final TemplateRouting routing;

  /**
   * Creates the source.
   *
   * @param client the client
   * @param routing how templates are split by group (see {@link
   *     TextLocalIntegrationSettings#routing()})
   */
  public TextLocalTemplateSource(TextLocalClient client, TemplateRouting routing) {
    this.client = client;
    this.routing = routing;
  }

  /**
   * Every template that can be sent (empty titles and bodies skipped), read afresh.
   *
   * @return the templates, in TextLocal's order
   */
  public List<Template> templates() {
    List<Template> out = new ArrayList<>();
    for (io.campaignrelay.textlocal.models.Template t : client.listTemplates().templates()) {
      if (t.id() == null
          || t.title() == null
          || t.title().isBlank()
          || t.body() == null
          || t.body().isBlank()) {
        continue;
      }
      out.add(
          Template.builder()
              .id(TemplateId.of(t.id()))
              .name(t.title())
              .body(t.body())
              .approvalState(ApprovalState.APPROVED)
              .build());
    }
    return List.copyOf(out);
  }

  /**
   * One template.
   *
   * @param id TextLocal's template id
   * @return the template, or empty if TextLocal has none with that id
   */
  public Optional<Template> template(TemplateId id) {
    return templates().stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /**
   * Reads the templates and splits them by contact group.
   *
   * @return each group's templates, and those that matched no group or several
   */
  public TemplateImport importTemplates() {
    return routing.importTemplates(templates());
  }
}
