package io.campaignrelay.core.runtime;

import io.campaignrelay.core.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@link ListenerTokens} in one file, so the token survives a restart. A rotation writes the new
 * token to a temporary file and moves it over the old one atomically: a crash leaves either token,
 * never half of one. The file holds a credential: keep the directory readable by the service only.
 * Thread-safe within one process.
 */
public final class FileListenerTokens implements ListenerTokens {

  private final Path file;
  private volatile Secret token;

  private FileListenerTokens(Path file, Secret token) {
    this.file = file;
    this.token = token;
  }

  /**
   * Opens the store in a file (created at the first rotation); an unreadable or malformed file
   * counts as no token.
   *
   * @param file the file
   * @return the store
   */
  public static FileListenerTokens open(Path file) {
    Secret found = null;
    try {
      if (Files.exists(file)) {
        String t = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (t.matches("[A-Za-z0-9_-]{22,128}")) {
          found = Secret.of(t);
        }
      }
    } catch (IOException e) {
      found = null;
    }
    return new FileListenerTokens(file, found);
  }

  @Override
  public Optional<Secret> current() {
    return Optional.ofNullable(token);
  }

  @Override
  public synchronized Secret rotate() {
    Secret next = ListenerTokens.newToken();
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, next.reveal(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the listener token in " + file, e);
    }
    token = next;
    return next;
  }

  @Override
  public String toString() {
    return "FileListenerTokens{file=" + file + ", present=" + (token != null) + '}';
  }
}
