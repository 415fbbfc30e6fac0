package io.campaignrelay.optimove;

import io.campaignrelay.core.http.ApiConnectionException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads the pages of one listing one page ahead of its consumer, on a background reader: while the
 * consumer works through page k, page k+1 is read; page k+2 is read only once the consumer has
 * taken page k+1 (that is, has finished page k). So at most two pages are held: the one being
 * consumed and the one being read (or waiting to be taken).
 *
 * <p>A failure of the reader (an exception thrown while reading page k) is kept and thrown, the
 * same object, to the consumer when it asks for page k: where and as it would have surfaced had the
 * consumer read the page itself. The reader then stops. Nothing past the end or past a failure is
 * read.
 *
 * <p>The reader runs on its own daemon thread (named by the caller) unless an {@link Executor} is
 * given. {@link #close()} stops it (the in-flight read is cancelled through {@code onStop}, the
 * thread interrupted while it runs this listing) and waits until it has returned; an executor's
 * thread is left without the interrupt. An executor that refuses the task, or runs it on the
 * consumer's own thread, makes the consumer read the pages itself, one after the other, as without
 * prefetch.
 *
 * <p>One consumer thread; the reader is the only other thread touching the state (under {@link
 * #lock}).
 *
 * @param <T> the item type
 */
final class PagePrefetch<T> implements Iterator<List<T>>, AutoCloseable {

  /** Observes the reader, for tests. */
  interface Observer {
    /** The reader handed a page over and now waits for the consumer to take it. */
    void readerWaits();

    /** Observes nothing. */
    Observer NONE = () -> {};
  }

  private enum Mode {
    NEW,
    PREFETCH,
    INLINE
  }

  private final Iterator<List<T>> source;
  private final Executor executor;
  private final String threadName;
  private final Runnable onStop;
  private final Observer observer;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // guarded by lock
  private List<T> ready;
  private Throwable failure;
  private boolean end;
  private boolean closed;
  private Thread reader;
  private boolean interruptedByClose;

  // consumer side only
  private Mode mode = Mode.NEW;
  private Thread consumer;
  private Thread ownThread;
  private List<T> next;

  /**
   * Prepares the prefetch; nothing is read until the first {@link #hasNext()}.
   *
   * @param source the pages in order (read on the reader only)
   * @param executor runs the reader, or null for a daemon thread of its own
   * @param threadName the name of that thread
   * @param onStop cancels the read in flight (called by {@link #close()}, on any thread)
   * @param observer observes the reader
   */
  PagePrefetch(
      Iterator<List<T>> source,
      Executor executor,
      String threadName,
      Runnable onStop,
      Observer observer) {
    this.source = source;
    this.executor = executor;
    this.threadName = threadName;
    this.onStop = onStop;
    this.observer = observer;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (mode == Mode.NEW) {
      start();
    }
    if (mode == Mode.INLINE) {
      if (isClosed() || !source.hasNext()) {
        return false;
      }
      next = source.next();
      return true;
    }
    lock.lock();
    try {
      while (ready == null && failure == null && !end && !closed) {
        try {
          changed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          lock.unlock();
          try {
            close();
          } finally {
            lock.lock();
          }
          throw new ApiConnectionException(
              "Optimove: the wait for the next page of campaign targets was interrupted; the"
                  + " listing was stopped",
              true,
              1,
              e);
        }
      }
      if (closed) {
        return false;
      }
      if (ready != null) {
        next = ready;
        ready = null;
        changed.signalAll();
        return true;
      }
      if (failure != null) {
        throw rethrown(failure);
      }
    } finally {
      lock.unlock();
    }
    return false;
  }

  @Override
  public List<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    List<T> page = next;
    next = null;
    return page;
  }

  /**
   * Stops the reader and waits until it has returned. Idempotent; later calls of {@link #hasNext()}
   * answer false.
   */
  @Override
  public void close() {
    Thread running;
    lock.lock();
    try {
      if (closed) {
        running = reader;
      } else {
        closed = true;
        ready = null;
        changed.signalAll();
        running = reader;
        if (running != null) {
          interruptedByClose = true;
          running.interrupt();
        }
      }
    } finally {
      lock.unlock();
    }
    if (running != null) {
      onStop.run();
    }
    boolean interrupted = false;
    lock.lock();
    try {
      while (reader != null) {
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    Thread own = ownThread;
    if (own != null && own != Thread.currentThread()) {
      while (true) {
        try {
          own.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  private void start() {
    consumer = Thread.currentThread();
    mode = Mode.PREFETCH;
    if (executor == null) {
      Thread t = new Thread(this::read, threadName);
      t.setDaemon(true);
      ownThread = t;
      t.start();
      return;
    }
    try {
      executor.execute(this::read);
    } catch (RejectedExecutionException refused) {
      mode = Mode.INLINE;
    }
  }

  /** The reader's loop. */
  private void read() {
    Thread me = Thread.currentThread();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (me == consumer) {
        mode = Mode.INLINE;
        return;
      }
      reader = me;
    } finally {
      lock.unlock();
    }
    try {
      while (true) {
        List<T> page = null;
        boolean more;
        try {
          more = source.hasNext();
          if (more) {
            page = source.next();
          }
        } catch (Throwable e) { // NOPMD: every failure goes to the consumer, unchanged
          lock.lock();
          try {
            if (!closed) {
              failure = e; // what a cancelled read throws after close() goes nowhere
            }
            changed.signalAll();
          } finally {
            lock.unlock();
          }
          return;
        }
        lock.lock();
        try {
          if (closed) {
            return;
          }
          if (!more) {
            end = true;
            changed.signalAll();
            return;
          }
          ready = page;
          page = null;
          changed.signalAll();
          observer.readerWaits();
          while (ready != null && !closed) {
            try {
              changed.await();
            } catch (InterruptedException e) {
              if (!closed) {
                failure =
                    new ApiConnectionException(
                        "Optimove: the reader of campaign target pages was interrupted; the"
                            + " listing was stopped",
                        true,
                        1,
                        e);
                ready = null;
                changed.signalAll();
                return;
              }
            }
          }
          if (closed) {
            return;
          }
        } finally {
          lock.unlock();
        }
      }
    } finally {
      lock.lock();
      try {
        reader = null;
        if (interruptedByClose) {
          Thread.interrupted(); // the interrupt was ours: a pool thread goes back clean
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private static RuntimeException rethrown(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return new ApiConnectionException(
        "Optimove: reading the next page of campaign targets failed", true, 1, failure);
  }
}
