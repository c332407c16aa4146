package io.github.asr4j.loader.hub;

import io.github.asr4j.loader.hub.HubException.Kind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The files of one repository revision, as paths in the cache's {@code snapshots/<commit>/} folder.
 *
 * <p>The first file asked for fixes the commit (from the hub's {@code X-Repo-Commit}, or from
 * {@code refs/<revision>} when the hub is unreachable or {@code HF_HUB_OFFLINE} is set); every
 * later file comes from that same commit, so a snapshot never mixes two versions of a repository.
 */
public final class HubSnapshot {
    private static final System.Logger LOG = System.getLogger(HubSnapshot.class.getName());
    /** In-JVM side of the download lock: a FileChannel lock is per process, not per thread. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final HubRepoId id;
    private final HubSettings settings;
    private final HubClient client;
    private final HubCache cache;
    private String commit;

    HubSnapshot(HubRepoId id, HubSettings settings, HubClient client, HubCache cache) {
        this.id = id;
        this.settings = settings;
        this.client = client;
        this.cache = cache;
    }

    /** The repository and revision asked for. */
    public HubRepoId id() {
        return id;
    }

    /**
     * The file, from the cache or downloaded into it.
     *
     * @throws HubException with {@link Kind#FILE_NOT_FOUND} when the repository has no such file,
     *                      or the kind of whatever else went wrong
     */
    public Path require(String file) {
        return optional(file).orElseThrow(() -> new HubException(Kind.FILE_NOT_FOUND, "no " + file + " in " + id
                + (settings.offline() ? " (in the cache; HF_HUB_OFFLINE is set)" : " at " + settings.endpoint() + "/" + id.repo())));
    }

    /**
     * The file, or empty when the repository has none (the hub said so, now or in an earlier
     * answer recorded in the cache).
     *
     * @throws HubException when the answer cannot be had: offline or unreachable with nothing
     *                      cached, repository or revision not found, no access, a failed download
     */
    public synchronized Optional<Path> optional(String file) {
        String revision = commit != null ? commit : id.revision();
        if (settings.offline()) {
            return cached(revision, file).orElseThrow(() -> new HubException(Kind.OFFLINE_NOT_CACHED,
                    "HF_HUB_OFFLINE is set and " + file + " of " + id + " is not in the cache " + cache.repoDir()
                            + notResolvedHint(revision) + "; unset HF_HUB_OFFLINE to download it"));
        }
        if (HubRepoId.isCommit(revision)) { // a commit never changes: the cache answers alone
            Optional<Optional<Path>> known = cached(revision, file);
            if (known.isPresent()) {
                return known.get();
            }
        }
        HubClient.Lookup lookup;
        try {
            lookup = client.lookup(id.at(revision), file);
        } catch (IOException e) {
            Optional<Optional<Path>> known = cached(revision, file);
            if (known.isPresent()) {
                LOG.log(System.Logger.Level.INFO, "{0} unreachable ({1}); using the cached {2} of {3}",
                        settings.endpoint(), e.toString(), file, id);
                return known.get();
            }
            throw new HubException(Kind.NO_NETWORK, "cannot reach " + settings.endpoint() + " (" + e
                    + ") and " + file + " of " + id + " is not in the cache " + cache.repoDir()
                    + "; connect to the network, or point HF_HUB_CACHE at a cache that holds it", e);
        }
        return switch (lookup) {
            case HubClient.Missing m -> {
                if (m.commit() != null) {
                    pin(m.commit());
                    cache.markMissing(m.commit(), file);
                }
                yield Optional.empty();
            }
            case HubClient.Found f -> Optional.of(fetch(file, f));
        };
    }

    /** The snapshot folder ({@code snapshots/<commit>}); known once a file has been asked for. */
    public synchronized Path dir() {
        if (commit == null) {
            throw new IllegalStateException("no file of " + id + " fetched yet: the commit is not known");
        }
        return cache.snapshotDir(commit);
    }

    private Path fetch(String file, HubClient.Found f) {
        pin(f.commit());
        Path pointer = cache.pointer(f.commit(), file);
        if (Files.exists(pointer)) { // follows the link: a pointer to a deleted blob is fetched again
            return pointer;
        }
        Path blob = cache.blob(f.etag());
        if (!Files.exists(blob)) {
            withLock(f.etag(), () -> {
                if (!Files.exists(blob)) {
                    download(file, f, blob);
                }
            });
        }
        return cache.link(f.commit(), file, blob);
    }

    private void download(String file, HubClient.Found f, Path blob) {
        Path incomplete = cache.incomplete(f.etag());
        try {
            Files.createDirectories(blob.getParent());
            long have = Files.exists(incomplete) ? Files.size(incomplete) : 0;
            LOG.log(System.Logger.Level.INFO, "downloading {0} of {1} ({2} bytes{3}) into {4}", file, id, f.size(),
                    have > 0 ? ", resuming at " + have : "", cache.repoDir());
            client.download(f, incomplete, file + " of " + id);
            HubCache.moveAtomically(incomplete, blob);
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot write " + incomplete + ": " + e.getMessage(), e);
        }
    }

    private void withLock(String etag, Runnable action) {
        Path lockFile = cache.lockFile(etag);
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                action.run();
            }
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot lock " + lockFile + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** What the cache knows: the file, "the hub said there is none" (an empty inner Optional), or nothing. */
    private Optional<Optional<Path>> cached(String revision, String file) {
        Optional<String> c = cache.commitOf(revision);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        Path pointer = cache.pointer(c.get(), file);
        if (Files.exists(pointer)) {
            pin(c.get());
            return Optional.of(Optional.of(pointer));
        }
        if (cache.knownMissing(c.get(), file)) {
            pin(c.get());
            return Optional.of(Optional.empty());
        }
        return Optional.empty();
    }

    private void pin(String resolved) {
        if (commit == null) {
            commit = resolved;
            if (!id.isCommit()) {
                cache.writeRef(id.revision(), resolved);
            }
        }
    }

    private String notResolvedHint(String revision) {
        return cache.commitOf(revision).isEmpty() && !HubRepoId.isCommit(revision)
                ? " (revision '" + revision + "' was never resolved in this cache)" : "";
    }
}
