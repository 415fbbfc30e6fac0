package io.campaignrelay.testkit;

/**
 * A template registered in a fake Optimove channel.
 *
 * @param channelId the ChannelID
 * @param templateId the numeric TemplateID
 * @param templateName the TemplateName
 */
public record ChannelTemplate(int channelId, long templateId, String templateName) {}
