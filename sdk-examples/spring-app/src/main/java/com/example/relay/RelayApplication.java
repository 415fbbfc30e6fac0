package com.example.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service embedding Campaign Relay through sdk-spring-boot-starter. Run as is, it
 * starts the testkit's fake Optimove, TextLocal and Delivyr on loopback ports and points the
 * starter's {@code campaignrelay.*} properties at them: everything runs offline, in testing mode,
 * with its state in an H2 file under {@code target/relay-state}.
 */
@SpringBootApplication
public class RelayApplication {

  /** Created by Spring. */
  public RelayApplication() {}

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
