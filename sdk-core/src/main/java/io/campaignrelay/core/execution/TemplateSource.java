package io.campaignrelay.core.execution;

import io.campaignrelay.core.TemplateId;
import io.campaignrelay.core.template.Template;
import java.util.List;
import java.util.Optional;

/**
 * Port: a vendor's templates (read daily by the template import). Implemented by the vendor
 * modules. Thread-safe.
 */
public interface TemplateSource {

  /**
   * Every template the account has, approved or not.
   *
   * @return the templates, in the vendor's order
   */
  List<Template> templates();

  /**
   * One template.
   *
   * @param id the vendor's id
   * @return the template, or empty if the vendor has none with that id
   */
  Optional<Template> template(TemplateId id);
}
