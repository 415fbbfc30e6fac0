package io.campaignrelay.delivyr.models;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Delivyr template ({@code GET templates}).
 *
 * @param id Delivyr's id: eight upper-case letters and digits, e.g. {@code HDS7F3Y2}
 * @param name the template's name
 * @param body the message text with its variables
 * @param status the review status; only approved custom templates are synced to Optimove
 * @param channels the channel kinds the template is offered in; never null
 * @param redirectUrl the template's own redirect link, or null when it has none
 * @param createdAt when the template was created, or null if Delivyr did not say
 * @param kind {@code custom} or {@code system}, or null when Delivyr does not say (INFERRED field:
 *     the contract lists custom and system templates without naming the field; null counts as
 *     custom)
 */
public record DelivyrTemplate(
    String id,
    String name,
    String body,
    TemplateStatus status,
    List<TemplateChannel> channels,
    String redirectUrl,
    Instant createdAt,
    String kind) {

  /** Copies the channel list; a missing list becomes empty. */
  public DelivyrTemplate {
    channels = channels == null ? List.of() : List.copyOf(channels);
  }

  /**
   * Whether the template has passed review.
   *
   * @return true when the status is {@link TemplateStatus#APPROVED}
   */
  public boolean isApproved() {
    return TemplateStatus.APPROVED.equals(status);
  }

  /**
   * Whether this is a custom template (the kind synced to Optimove), not a system template.
   *
   * @return false only when Delivyr marks it {@code system}
   */
  public boolean isCustom() {
    return kind == null || !kind.equalsIgnoreCase("system");
  }

  /**
   * The template's own redirect link.
   *
   * @return the link, or empty when the template has none
   */
  public Optional<String> ownRedirectUrl() {
    return Optional.ofNullable(redirectUrl);
  }
}
