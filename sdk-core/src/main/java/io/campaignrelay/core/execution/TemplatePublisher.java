package io.campaignrelay.core.execution;

import io.campaignrelay.core.ChannelId;
import io.campaignrelay.core.template.Template;
import java.util.List;

/**
 * Port: publishes a vendor's approved templates to a channel of the marketing platform, so that
 * they can be chosen for campaigns (e.g. scheduled SMS 452 and triggered SMS 250). Implemented by
 * the platform module. Thread-safe.
 */
@FunctionalInterface
public interface TemplatePublisher {

  /**
   * Makes the channel's template list match {@code templates}: publishes new and changed ones,
   * removes those no longer given. Templates that are not approved must not be published.
   *
   * @param channel the channel
   * @param templates the vendor's approved templates
   * @return what is published now, with the channel's ids
   * @throws io.campaignrelay.core.ConfigurationException if a template is not approved
   */
  List<PublishedTemplate> publish(ChannelId channel, List<Template> templates);
}
