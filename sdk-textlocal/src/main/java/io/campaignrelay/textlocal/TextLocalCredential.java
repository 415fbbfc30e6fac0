package io.campaignrelay.textlocal;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import io.campaignrelay.core.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the client logs in to TextLocal. TextLocal takes credentials as ordinary form fields on every
 * request (never a header):
 *
 * <ul>
 *   <li>{@link #apiKey(Secret)}: field {@code apikey} (the spelling of the documentation samples;
 *       INFERRED that the server also accepts {@code apiKey}). The documented method on current
 *       accounts.
 *   <li>{@link #usernameAndHash(String, Secret)}: fields {@code username} (the login e-mail) and
 *       {@code hash} (the secure hash shown in Messenger).
 *   <li>{@link #usernameAndPassword(String, Secret)}: fields {@code username} and {@code password};
 *       legacy, INFERRED that newer accounts may reject it.
 * </ul>
 *
 * <p>The field values are redacted in every log line, exception and {@code toString()}. A null or
 * blank username, key, hash or password raises {@link ConfigurationException} naming the field and
 * the fix, never the value. Immutable and thread-safe.
 */
public final class TextLocalCredential {

  /** Which credential style this is. */
  public enum Kind {
    /** {@code apikey}. */
    API_KEY,
    /** {@code username} + {@code hash}. */
    USERNAME_HASH,
    /** {@code username} + {@code password}. */
    USERNAME_PASSWORD
  }

  private static final String SUBJECT = "TextLocal credential";
  private static final String BLANK = "<blank>";
  private static final String API_KEY_FIX =
      "give the API key created in TextLocal Messenger (Settings, API Keys)";
  private static final String HASH_FIX =
      "give the secure hash shown in TextLocal Messenger (Help, All Documentation), or use an API"
          + " key";
  private static final String PASSWORD_FIX =
      "give the account's TextLocal password, or use an API key (username and password is"
          + " legacy)";

  private final Kind kind;
  private final String username;
  private final Secret secret;

  private TextLocalCredential(Kind kind, String username, Secret secret) {
    this.kind = kind;
    this.username = username;
    this.secret = secret;
  }

  /**
   * Logs in with an API key.
   *
   * @param apiKey the key from Messenger's API settings
   * @return the credential
   * @throws ConfigurationException if the key is null
   */
  public static TextLocalCredential apiKey(Secret apiKey) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    requireSecret("apiKey", apiKey, API_KEY_FIX, problems);
    ConfigurationException.throwIfAny(SUBJECT, problems);
    return new TextLocalCredential(Kind.API_KEY, null, apiKey);
  }

  /**
   * Logs in with an API key given as text.
   *
   * @param apiKey the key
   * @return the credential
   * @throws ConfigurationException if the key is null or blank
   */
  public static TextLocalCredential apiKey(String apiKey) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    requireSecretText("apiKey", apiKey, API_KEY_FIX, problems);
    ConfigurationException.throwIfAny(SUBJECT, problems);
    return apiKey(Secret.of(apiKey));
  }

  /**
   * Logs in with the account's username (e-mail) and secure hash.
   *
   * @param username the login e-mail
   * @param hash the secure hash
   * @return the credential
   * @throws ConfigurationException listing each of the two that is null or blank
   */
  public static TextLocalCredential usernameAndHash(String username, Secret hash) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    requireUsername(username, problems);
    requireSecret("hash", hash, HASH_FIX, problems);
    ConfigurationException.throwIfAny(SUBJECT, problems);
    return new TextLocalCredential(Kind.USERNAME_HASH, username, hash);
  }

  /**
   * Logs in with the account's username (e-mail) and password (legacy).
   *
   * @param username the login e-mail
   * @param password the password
   * @return the credential
   * @throws ConfigurationException listing each of the two that is null or blank
   */
  public static TextLocalCredential usernameAndPassword(String username, Secret password) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    requireUsername(username, problems);
    requireSecret("password", password, PASSWORD_FIX, problems);
    ConfigurationException.throwIfAny(SUBJECT, problems);
    return new TextLocalCredential(Kind.USERNAME_PASSWORD, username, password);
  }

  private static void requireUsername(String username, List<ConfigurationProblem> problems) {
    if (username == null || username.isBlank()) {
      problems.add(
          ConfigurationProblem.of(
              "username",
              username == null ? null : BLANK,
              "give the TextLocal login e-mail address of the account"));
    }
  }

  private static void requireSecret(
      String field, Secret value, String fix, List<ConfigurationProblem> problems) {
    if (value == null) {
      problems.add(ConfigurationProblem.of(field, null, fix));
    }
  }

  /** Never prints the value: a blank one shows as {@value #BLANK}. */
  private static void requireSecretText(
      String field, String value, String fix, List<ConfigurationProblem> problems) {
    if (value == null || value.isBlank()) {
      problems.add(ConfigurationProblem.of(field, value == null ? null : BLANK, fix));
    }
  }

  /**
   * The credential style.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The form fields this credential adds to every request, in order. Intended for the client's
   * internals; the values are the real credentials.
   *
   * @return field name to value
   */
  public Map<String, String> formFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    switch (kind) {
      case API_KEY -> fields.put("apikey", secret.reveal());
      case USERNAME_HASH -> {
        fields.put("username", username);
        fields.put("hash", secret.reveal());
      }
      case USERNAME_PASSWORD -> {
        fields.put("username", username);
        fields.put("password", secret.reveal());
      }
    }
    return fields;
  }

  /** Names the style only; never the values. */
  @Override
  public String toString() {
    return "TextLocalCredential{" + kind + ", " + Secret.REDACTED + '}';
  }
}
