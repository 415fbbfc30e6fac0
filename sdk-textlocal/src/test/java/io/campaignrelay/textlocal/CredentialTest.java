package io.campaignrelay.textlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every credential factory turns null or blank input into a typed, secret-free error. */
class CredentialTest {

  private static final String SECRET = "S3cr3t-Hash-9a";

  private static ConfigurationException fails(Supplier<TextLocalCredential> factory) {
    Throwable t = catchThrowable(factory::get);
    assertThat(t).isInstanceOf(ConfigurationException.class);
    ConfigurationException e = (ConfigurationException) t;
    assertThat(e.getMessage()).doesNotContain(SECRET).contains("TextLocal credential");
    for (ConfigurationProblem p : e.problems()) {
      assertThat(p.fix()).isNotBlank();
      assertThat(p.value()).doesNotContain(SECRET);
    }
    return e;
  }

  @Test
  void blankOrMissingUsernameNamesTheFieldAndTheFix() {
    Secret hash = Secret.of(SECRET);
    for (String username : new String[] {" ", "", null}) {
      ConfigurationException e = fails(() -> TextLocalCredential.usernameAndHash(username, hash));
      assertThat(e.problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.field()).isEqualTo("username");
                assertThat(p.fix()).contains("login e-mail");
              });
      assertThat(fails(() -> TextLocalCredential.usernameAndPassword(username, hash)).problems())
          .extracting(ConfigurationProblem::field)
          .containsExactly("username");
    }
  }

  @Test
  void missingSecretsAreListedWithTheUsername() {
    assertThat(fails(() -> TextLocalCredential.usernameAndHash(" ", null)).problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("username", "hash");
    assertThat(fails(() -> TextLocalCredential.usernameAndHash("ops@example.com", null)).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.fix()).contains("secure hash"));
    assertThat(
            fails(() -> TextLocalCredential.usernameAndPassword("ops@example.com", null))
                .problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("password");
  }

  @Test
  void blankOrMissingApiKeyNamesTheField() {
    for (String key : new String[] {" ", "", "\t", null}) {
      assertThat(fails(() -> TextLocalCredential.apiKey(key)).problems())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.field()).isEqualTo("apiKey");
                assertThat(p.fix()).contains("API key");
              });
    }
    assertThat(fails(() -> TextLocalCredential.apiKey((Secret) null)).problems())
        .extracting(ConfigurationProblem::field)
        .containsExactly("apiKey");
  }

  @Test
  void validInputStillBuilds() {
    assertThat(TextLocalCredential.usernameAndHash("ops@example.com", Secret.of(SECRET)).kind())
        .isEqualTo(TextLocalCredential.Kind.USERNAME_HASH);
    assertThat(TextLocalCredential.apiKey(SECRET).toString()).doesNotContain(SECRET);
  }
}
