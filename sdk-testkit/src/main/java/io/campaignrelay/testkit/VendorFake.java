package io.campaignrelay.testkit;

import io.campaignrelay.testkit.implementation.NoDelayServerSocketFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * The server scaffolding every fake shares: one or more loopback {@link MockWebServer} hosts, each
 * served by a {@link VendorDispatcher} (operation naming, fault scripts, request counting), the
 * shared {@link SimulatedClock}, the state lock, and the resources closed with the fake.
 *
 * <p>Subclasses register their hosts ({@link #serve(VendorDispatcher, FaultScript)}) and other
 * resources ({@link #closeWith(AutoCloseable)}) in their constructor, in the order they are to be
 * closed; their builder then returns {@link #started(VendorFake)}. Thread-safe.
 */
abstract class VendorFake implements AutoCloseable {
  private static final NoDelayServerSocketFactory SOCKETS = new NoDelayServerSocketFactory();

  /** Guards the subclass's mutable state. */
  final Object lock = new Object();

  /** The clock driving the fake's time-dependent behaviour. */
  final SimulatedClock clock;

  private final String vendor;
  private final List<MockWebServer> servers = new ArrayList<>();
  private final List<VendorDispatcher> dispatchers = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /**
   * Creates the scaffolding.
   *
   * @param vendor the vendor name for messages, e.g. {@code TextLocal}
   * @param clock the shared clock
   */
  VendorFake(String vendor, SimulatedClock clock) {
    this.vendor = vendor;
    this.clock = clock;
  }

  /**
   * Adds a host (not yet started) answered by a dispatcher with a fault script. The first host is
   * the one {@link #baseUrl()} names.
   *
   * @param dispatcher the dispatcher
   * @param faults the initial fault script
   * @return the host's server
   */
  final MockWebServer serve(VendorDispatcher dispatcher, FaultScript faults) {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(SOCKETS);
    server.setDispatcher(new Forgetting(server, dispatcher));
    dispatcher.faults(faults);
    servers.add(server);
    dispatchers.add(dispatcher);
    closeables.add(server);
    return server;
  }

  /**
   * Registers a resource to close with the fake (after what was registered before it).
   *
   * @param resource the resource
   * @param <T> its type
   * @return the resource
   */
  final <T extends AutoCloseable> T closeWith(T resource) {
    closeables.add(resource);
    return resource;
  }

  /**
   * Starts every host on loopback; on failure closes the fake.
   *
   * @param fake the fake
   * @param <F> its type
   * @return the running fake
   * @throws UncheckedIOException if a host could not start
   */
  static <F extends VendorFake> F started(F fake) {
    ((VendorFake) fake).startServers();
    return fake;
  }

  private void startServers() {
    try {
      for (MockWebServer server : servers) {
        server.start();
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(
          "could not start the fake " + vendor + " server on loopback", e);
    }
  }

  /**
   * The URL of a host with a trailing slash.
   *
   * @param server the host
   * @return the URL
   */
  static String urlOf(MockWebServer server) {
    return server.url("/").toString();
  }

  /**
   * A copy of a collection of the fake's state, taken under the lock.
   *
   * @param state the state
   * @param <T> the element type
   * @return an unmodifiable copy
   */
  final <T> List<T> snapshot(Collection<T> state) {
    synchronized (lock) {
      return List.copyOf(state);
    }
  }

  /**
   * The base URL of the fake's API with a trailing slash, e.g. {@code http://127.0.0.1:50123/}; the
   * class documentation says which vendor URL it stands for and what is relative to it.
   *
   * @return the base URL
   */
  public String baseUrl() {
    return urlOf(servers.get(0));
  }

  /**
   * The shared clock driving the fake's time-dependent behaviour (scheduling, statuses, windows).
   *
   * @return the clock
   */
  public SimulatedClock clock() {
    return clock;
  }

  /**
   * Replaces the fault script of every host of the fake (call counts continue).
   *
   * @param script the script
   */
  public void faults(FaultScript script) {
    for (VendorDispatcher d : dispatchers) {
      d.faults(script);
    }
  }

  /**
   * The faults injected so far, host by host (the API host first), each in order.
   *
   * @return the faults
   */
  public List<InjectedFault> injectedFaults() {
    List<InjectedFault> out = new ArrayList<>();
    for (VendorDispatcher d : dispatchers) {
      out.addAll(d.injectedFaults());
    }
    return out;
  }

  /**
   * How many HTTP requests the fake's hosts received.
   *
   * @return the count
   */
  public long requestCount() {
    long n = 0;
    for (VendorDispatcher d : dispatchers) {
      n += d.requestCount();
    }
    return n;
  }

  /** Stops the hosts and releases the fake's resources, in registration order. */
  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // closing is best effort: the rest must still close
      }
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + baseUrl() + "]";
  }

  /**
   * Hands each request to the vendor dispatcher after taking it off the server's recorded-request
   * queue, which nothing reads and which would otherwise keep every request body for the life of
   * the fake (hundreds of megabytes in a million-message run).
   */
  private static final class Forgetting extends Dispatcher {
    private final MockWebServer server;
    private final VendorDispatcher delegate;

    Forgetting(MockWebServer server, VendorDispatcher delegate) {
      this.server = server;
      this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      try {
        server.takeRequest(0, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.dispatch(request);
    }

    @Override
    public MockResponse peek() {
      return delegate.peek();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
