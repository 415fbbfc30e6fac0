package io.campaignrelay.delivyr.implementation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A request body held in 8 KiB chunks taken from a small pool shared by every client, so that the
 * body of each batch (some 400 KB for a thousand messages) is not allocated anew for every call,
 * and, while a call is in flight, the collector does not copy it from one young space to the next.
 * The body can be written any number of times (every retry sends the same bytes) until it is {@link
 * #release() released}, which gives its chunks back to the pool: the client releases it once the
 * call has returned or failed, when no attempt can write it any more. A body never released keeps
 * its chunks (they are collected with it).
 *
 * <p>Written by one thread ({@link Utf8JsonWriter}), then read by the calls' threads, released
 * once.
 */
public final class ChunkedBody extends RequestBody {

  /** The size of a chunk. */
  static final int CHUNK = 8192;

  /** Most chunks the pool keeps (2 MiB): the bodies of a few batches in flight. */
  static final int POOL_LIMIT = 256;

  private static final ArrayDeque<byte[]> POOL = new ArrayDeque<>();

  private final MediaType contentType;
  private final List<byte[]> chunks = new ArrayList<>(64);
  private int[] lengths = new int[64];
  private long length;
  private boolean released;

  ChunkedBody(MediaType contentType) {
    this.contentType = contentType;
  }

  /** A chunk from the pool, or a new one. */
  static byte[] take() {
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

  /** Appends a written chunk, of which the first {@code n} bytes are the body's. */
  void add(byte[] chunk, int n) {
    int i = chunks.size();
    if (i == lengths.length) {
      lengths = java.util.Arrays.copyOf(lengths, i * 2);
    }
    chunks.add(chunk);
    lengths[i] = n;
    length += n;
  }

  @Override
  public MediaType contentType() {
    return contentType;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws java.io.IOException {
    if (released) {
      // the client releases a body only after its call: a late attempt must not send other bytes
      throw new IllegalStateException("the batch body was released after its call");
    }
    for (int i = 0; i < chunks.size(); i++) {
      sink.write(chunks.get(i), 0, lengths[i]);
    }
  }

  /**
   * The body's bytes, copied (for tests and logging).
   *
   * @return the bytes
   */
  public byte[] bytes() {
    byte[] all = new byte[Math.toIntExact(length)];
    int p = 0;
    for (int i = 0; i < chunks.size(); i++) {
      System.arraycopy(chunks.get(i), 0, all, p, lengths[i]);
      p += lengths[i];
    }
    return all;
  }

  /**
   * Gives the chunks back to the pool; the body must not be written afterwards. Call it once the
   * call that sends the body has returned or failed. Releasing twice does nothing.
   */
  public void release() {
    if (released) {
      return;
    }
    released = true;
    synchronized (POOL) {
      for (byte[] chunk : chunks) {
        if (POOL.size() >= POOL_LIMIT) {
          break;
        }
        if (chunk.length == CHUNK) {
          POOL.push(chunk);
        }
      }
    }
    chunks.clear();
    length = 0;
  }
}
