package io.campaignrelay.core.http.spi;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Request;

/**
 * Thrown inside the OkHttp chain when a successful (2xx) response arrived but its body could not be
 * read to the end (connection closed or reset mid-body, a cut chunked body, a read timeout): the
 * vendor answered, so the outcome of the request is unknown.
 */
final class CutBodyException extends IOException {
  private static final long serialVersionUID = 1L;

  final int status;
  final transient MediaType contentType;
  final byte[] head;
  final transient Request sent;

  CutBodyException(
      int status, MediaType contentType, byte[] head, Request sent, IOException cause) {
    super("the HTTP " + status + " response body was cut off (" + cause + ")", cause);
    this.status = status;
    this.contentType = contentType;
    this.head = head;
    this.sent = sent;
  }
}
