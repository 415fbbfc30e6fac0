package io.campaignrelay.optimove.models;

/**
 * A notification Optimove POSTed to a registered listener URL, typed by its {@code EventTypeID}.
 * Read one with {@code OptimoveEvents.parse(...)}; switch over the record types.
 */
public sealed interface OptimoveEvent
    permits CampaignEvent,
        DailyProcessEvent,
        PromoClearanceEvent,
        TriggeredEvent,
        CustomerFilesReadyEvent,
        UnknownEvent {

  /**
   * Which notification this is.
   *
   * @return the event type
   */
  EventType eventType();
}
