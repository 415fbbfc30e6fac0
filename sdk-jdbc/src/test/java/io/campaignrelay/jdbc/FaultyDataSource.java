package io.campaignrelay.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A DataSource over a real one whose connections can be made to die mid-write: once armed, the
 * {@code n}-th statement update executed after arming runs, and then the physical connection is
 * closed and the call fails with SQLState 08006, as when the database host or the network goes away
 * in the middle of a transaction.
 */
final class FaultyDataSource {
  private final DataSource real;
  private final AtomicInteger killAfterUpdates = new AtomicInteger(-1);

  FaultyDataSource(DataSource real) {
    this.real = real;
  }

  /** Kills the connection right after the {@code n}-th executed update from now. */
  void killAfterUpdates(int n) {
    killAfterUpdates.set(n);
  }

  DataSource dataSource() {
    InvocationHandler ds =
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            Connection c = (Connection) invoke(real, method, args);
            return wrap(c);
          }
          return invoke(real, method, args);
        };
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, ds);
  }

  private Connection wrap(Connection c) {
    InvocationHandler h =
        (proxy, method, args) -> {
          Object result = invoke(c, method, args);
          if (method.getName().equals("prepareStatement")) {
            return wrap(c, (PreparedStatement) result);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private PreparedStatement wrap(Connection c, PreparedStatement ps) {
    InvocationHandler h =
        (proxy, method, args) -> {
          Object result = invoke(ps, method, args);
          if (method.getName().startsWith("execute")
              && !method.getName().equals("executeQuery")
              && killAfterUpdates.get() > 0
              && killAfterUpdates.decrementAndGet() == 0) {
            c.close(); // the server rolls back whatever was not committed
            throw new SQLNonTransientConnectionException(
                "test: the connection died mid-transaction", "08006");
          }
          return result;
        };
    return (PreparedStatement)
        Proxy.newProxyInstance(
            PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, h);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
