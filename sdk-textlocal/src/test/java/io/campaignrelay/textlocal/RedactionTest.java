package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.campaignrelay.core.PhoneNumber;
import io.campaignrelay.core.Secret;
import io.campaignrelay.core.http.ApiServiceException;
import io.campaignrelay.textlocal.models.SendRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credentials never appear in logs (TRACE), exceptions, excerpts or toString. */
class RedactionTest {

  private static final String KEY = "KEY-7f3a9c";
  private static final String HASH = "HASH-5be1d0";
  private static final String PASSWORD = "PASS-c4e2aa";

  private TextLocalServer tl;

  @BeforeEach
  void start() throws Exception {
    tl = new TextLocalServer();
  }

  @AfterEach
  void stop() throws Exception {
    tl.close();
  }

  private static String captureStdout(Runnable r) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void traceLogNeverShowsApiKeyHashOrPassword() {
    TextLocalClient key = tl.client(TextLocalCredential.apiKey(KEY));
    TextLocalClient hash =
        tl.client(TextLocalCredential.usernameAndHash("ops@example.com", Secret.of(HASH)));
    TextLocalClient pw =
        tl.client(TextLocalCredential.usernameAndPassword("ops@example.com", Secret.of(PASSWORD)));
    tl.enqueue("{\"num_messages\":1,\"status\":\"success\"}");
    tl.enqueue("{\"balance\":{\"sms\":1},\"status\":\"success\"}");
    tl.enqueue(
        "{\"errors\":[{\"code\":3,\"message\":\"Invalid login details.\"}],\"status\":\"failure\"}");
    tl.enqueue(500, "{\"errors\":[{\"code\":2,\"message\":\"x\"}],\"apikey\":\"" + KEY + "\"}");

    String log =
        captureStdout(
            () -> {
              key.send(
                  SendRequest.builder()
                      .numbers(List.of(PhoneNumber.ofE164("+447123456789")))
                      .message("hello")
                      .sender("Shop")
                      .build());
              hash.getBalance();
              try {
                pw.listGroups();
              } catch (ApiServiceException expected) {
                assertThat(expected.getMessage()).doesNotContain(PASSWORD);
              }
              try {
                key.createGroup("g");
              } catch (ApiServiceException expected) {
                assertThat(expected.bodyExcerpt()).doesNotContain(KEY);
              }
            });

    assertThat(log).contains("io.campaignrelay.textlocal.http", "POST", "/send/", "apikey=****");
    assertThat(log).contains("hash=****", "password=****", "sender=Shop");
    assertThat(log).doesNotContain(KEY, HASH, PASSWORD, "ops@example.com");
  }

  @Test
  void toStringAndExceptionsNeverShowCredentials() {
    TextLocalCredential c = TextLocalCredential.usernameAndHash("ops@example.com", Secret.of(HASH));
    TextLocalClient client = tl.client(c);
    assertThat(c.toString()).doesNotContain(HASH).contains("USERNAME_HASH");
    assertThat(client.toString()).doesNotContain(HASH, "ops@example.com");
    tl.enqueue(
        "{\"errors\":[{\"code\":3,\"message\":\"Invalid login details.\"}],\"status\":\"failure\"}");
    TextLocalAuthenticationException e =
        catchThrowableOfType(TextLocalAuthenticationException.class, client::listTemplates);
    assertThat(e.getMessage() + e.bodyExcerpt() + e).doesNotContain(HASH);
  }
}
