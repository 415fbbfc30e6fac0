package io.campaignrelay.core.http.spi;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/**
 * A response body read to its end into 8 KiB chunks taken from a small pool, for {@link
 * ResponseBufferInterceptor}: the chunks go back to the pool when the body is closed (Retrofit
 * closes every body it converts). A batch answer of some 100 KB is then not a fresh set of okio
 * segments per call (okio's own pool keeps 64 KiB, which the answers of a few calls in flight
 * overrun), and the socket's segments go back to okio's pool as soon as they are copied. A body
 * never closed keeps its chunks (they are collected with it).
 *
 * <p>Filled by the calling thread inside the chain, then read and closed by the converter.
 */
final class PooledResponseBody extends ResponseBody {

  static final int CHUNK = 8192;

  /** Most chunks the pool keeps (1 MiB): the answers of a few calls in flight. */
  static final int POOL_LIMIT = 128;

  private static final ArrayDeque<byte[]> POOL = new ArrayDeque<>();

  private final MediaType contentType;
  private final List<byte[]> chunks = new ArrayList<>();
  private long size;
  private BufferedSource source;
  private boolean released;

  PooledResponseBody(MediaType contentType) {
    this.contentType = contentType;
  }

  private static byte[] take() {
    synchronized (POOL) {
      byte[] chunk = POOL.poll();
      if (chunk != null) {
        return chunk;
      }
    }
    return new byte[CHUNK];
  }

  /** How many chunks the pool holds now (for tests). */
  static int pooled() {
    synchronized (POOL) {
      return POOL.size();
    }
  }

  /**
   * Reads the source to its end (or until it fails: what arrived is kept).
   *
   * @param from the response's source
   * @throws IOException if the source fails before its end
   */
  void readAll(BufferedSource from) throws IOException {
    while (true) {
      int last = chunks.size() - 1;
      int filled = (int) (size - (long) last * CHUNK);
      byte[] chunk;
      if (last < 0 || filled == CHUNK) {
        chunk = take();
        chunks.add(chunk);
        filled = 0;
      } else {
        chunk = chunks.get(last);
      }
      int n = from.read(chunk, filled, CHUNK - filled);
      if (n == -1) {
        return;
      }
      size += n;
    }
  }

  /**
   * The first bytes, copied.
   *
   * @param limit most bytes
   * @return the first {@code min(limit, size)} bytes
   */
  byte[] head(int limit) {
    int n = (int) Math.min(limit, size);
    byte[] head = new byte[n];
    int p = 0;
    for (int i = 0; p < n; i++) {
      int part = Math.min(CHUNK, n - p);
      System.arraycopy(chunks.get(i), 0, head, p, part);
      p += part;
    }
    return head;
  }

  @Override
  public MediaType contentType() {
    return contentType;
  }

  @Override
  public long contentLength() {
    return size;
  }

  @Override
  public synchronized BufferedSource source() {
    if (source == null) {
      source = Okio.buffer(new ChunkSource());
    }
    return source;
  }

  /** Gives the chunks back to the pool (once). */
  private synchronized void release() {
    if (released) {
      return;
    }
    released = true;
    synchronized (POOL) {
      for (byte[] chunk : chunks) {
        if (POOL.size() >= POOL_LIMIT) {
          break;
        }
        POOL.push(chunk);
      }
    }
    chunks.clear();
  }

  /** Reads the chunks in order; closing it releases them. */
  private final class ChunkSource implements Source {
    private long position;

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      synchronized (PooledResponseBody.this) {
        if (released) {
          throw new IllegalStateException("the response body is closed");
        }
        if (position >= size) {
          return -1;
        }
        int chunk = (int) (position / CHUNK);
        int offset = (int) (position % CHUNK);
        int n = (int) Math.min(Math.min(byteCount, CHUNK - offset), size - position);
        sink.write(chunks.get(chunk), offset, n);
        position += n;
        return n;
      }
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {
      release();
    }
  }
}
