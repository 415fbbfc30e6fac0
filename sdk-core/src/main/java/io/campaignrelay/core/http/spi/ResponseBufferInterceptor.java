package io.campaignrelay.core.http.spi;

import java.io.IOException;
import java.lang.reflect.Method;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import retrofit2.Invocation;
import retrofit2.http.Streaming;

/**
 * The innermost application interceptor: reads every response body to the end while still inside
 * the chain, so that a body cut off mid-way fails here, the same way whatever the log level (the
 * log interceptor, which runs outside this one, then only ever sees a complete, buffered body).
 *
 * <p>A successful (2xx) response whose body cannot be read to the end raises {@link
 * CutBodyException}: the vendor answered, the outcome is unknown. An error response keeps whatever
 * part of its body arrived (its status already says what happened). Calls of Retrofit methods
 * annotated {@link Streaming} are passed through unread (their bodies can be large and are read by
 * the vendor module itself).
 */
final class ResponseBufferInterceptor implements Interceptor {

  private final boolean keepBody;

  /**
   * Creates the interceptor.
   *
   * @param keepBody whether to keep each whole buffered body on the call's {@link Exchange} (for
   *     the vendor's {@link ErrorEnvelope})
   */
  ResponseBufferInterceptor(boolean keepBody) {
    this.keepBody = keepBody;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    if (isStreaming(request)) {
      record(request, response.code(), response.body().contentType(), new byte[0]);
      return response;
    }
    ResponseBody body = response.body();
    MediaType type = body.contentType();
    Buffer buffer = new Buffer();
    try (body) {
      buffer.writeAll(body.source());
    } catch (IOException e) {
      if (response.isSuccessful()) {
        byte[] head = head(buffer);
        record(request, response.code(), type, head);
        throw new CutBodyException(response.code(), type, head, request, e);
      }
      // an error status keeps the part of its body that arrived
    }
    Exchange exchange = request.tag(Exchange.class);
    if (exchange != null) {
      exchange.responded(
          response.code(), type, head(buffer), request, keepBody ? buffer.snapshot() : null);
    }
    return response.newBuilder().body(ResponseBody.create(buffer, type, buffer.size())).build();
  }

  private static boolean isStreaming(Request request) {
    Invocation invocation = request.tag(Invocation.class);
    if (invocation == null) {
      return false;
    }
    Method method = invocation.method();
    return method.isAnnotationPresent(Streaming.class);
  }

  private static void record(Request request, int status, MediaType type, byte[] head) {
    Exchange exchange = request.tag(Exchange.class);
    if (exchange != null) {
      exchange.responded(status, type, head, request);
    }
  }

  private static byte[] head(Buffer buffer) {
    return buffer.snapshot((int) Math.min(buffer.size(), Exchange.HEAD_LIMIT)).toByteArray();
  }
}
