package io.campaignrelay.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A disk that fills up: a delegating {@link FileSystemProvider} over the default one whose {@link
 * FileChannel}s write normally until the {@code n}-th write call, which writes half its bytes (a
 * short write, as a filling disk gives), after which every write throws {@code IOException("No
 * space left on device")}. Paths of this file system ({@link #path(Path)}) wrap default paths, so
 * code that opens files through its {@code Path}'s provider (as {@code FileExecutionJournal} does:
 * {@code Files.*} and {@code FileChannel.open(path, ...)}) meets the full disk without any change
 * to it.
 */
final class FullDisk {
  private final int failAtWrite;
  private final AtomicInteger writes = new AtomicInteger();
  private final Provider provider = new Provider();
  private final Fs fileSystem = new Fs();
  private final FileSystem base = java.nio.file.FileSystems.getDefault();

  FullDisk(int failAtWrite) {
    this.failAtWrite = failAtWrite;
  }

  /** The same file, reached through the filling disk. */
  Path path(Path p) {
    return new FdPath(p);
  }

  /** Write calls so far. */
  int writes() {
    return writes.get();
  }

  private static Path unwrap(Path p) {
    return p instanceof FdPath f ? f.delegate : p;
  }

  private FileSystemProvider real() {
    return base.provider();
  }

  private final class Provider extends FileSystemProvider {
    @Override
    public String getScheme() {
      return "fulldisk";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
      return fileSystem;
    }

    @Override
    public Path getPath(URI uri) {
      return new FdPath(real().getPath(uri));
    }

    @Override
    public SeekableByteChannel newByteChannel(
        Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
        throws IOException {
      return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(
        Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
        throws IOException {
      return new FillingChannel(real().newFileChannel(unwrap(path), options, attrs));
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
      return real().newInputStream(unwrap(path), options);
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
      return java.nio.channels.Channels.newOutputStream(
          newFileChannel(
              path,
              options.length == 0
                  ? Set.of(
                      java.nio.file.StandardOpenOption.CREATE,
                      java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                      java.nio.file.StandardOpenOption.WRITE)
                  : Set.of(options)));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(
        Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
      DirectoryStream<Path> d = real().newDirectoryStream(unwrap(dir), filter);
      return new DirectoryStream<>() {
        @Override
        public Iterator<Path> iterator() {
          List<Path> out = new ArrayList<>();
          d.iterator().forEachRemaining(p -> out.add(new FdPath(p)));
          return out.iterator();
        }

        @Override
        public void close() throws IOException {
          d.close();
        }
      };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
      real().createDirectory(unwrap(dir), attrs);
    }

    @Override
    public void delete(Path path) throws IOException {
      real().delete(unwrap(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
      real().copy(unwrap(source), unwrap(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
      real().move(unwrap(source), unwrap(target), options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
      return real().isSameFile(unwrap(path), unwrap(path2));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
      return real().isHidden(unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
      return real().getFileStore(unwrap(path));
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
      real().checkAccess(unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(
        Path path, Class<V> type, LinkOption... options) {
      return real().getFileAttributeView(unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(
        Path path, Class<A> type, LinkOption... options) throws IOException {
      return real().readAttributes(unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
        throws IOException {
      return real().readAttributes(unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
        throws IOException {
      real().setAttribute(unwrap(path), attribute, value, options);
    }
  }

  private final class FillingChannel extends FileChannel {
    private final FileChannel delegate;

    FillingChannel(FileChannel delegate) {
      this.delegate = delegate;
    }

    private int fill(ByteBuffer src, long position) throws IOException {
      int n = writes.incrementAndGet();
      if (n > failAtWrite) {
        throw new IOException("No space left on device");
      }
      if (n == failAtWrite && src.remaining() > 1) {
        ByteBuffer half = src.duplicate();
        half.limit(src.position() + src.remaining() / 2);
        int written = position < 0 ? delegate.write(half) : delegate.write(half, position);
        src.position(src.position() + written);
        return written;
      }
      return position < 0 ? delegate.write(src) : delegate.write(src, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return fill(src, -1);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      return fill(src, position);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      long total = 0;
      for (int i = offset; i < offset + length; i++) {
        total += fill(srcs[i], -1);
      }
      return total;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return delegate.read(dst, position);
    }

    @Override
    public long position() throws IOException {
      return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      delegate.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      delegate.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      throw new IOException("No space left on device");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      delegate.close();
    }
  }

  private final class Fs extends FileSystem {
    @Override
    public FileSystemProvider provider() {
      return provider;
    }

    @Override
    public void close() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public boolean isReadOnly() {
      return false;
    }

    @Override
    public String getSeparator() {
      return base.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
      List<Path> out = new ArrayList<>();
      base.getRootDirectories().forEach(p -> out.add(new FdPath(p)));
      return out;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
      return base.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
      return base.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
      return new FdPath(base.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
      PathMatcher m = base.getPathMatcher(syntaxAndPattern);
      return p -> m.matches(unwrap(p));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
      return base.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() throws IOException {
      return base.newWatchService();
    }
  }

  private final class FdPath implements Path {
    final Path delegate;

    FdPath(Path delegate) {
      this.delegate = delegate;
    }

    private Path wrap(Path p) {
      return p == null ? null : new FdPath(p);
    }

    @Override
    public FileSystem getFileSystem() {
      return fileSystem;
    }

    @Override
    public boolean isAbsolute() {
      return delegate.isAbsolute();
    }

    @Override
    public Path getRoot() {
      return wrap(delegate.getRoot());
    }

    @Override
    public Path getFileName() {
      return wrap(delegate.getFileName());
    }

    @Override
    public Path getParent() {
      return wrap(delegate.getParent());
    }

    @Override
    public int getNameCount() {
      return delegate.getNameCount();
    }

    @Override
    public Path getName(int index) {
      return wrap(delegate.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
      return wrap(delegate.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
      return delegate.startsWith(unwrap(other));
    }

    @Override
    public boolean endsWith(Path other) {
      return delegate.endsWith(unwrap(other));
    }

    @Override
    public Path normalize() {
      return wrap(delegate.normalize());
    }

    @Override
    public Path resolve(Path other) {
      return wrap(delegate.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(Path other) {
      return wrap(delegate.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
      return delegate.toUri();
    }

    @Override
    public Path toAbsolutePath() {
      return wrap(delegate.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
      return wrap(delegate.toRealPath(options));
    }

    @Override
    public WatchKey register(
        WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers)
        throws IOException {
      return delegate.register(watcher, events, modifiers);
    }

    @Override
    public int compareTo(Path other) {
      return delegate.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FdPath f && f.delegate.equals(delegate);
    }

    @Override
    public int hashCode() {
      return delegate.hashCode();
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }
}
