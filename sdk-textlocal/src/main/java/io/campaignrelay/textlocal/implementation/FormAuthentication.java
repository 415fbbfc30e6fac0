package io.campaignrelay.textlocal.implementation;

import io.campaignrelay.core.http.spi.Authentication;
import java.io.IOException;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Request;

/**
 * TextLocal's authentication hook: puts the credential's form fields first in every form body. The
 * pipeline applies it before the shared retry and logging interceptors (so retries re-send the same
 * fields and the log redacts them).
 */
public final class FormAuthentication implements Authentication {

  private final byte[] prefix; // the encoded credential fields, e.g. "apikey=...", built once

  /**
   * Creates the hook.
   *
   * @param fields field name to value, in order
   */
  public FormAuthentication(Map<String, String> fields) {
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
  public Request authenticate(Request request) {
    if (!(request.body() instanceof FormBody form)) {
      return request;
    }
    // The credentials go first; the command's own fields follow as already encoded, so a large
    // field (a bulk_json "data" of 500 messages) is not decoded and encoded a second time.
    return request.newBuilder().method(request.method(), new CredentialedForm(form)).build();
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
