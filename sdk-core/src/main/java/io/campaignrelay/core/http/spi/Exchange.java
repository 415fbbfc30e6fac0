package io.campaignrelay.core.http.spi;

import okhttp3.MediaType;
import okhttp3.Request;

/**
 * What one call has seen so far, carried as a tag on the request Retrofit builds (the pipeline's
 * call factory adds it): the status, content type and start of the body of the last response that
 * arrived, and the request as it went out (credentials included, so that their values can be
 * redacted). The pipeline reads it when conversion of a successful body fails, to report the status
 * and an excerpt. Written by the OkHttp chain, read by the calling thread after the call returns.
 */
final class Exchange {
  static final int HEAD_LIMIT = 2048;

  private volatile int status;
  private volatile MediaType contentType;
  private volatile byte[] head = new byte[0];
  private volatile Request sent;
  private volatile okio.ByteString body;

  void responded(int status, MediaType contentType, byte[] head, Request sent) {
    responded(status, contentType, head, sent, null);
  }

  void responded(
      int status, MediaType contentType, byte[] head, Request sent, okio.ByteString body) {
    this.body = body;
    this.contentType = contentType;
    this.head = head;
    this.sent = sent;
    this.status = status;
  }

  /** The status of the last response, 0 when none arrived. */
  int status() {
    return status;
  }

  MediaType contentType() {
    return contentType;
  }

  /** The first bytes of the last response body (at most {@link #HEAD_LIMIT}). */
  byte[] head() {
    return head;
  }

  /**
   * The whole body of the last response, kept only for a vendor with an {@link ErrorEnvelope} and
   * only for buffered (not streamed) calls; null otherwise.
   */
  okio.ByteString body() {
    return body;
  }

  /** The request of the last response as it was sent, or null when no response arrived. */
  Request sent() {
    return sent;
  }
}
