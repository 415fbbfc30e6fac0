package io.campaignrelay.textlocal;

import io.campaignrelay.core.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
 * <p>The field values are redacted in every log line, exception and {@code toString()}. Immutable
 * and thread-safe.
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

  private final Kind kind;
  private final String username;
  private final Secret secret;

  private TextLocalCredential(Kind kind, String username, Secret secret) {
    this.kind = kind;
    this.username = username;
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /**
   * Logs in with an API key.
   *
   * @param apiKey the key from Messenger's API settings
   * @return the credential
   */
  public static TextLocalCredential apiKey(Secret apiKey) {
    return new TextLocalCredential(Kind.API_KEY, null, apiKey);
  }

  /**
   * Logs in with an API key given as text.
   *
   * @param apiKey the key
   * @return the credential
   * @throws IllegalArgumentException if the key is blank
   */
  public static TextLocalCredential apiKey(String apiKey) {
    return apiKey(Secret.of(apiKey));
  }

  /**
   * Logs in with the account's username (e-mail) and secure hash.
   *
   * @param username the login e-mail
   * @param hash the secure hash
   * @return the credential
   * @throws IllegalArgumentException if the username is blank
   */
  public static TextLocalCredential usernameAndHash(String username, Secret hash) {
    return new TextLocalCredential(Kind.USERNAME_HASH, requireUsername(username), hash);
  }

  /**
   * Logs in with the account's username (e-mail) and password (legacy).
   *
   * @param username the login e-mail
   * @param password the password
   * @return the credential
   * @throws IllegalArgumentException if the username is blank
   */
  public static TextLocalCredential usernameAndPassword(String username, Secret password) {
    return new TextLocalCredential(Kind.USERNAME_PASSWORD, requireUsername(username), password);
  }

  private static String requireUsername(String username) {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException(
          "username is blank: give the TextLocal login e-mail address");
    }
    return username;
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
