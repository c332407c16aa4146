package io.github.asr4j.loader.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * One repository's folder in the Hugging Face hub cache, laid out as huggingface_hub lays it out:
 *
 * <pre>
 * models--org--name/
 *   refs/main                      the commit hash that "main" last resolved to
 *   blobs/&lt;etag&gt;                   file contents, named by git blob sha1 or LFS sha256
 *   blobs/&lt;etag&gt;.incomplete        a download in progress (never a finished file)
 *   snapshots/&lt;commit&gt;/&lt;file&gt;     relative symlink to ../../blobs/&lt;etag&gt;
 *   .no_exist/&lt;commit&gt;/&lt;file&gt;     empty marker: the hub said this file is not in that commit
 * </pre>
 *
 * plus the lock files in {@code <cache>/.locks/models--org--name/<etag>.lock}.
 */
final class HubCache {
    private final Path root;
    private final Path repoDir;
    private final Path locksDir;

    HubCache(Path cacheDir, HubRepoId id) {
        this.root = cacheDir;
        this.repoDir = cacheDir.resolve(id.cacheFolderName());
        this.locksDir = cacheDir.resolve(".locks").resolve(id.cacheFolderName());
    }

    Path repoDir() {
        return repoDir;
    }

    Path snapshotDir(String commit) {
        return repoDir.resolve("snapshots").resolve(commit);
    }

    Path pointer(String commit, String file) {
        return inside(snapshotDir(commit), file);
    }

    Path blob(String etag) {
        return inside(repoDir.resolve("blobs"), etag);
    }

    Path incomplete(String etag) {
        return inside(repoDir.resolve("blobs"), etag + ".incomplete");
    }

    Path lockFile(String etag) {
        return inside(locksDir, etag + ".lock");
    }

    /** The commit a branch or tag last resolved to here; a commit hash stands for itself. */
    Optional<String> commitOf(String revision) {
        if (HubRepoId.isCommit(revision)) {
            return Optional.of(revision);
        }
        Path ref = inside(repoDir.resolve("refs"), revision);
        try {
            return Files.isRegularFile(ref)
                    ? Optional.of(Files.readString(ref, StandardCharsets.UTF_8).strip()).filter(HubRepoId::isCommit)
                    : Optional.empty();
        } catch (IOException e) {
            throw new HubException(HubException.Kind.CACHE_IO, "cannot read " + ref + ": " + e.getMessage(), e);
        }
    }

    /** Records that {@code revision} now points at {@code commit} (written atomically; nothing for a commit hash). */
    void writeRef(String revision, String commit) {
        if (revision.equals(commit)) {
            return;
        }
        Path ref = inside(repoDir.resolve("refs"), revision);
        try {
            if (Files.isRegularFile(ref) && Files.readString(ref, StandardCharsets.UTF_8).equals(commit)) {
                return; // unchanged: leave a read-only cache alone
            }
            Files.createDirectories(ref.getParent());
            Path tmp = ref.resolveSibling(ref.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            moveAtomically(tmp, ref);
        } catch (IOException e) {
            throw new HubException(HubException.Kind.CACHE_IO, "cannot write " + ref + ": " + e.getMessage(), e);
        }
    }

    /** Whether the hub said {@code file} is not in {@code commit}. */
    boolean knownMissing(String commit, String file) {
        return Files.exists(inside(repoDir.resolve(".no_exist").resolve(commit), file));
    }

    void markMissing(String commit, String file) {
        Path marker = inside(repoDir.resolve(".no_exist").resolve(commit), file);
        try {
            Files.createDirectories(marker.getParent());
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (FileAlreadyExistsException e) {
            // another process wrote it first
        } catch (IOException e) {
            // only a shortcut for the next offline run; not worth failing the load for
        }
    }

    /**
     * Points {@code snapshots/<commit>/<file>} at the blob with a relative symlink, as huggingface_hub
     * does; where the file system has no symlinks, the blob is copied instead.
     */
    Path link(String commit, String file, Path blob) {
        Path pointer = pointer(commit, file);
        Path tmp = pointer.resolveSibling(pointer.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            Files.createDirectories(pointer.getParent());
            try {
                Files.createSymbolicLink(tmp, pointer.getParent().relativize(blob));
            } catch (UnsupportedOperationException | IOException noSymlinks) {
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            moveAtomically(tmp, pointer); // readers never see the pointer missing or half-made
            return pointer;
        } catch (IOException e) {
            throw new HubException(HubException.Kind.CACHE_IO, "cannot link " + pointer + " to " + blob + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temporary link; harmless
            }
        }
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code base/relative}, refusing names that would leave {@code base} (the names come from the network). */
    private Path inside(Path base, String relative) {
        Path p = base.resolve(relative).normalize();
        if (!p.startsWith(base.normalize()) || p.equals(base.normalize()) || !p.startsWith(root.normalize())) {
            throw new HubException(HubException.Kind.HTTP_ERROR, "refusing cache path '" + relative + "': it leaves " + base);
        }
        return p;
    }
}
