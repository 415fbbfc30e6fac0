package com.example.relay;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot service embedding Campaign Relay through sdk-spring-boot-starter. Run as is, it
 * starts the testkit's fake Optimove, TextLocal and Delivyr on loopback ports and points the
 * starter's {@code campaignrelay.*} properties at them: the starter builds the Delivyr and TextLocal
 * runtimes (in testing mode: nothing is sent), maps their endpoints, and keeps their state in this
 * application's DataSource, an embedded H2 database under {@code target/relay-state}.
 */
@SpringBootApplication
public class RelayApplication {

  /** Created by Spring. */
  public RelayApplication() {}

  /**
   * The application's DataSource: an embedded H2 database (a host would have its own, e.g.
   * PostgreSQL through HikariCP). The starter keeps the runtimes' state in it.
   *
   * @param url the JDBC URL ({@code relay.datasource.url})
   * @return the data source
   */
  @Bean(destroyMethod = "dispose")
  public DataSource relayDataSource(@Value("${relay.datasource.url}") String url) {
    return JdbcConnectionPool.create(url, "sa", "");
  }

  /**
   * Starts the fakes, then the application on them.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=8080}
   */
  public static void main(String[] args) {
    OfflineVendors vendors = OfflineVendors.start();
    Runtime.getRuntime().addShutdownHook(new Thread(vendors::close, "offline-vendors-stop"));
    SpringApplication app = new SpringApplication(RelayApplication.class);
    app.setDefaultProperties(vendors.properties());
    app.run(args);
  }
}
