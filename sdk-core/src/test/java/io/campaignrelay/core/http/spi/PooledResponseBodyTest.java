package io.campaignrelay.core.http.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import okhttp3.MediaType;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

/**
 * A body read into pooled chunks gives back exactly the bytes that arrived, to a reader and to a
 * peek, whatever the sizes of the reads; a source that fails keeps what arrived; closing gives the
 * chunks back and the body cannot be read afterwards.
 */
class PooledResponseBodyTest {

  private static final MediaType JSON = MediaType.get("application/json");

  /** A source handing out at most {@code step} bytes per read, then failing if told to. */
  private static BufferedSource trickle(byte[] bytes, int step, boolean failAtEnd) {
    Buffer all = new Buffer().write(bytes);
    return Okio.buffer(
        new ForwardingSource(all) {
          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            if (all.size() == 0 && failAtEnd) {
              throw new IOException("cut");
            }
            return super.read(sink, Math.min(byteCount, step));
          }
        });
  }

  @Test
  void givesBackTheBytesThatArrivedWhateverTheReadSizes() throws IOException {
    Random random = new Random(3);
    for (int size : new int[] {0, 1, 2047, 2048, 8191, 8192, 8193, 100_000, 300_001}) {
      byte[] bytes = new byte[size];
      random.nextBytes(bytes);
      for (int step : new int[] {1, 7, 8192, 100_000}) {
        if (step == 1 && size > 10_000) {
          continue;
        }
        PooledResponseBody body = new PooledResponseBody(JSON);
        body.readAll(trickle(bytes, step, false));
        assertThat(body.contentLength()).isEqualTo(size);
        assertThat(body.contentType()).isEqualTo(JSON);
        assertThat(body.head(Exchange.HEAD_LIMIT))
            .isEqualTo(Arrays.copyOf(bytes, Math.min(size, Exchange.HEAD_LIMIT)));
        assertThat(body.source().peek().readByteArray()).isEqualTo(bytes);
        assertThat(body.source().readByteArray()).as("%d by %d", size, step).isEqualTo(bytes);
        body.close();
      }
    }
  }

  @Test
  void aSourceThatFailsKeepsWhatArrived() throws IOException {
    byte[] bytes = new byte[20_000];
    new Random(4).nextBytes(bytes);
    PooledResponseBody body = new PooledResponseBody(JSON);
    assertThat(catchThrowable(() -> body.readAll(trickle(bytes, 3000, true))))
        .isInstanceOf(IOException.class);
    assertThat(body.head(50_000)).isEqualTo(bytes);
    body.close();
  }

  @Test
  void closingGivesTheChunksBackAndTheBodyCannotBeReadAgain() throws IOException {
    byte[] bytes = new byte[5 * PooledResponseBody.CHUNK];
    PooledResponseBody body = new PooledResponseBody(JSON);
    body.readAll(trickle(bytes, 8192, false));
    int before = PooledResponseBody.pooled();
    body.close();
    assertThat(PooledResponseBody.pooled())
        .isEqualTo(Math.min(before + 6, PooledResponseBody.POOL_LIMIT)); // 5 full and an empty one
    assertThat(catchThrowable(() -> body.source().readByteArray())).isNotNull();
    body.close(); // twice: nothing more is given back
    assertThat(PooledResponseBody.pooled())
        .isEqualTo(Math.min(before + 6, PooledResponseBody.POOL_LIMIT));
  }
}
