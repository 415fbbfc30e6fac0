/**
 * Templates and personalisation: {@link io.campaignrelay.core.template.Template}, its {@link
 * io.campaignrelay.core.template.ApprovalState}, the {@code [%TAG%]} {@link
 * io.campaignrelay.core.template.TemplateRenderer} with an explicit {@link
 * io.campaignrelay.core.template.MissingValuePolicy}, and routing of templates to contact groups by
 * {@link io.campaignrelay.core.template.TemplatePrefix}.
 */
package io.campaignrelay.core.template;
