package io.campaignrelay.delivyr.models;

/**
 * An Optimove customer attribute the integration's API key can read, as returned by {@code
 * find-attributes} for a sample customer.
 *
 * @param name the attribute's name in Optimove, e.g. {@code PHONENUMBER}
 * @param sampleValue the sample customer's value, or null
 */
public record CustomerAttribute(String name, String sampleValue) {}
