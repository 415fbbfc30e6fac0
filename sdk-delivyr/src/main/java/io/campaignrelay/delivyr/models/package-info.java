/**
 * Delivyr's values and payloads: templates, messages, the Message Log, events, opt-outs, the
 * Optimove integration and webhook events. Statuses and types are expandable enumerations that keep
 * values Delivyr may add.
 */
package io.campaignrelay.delivyr.models;
