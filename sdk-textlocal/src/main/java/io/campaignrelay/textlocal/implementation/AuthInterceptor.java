package io.campaignrelay.textlocal.implementation;

import java.io.IOException;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Appends the credential's form fields to every form body, before the shared retry and logging
 * interceptors run (so retries re-send the same fields and the log redacts them).
 */
public final class AuthInterceptor implements Interceptor {

  private final byte[] prefix; // the encoded credential fields, e.g. "apikey=...", built once

  /**
   * Creates the interceptor.
   *
   * @param fields field name to value, in order
   */
  public AuthInterceptor(Map<String, String> fields) {
    FormBody.Builder b = new FormBody.Builder();
    fields.forEach(b::add);
    okio.Buffer buffer = new okio.Buffer();
    try {
      b.build().writeTo(buffer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    this.prefix = buffer.readByteArray();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!(request.body() instanceof FormBody form)) {
      return chain.proceed(request);
    }
    // The credentials go first; the command's own fields follow as already encoded, so a large
    // field (a bulk_json "data" of 500 messages) is not decoded and encoded a second time.
    return chain.proceed(
        request.newBuilder().method(request.method(), new CredentialedForm(form)).build());
  }

  private final class CredentialedForm extends okhttp3.RequestBody {
    private final FormBody form;

    CredentialedForm(FormBody form) {
      this.form = form;
    }

    @Override
    public okhttp3.MediaType contentType() {
      return form.contentType();
    }

    @Override
    public long contentLength() {
      long rest = form.contentLength();
      return form.size() == 0 ? prefix.length : prefix.length + 1 + rest;
    }

    @Override
    public void writeTo(okio.BufferedSink sink) throws IOException {
      sink.write(prefix);
      if (form.size() > 0) {
        sink.writeByte('&');
        form.writeTo(sink);
      }
    }
  }
}
