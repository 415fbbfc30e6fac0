package io.campaignrelay.testkit;

/**
 * One notification a fake made to a registered URL (Optimove listener or Delivyr webhook).
 *
 * @param url the target URL
 * @param body the exact JSON body sent
 * @param status the HTTP status received, or -1 when the connection failed
 */
public record ListenerCall(String url, String body, int status) {}
