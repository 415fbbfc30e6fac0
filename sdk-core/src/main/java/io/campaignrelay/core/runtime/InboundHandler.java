package io.campaignrelay.core.runtime;

/**
 * Handles one kind of inbound request (Optimove's event listener, a vendor's webhook). It checks
 * the request's authenticity, bounds and parses the body, records what arrived and schedules the
 * work; no vendor call and no send happens on the request thread. Never throws for bad input: every
 * refusal is a 4xx {@link InboundResponse} with a reason. A web framework only maps its endpoint
 * onto {@link #handle}.
 */
@FunctionalInterface
public interface InboundHandler {

  /**
   * Handles a request.
   *
   * @param request the request
   * @return the answer
   */
  InboundResponse handle(InboundRequest request);
}
