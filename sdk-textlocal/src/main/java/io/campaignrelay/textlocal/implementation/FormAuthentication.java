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
    if (request.body() instanceof EncodedForm encoded) {
      // encoded once by the command, its length known: the credentials go first, nothing is walked
      return request
          .newBuilder()
          .method(request.method(), new CredentialedEncodedForm(encoded))
          .build();
    }
    if (!(request.body() instanceof FormBody form)) {
      return request;
    }
    // The credentials go first; the command's own fields follow as already encoded, so a large
    // field (a bulk_json "data" of 500 messages) is not decoded and encoded a second time.
    return request.newBuilder().method(request.method(), new CredentialedForm(form)).build();
  }

  /** The UTF-8 length of a text, as {@code BufferedSink.writeUtf8} writes it. */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3; // okio writes a lone surrogate as '?', one byte
        if (Character.isSurrogate(c)) {
          n -= 2;
        }
      }
    }
    return n;
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
      if (form.size() == 0) {
        return prefix.length;
      }
      // FormBody.contentLength() writes the whole form into a scratch buffer to count it (a
      // bulk_json form is about 75 KB); the encoded fields give the same count without copying
      long rest = form.size() - 1L;
      for (int i = 0; i < form.size(); i++) {
        rest += utf8Length(form.encodedName(i)) + 1 + utf8Length(form.encodedValue(i));
      }
      return prefix.length + 1 + rest;
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

  private final class CredentialedEncodedForm extends okhttp3.RequestBody {
    private final EncodedForm form;

    CredentialedEncodedForm(EncodedForm form) {
      this.form = form;
    }

    @Override
    public okhttp3.MediaType contentType() {
      return form.contentType();
    }

    @Override
    public long contentLength() {
      return form.length() == 0 ? prefix.length : prefix.length + 1L + form.length();
    }

    @Override
    public void writeTo(okio.BufferedSink sink) throws IOException {
      sink.write(prefix);
      if (form.length() > 0) {
        sink.writeByte('&');
        form.writeTo(sink);
      }
    }
  }
}
