package io.anidoc.runtime.blob;

import io.anidoc.runtime.files.DurableFiles;
import io.anidoc.runtime.files.StaleTemporaries;
import io.anidoc.schemas.BlobRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link BlobStore} in a directory, e.g. a volume every service of the pipeline mounts.
 *
 * <p>Layout: {@code <root>/sha256/ab/cd/abcd...} (two levels of sharding keep directories small).
 * A write goes to a temporary file next to its target, is flushed to disk, atomically renamed into
 * place and the directory is flushed too, so a reader sees either nothing or the complete blob,
 * also after a crash. Writers racing on the same content are harmless: the bytes are identical,
 * the rename replaces like with like. Streamed writes stage in {@code <root>/tmp} (same file
 * system) because their address is known only at the end. A writer killed mid-write leaves its
 * temporary file; {@link #sweepStaleTemporaries} deletes those (the services run it at start).
 */
public final class FileBlobStore implements BlobStore {


    private final Path root;
    private final Path objects;
    private final Path staging;
    private final boolean verifyReads;

    /**
     * @param root        directory of the store, created when missing
     * @param verifyReads recompute SHA-256 on every read
     */
    public FileBlobStore(Path root, boolean verifyReads) throws IOException {
        this.root = Files.createDirectories(Objects.requireNonNull(root, "root")).toRealPath();
        this.objects = Files.createDirectories(this.root.resolve("sha256"));
        this.staging = Files.createDirectories(this.root.resolve("tmp"));
        this.verifyReads = verifyReads;
    }

    public FileBlobStore(Path root) throws IOException {
        this(root, false);
    }

    public Path root() {
        return root;
    }

    /**
     * Deletes the temporary files writers killed mid-write left in the staging folder and next to
     * blobs, once untouched for {@link StaleTemporaries#MIN_AGE}; returns how many it deleted.
     */
    public int sweepStaleTemporaries(Instant now) {
        // objects: sha256/ab/cd/<temporary>
        return StaleTemporaries.sweep(staging, 1, now) + StaleTemporaries.sweep(objects, 3, now);
    }

    @Override
    public BlobRef put(byte[] bytes, String mediaType) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        BlobRefs.checkMediaType(mediaType);
        BlobAddress address = BlobAddress.of(bytes);
        Path target = pathOf(address);
        if (!isStored(target, bytes.length)) {
            Path dir = Files.createDirectories(target.getParent());
            Path temp = dir.resolve("." + address.sha256() + "." + UUID.randomUUID() + ".tmp");
            try {
                DurableFiles.writeNew(temp, bytes);
                moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return BlobRefs.ref(address, bytes.length, mediaType);
    }

    @Override
    public BlobRef put(InputStream content, String mediaType) throws IOException {
        Objects.requireNonNull(content, "content");
        BlobRefs.checkMediaType(mediaType);
        Path temp = staging.resolve(UUID.randomUUID() + ".tmp");
        try {
            BlobRefs.Copied copied;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                copied = BlobRefs.copyHashing(content, out);
                out.flush();
                channel.force(true);
            }
            Path target = pathOf(copied.address());
            if (!isStored(target, copied.size())) {
                Files.createDirectories(target.getParent());
                moveIntoPlace(temp, target);
            }
            return BlobRefs.ref(copied.address(), copied.size(), mediaType);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public byte[] get(String uri) throws IOException {
        BlobAddress address = BlobAddress.parse(uri);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(pathOf(address));
        } catch (NoSuchFileException e) {
            throw notFound(address);
        }
        return verifyReads ? BlobRefs.verified(bytes, address, root.toString()) : bytes;
    }

    @Override
    public InputStream openStream(String uri) throws IOException {
        BlobAddress address = BlobAddress.parse(uri);
        InputStream in;
        try {
            in = Files.newInputStream(pathOf(address));
        } catch (NoSuchFileException e) {
            throw notFound(address);
        }
        return verifyReads ? new VerifyingInputStream(in, address, root.toString()) : in;
    }

    @Override
    public boolean exists(String uri) {
        return Files.isRegularFile(pathOf(BlobAddress.parse(uri)));
    }

    @Override
    public boolean delete(String uri) throws IOException {
        return Files.deleteIfExists(pathOf(BlobAddress.parse(uri)));
    }

    @Override
    public List<String> list() throws IOException {
        try (Stream<Path> files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .map(name -> BlobAddress.URI_PREFIX + name)
                    .toList();
        }
    }

    /**
     * Where a blob lives. The address is already restricted to hex digits; the check below keeps
     * that promise should the layout ever change.
     */
    public Path pathOf(BlobAddress address) {
        String hex = address.sha256();
        Path path = objects.resolve(hex.substring(0, 2)).resolve(hex.substring(2, 4)).resolve(hex).normalize();
        if (!path.startsWith(objects)) {
            throw new IllegalArgumentException("blob key " + hex + " resolves outside the store root " + root);
        }
        return path;
    }

    private static boolean isStored(Path target, long size) throws IOException {
        try {
            return Files.size(target) == size;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // a platform whose rename does not replace: another writer stored the same bytes first
            return;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("blob store root " + target.getRoot() + " does not support atomic rename", e);
        }
        DurableFiles.syncDirectory(target.getParent());
    }

    private BlobNotFoundException notFound(BlobAddress address) {
        return new BlobNotFoundException("no blob " + address.uri() + " in " + root);
    }

    @Override
    public String toString() {
        return "FileBlobStore[" + root + "]";
    }
}
