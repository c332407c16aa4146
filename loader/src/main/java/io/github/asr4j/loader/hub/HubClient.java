package io.github.asr4j.loader.hub;

import io.github.asr4j.loader.hub.HubException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The two calls huggingface_hub makes per file: a {@code HEAD} on
 * {@code {endpoint}/{repo}/resolve/{revision}/{file}} for the commit, ETag and size (following only
 * relative redirects, i.e. renamed repositories), then a {@code GET} of the file, possibly from a
 * CDN the hub redirects to, resumed with {@code Range} when the connection drops.
 */
final class HubClient {
    private static final System.Logger LOG = System.getLogger(HubClient.class.getName());
    private static final int MAX_REDIRECTS = 10;
    private static final Pattern ETAG = Pattern.compile("^[0-9A-Za-z._-]{1,128}$");
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final Pattern CONTENT_RANGE_START = Pattern.compile("^bytes (\\d+)-");
    private static final String USER_AGENT = "asr4j; java/" + Runtime.version().feature();

    /** What the hub said about one file. */
    sealed interface Lookup {}

    /**
     * The file exists.
     *
     * @param commit the commit the revision resolved to
     * @param etag the blob name: git blob sha1, or sha256 for LFS files
     * @param size the file's size in bytes
     * @param download where to GET it (the CDN the hub redirected to, or the resolve URL)
     */
    record Found(String commit, String etag, long size, URI download) implements Lookup {}

    /** The repository and revision exist but the file does not; {@code commit} when the hub said which. */
    record Missing(String commit) implements Lookup {}

    private final HubSettings settings;
    private HttpClient http; // made on first use: a cache hit, or a local folder, never needs java.net.http

    HubClient(HubSettings settings) {
        this.settings = settings;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER) // followed by hand: the token must not leave the hub
                    .connectTimeout(settings.timeout())
                    .build();
        }
        return http;
    }

    URI resolveUri(HubRepoId id, String file) {
        String path = Arrays.stream(file.split("/")).map(HubClient::encode).collect(Collectors.joining("/"));
        return URI.create(settings.endpoint() + "/" + id.repo() + "/resolve/" + encode(id.revision()) + "/" + path);
    }

    /**
     * Asks the hub about {@code file}.
     *
     * @throws IOException when the hub cannot be reached (the caller falls back to the cache)
     * @throws HubException for every answer that says no
     */
    Lookup lookup(HubRepoId id, String file) throws IOException {
        URI uri = resolveUri(id, file);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept-Encoding", "identity").timeout(settings.timeout()).build();
            HttpResponse<Void> response = send(request);
            int status = response.statusCode();
            HttpHeaders h = response.headers();
            if (status >= 300 && status < 400) {
                URI asked = uri;
                String location = h.firstValue("Location").orElseThrow(() -> new HubException(Kind.HTTP_ERROR,
                        "the hub answered " + status + " without a Location for " + asked));
                if (location.startsWith("/") && !location.startsWith("//")) {
                    uri = uri.resolve(location); // a renamed repository: ask again at its new path
                    continue;
                }
                return found(id, file, h, uri.resolve(location));
            }
            if (status >= 200 && status < 300) {
                return found(id, file, h, uri);
            }
            return refusal(status, h, id, file);
        }
        throw new HubException(Kind.HTTP_ERROR, "more than " + MAX_REDIRECTS + " redirects for " + file + " of " + id);
    }

    private Found found(HubRepoId id, String file, HttpHeaders h, URI download) {
        String commit = h.firstValue("X-Repo-Commit").orElseThrow(() -> new HubException(Kind.HTTP_ERROR,
                settings.endpoint() + " answered for " + file + " of " + id + " without an X-Repo-Commit header:"
                        + " it does not look like a Hugging Face hub (check HF_ENDPOINT, proxies and firewalls)"));
        if (!HubRepoId.isCommit(commit)) {
            throw new HubException(Kind.HTTP_ERROR, "the hub gave '" + commit + "' as the commit of " + id + ": not a commit hash");
        }
        String etag = h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).map(HubClient::normalizeEtag)
                .orElseThrow(() -> new HubException(Kind.HTTP_ERROR,
                        "the hub sent no ETag for " + file + " of " + id + "; cannot cache it reproducibly"));
        if (!ETAG.matcher(etag).matches()) {
            throw new HubException(Kind.HTTP_ERROR, "the hub sent an unusable ETag '" + etag + "' for " + file + " of " + id);
        }
        String size = h.firstValue("X-Linked-Size").or(() -> h.firstValue("Content-Length")).orElseThrow(() ->
                new HubException(Kind.HTTP_ERROR, "the hub sent no size for " + file + " of " + id));
        try {
            long bytes = Long.parseLong(size.strip());
            if (bytes < 0) {
                throw new NumberFormatException();
            }
            return new Found(commit, etag, bytes, download);
        } catch (NumberFormatException e) {
            throw new HubException(Kind.HTTP_ERROR, "the hub sent an unusable size '" + size + "' for " + file + " of " + id);
        }
    }

    /** huggingface_hub's {@code _normalize_etag}: drops a weak {@code W/} prefix and the quotes. */
    static String normalizeEtag(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.replace("\"", "");
    }

    private Lookup refusal(int status, HttpHeaders h, HubRepoId id, String file) {
        String code = h.firstValue("X-Error-Code").orElse("");
        String said = h.firstValue("X-Error-Message").map(m -> " (the hub said: " + m + ")").orElse("");
        boolean token = settings.token().isPresent();
        String repoUrl = settings.endpoint() + "/" + id.repo();
        if (code.equals("EntryNotFound") || (status == 404 && code.isEmpty())) {
            return new Missing(h.firstValue("X-Repo-Commit").filter(HubRepoId::isCommit).orElse(null));
        }
        if (code.equals("GatedRepo")) {
            throw new HubException(Kind.GATED_REPOSITORY, id.repo() + " is a gated repository: accept its conditions at "
                    + repoUrl + " while logged in, then " + (token ? "check that HF_TOKEN belongs to that account"
                    : "set HF_TOKEN to a token of that account") + said);
        }
        if (code.equals("RevisionNotFound")) {
            throw new HubException(Kind.REVISION_NOT_FOUND, "revision '" + id.revision() + "' not found in " + id.repo()
                    + " (a branch, tag or commit of " + repoUrl + ")" + said);
        }
        if (code.equals("RepoNotFound") || status == 404 || (status == 401 && !token)) {
            throw new HubException(Kind.REPOSITORY_NOT_FOUND, "repository " + id.repo() + " not found at " + repoUrl
                    + (token ? ", or the token in HF_TOKEN has no access to it"
                    : "; if it is private, set HF_TOKEN to a token with access") + said);
        }
        if (status == 401 || status == 403) {
            throw new HubException(Kind.UNAUTHORIZED, "the hub refused " + (token ? "the token in HF_TOKEN" : "access")
                    + " for " + file + " of " + id + " (HTTP " + status + ")" + said);
        }
        throw new HubException(Kind.HTTP_ERROR, "the hub answered HTTP " + status + " for " + file + " of " + id + said);
    }

    /**
     * Downloads {@code file} into {@code incomplete}, resuming from what is already there, until it
     * holds exactly {@code found.size()} bytes (and, for LFS files, the sha256 the ETag names).
     * A download that stops is resumed with {@code Range} up to {@link HubSettings#retries()} times
     * without progress; the partial file is kept for the next attempt. A file that comes out too
     * long or with the wrong checksum is deleted.
     */
    void download(Found found, Path incomplete, String what) {
        int stalls = 0;
        IOException last = null;
        while (true) {
            long have = size(incomplete);
            if (have > found.size()) {
                delete(incomplete);
                throw new HubException(Kind.DOWNLOAD_FAILED, what + ": received " + have + " bytes but the hub said "
                        + found.size() + "; the partial file was deleted, try again");
            }
            if (have == found.size()) {
                break;
            }
            if (last != null) {
                LOG.log(System.Logger.Level.WARNING, "{0}: download stopped at {1} of {2} bytes ({3}); resuming",
                        what, have, found.size(), last.toString());
            }
            try {
                get(found.download(), incomplete, have);
                last = null;
            } catch (IOException e) {
                last = e;
            }
            long now = size(incomplete);
            if (now > have && now <= found.size()) {
                stalls = 0;
            } else if (now <= have && ++stalls > settings.retries()) {
                throw new HubException(Kind.DOWNLOAD_FAILED, what + ": download stopped at " + now + " of " + found.size()
                        + " bytes after " + settings.retries() + " resumed attempts without progress"
                        + (last != null ? " (" + last + ")" : " (the server ended the response early)")
                        + "; " + incomplete.getFileName() + " is kept to resume from next time", last);
            }
            pause(stalls);
        }
        if (SHA256.matcher(found.etag()).matches()) {
            String actual = sha256(incomplete);
            if (!actual.equals(found.etag())) {
                delete(incomplete);
                throw new HubException(Kind.DOWNLOAD_FAILED, what + ": the downloaded bytes have sha256 " + actual
                        + " but the hub said " + found.etag() + "; the partial file was deleted, try again");
            }
        }
    }

    /** One GET, appending to {@code target} from byte {@code have}; follows redirects, sending the token only to the hub. */
    private void get(URI uri, Path target, long have) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder b = request(current).GET().header("Accept-Encoding", "identity");
            if (have > 0) {
                b.header("Range", "bytes=" + have + "-");
            }
            FileSink sink = new FileSink(target, have);
            HttpResponse<Void> response;
            try {
                response = sink.await(http().sendAsync(b.build(), info -> sink.subscriber(info)), settings.timeout());
            } finally {
                sink.close();
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                URI next = current;
                current = response.headers().firstValue("Location").map(next::resolve).orElseThrow(() ->
                        new IOException("redirect without a Location from " + next));
                continue;
            }
            if (status == 416 && have > 0) {
                throw new IOException("the server refused to resume at byte " + have + " (HTTP 416)");
            }
            if (sink.rejected != null) {
                throw new IOException(sink.rejected);
            }
            if (status != 200 && status != 206) {
                throw new HubException(Kind.HTTP_ERROR, "HTTP " + status + " downloading " + current);
            }
            return;
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects downloading " + uri);
    }

    /** Writes a response body to the partial file as it arrives, noting when the last bytes came. */
    private static final class FileSink {
        private final Path target;
        private final long have;
        private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        private volatile FileChannel channel;
        private volatile IOException writeError;
        private volatile String rejected;

        FileSink(Path target, long have) {
            this.target = target;
            this.have = have;
        }

        BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo info) {
            int status = info.statusCode();
            if (status == 206) {
                long start = info.headers().firstValue("Content-Range").map(CONTENT_RANGE_START::matcher)
                        .filter(java.util.regex.Matcher::find).map(m -> Long.parseLong(m.group(1))).orElse(-1L);
                if (start != have) {
                    rejected = "asked to resume at byte " + have + " but the server sent a range starting at " + start;
                    return BodySubscribers.discarding();
                }
                return open(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            if (status == 200) { // a whole file: the server ignored Range, or there was nothing to resume
                return open(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            }
            return BodySubscribers.discarding();
        }

        private BodySubscriber<Void> open(StandardOpenOption... options) {
            try {
                channel = FileChannel.open(target, options);
            } catch (IOException e) {
                writeError = e;
                return BodySubscribers.discarding();
            }
            return BodySubscribers.ofByteArrayConsumer(chunk -> {
                lastProgress.set(System.nanoTime());
                if (chunk.isEmpty() || writeError != null) {
                    return;
                }
                try {
                    ByteBuffer buf = ByteBuffer.wrap(chunk.get());
                    while (buf.hasRemaining()) {
                        channel.write(buf);
                    }
                } catch (IOException e) {
                    writeError = e;
                }
            });
        }

        /** Waits for the response, giving up when no bytes have come for {@code idle}. */
        HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> future, java.time.Duration idle) throws IOException {
            long idleNanos = idle.toNanos();
            while (true) {
                try {
                    HttpResponse<Void> r = future.get(Math.min(250, idle.toMillis()), TimeUnit.MILLISECONDS);
                    if (writeError != null) {
                        throw new HubException(Kind.CACHE_IO, "cannot write " + target + ": " + writeError.getMessage(), writeError);
                    }
                    return r;
                } catch (TimeoutException e) {
                    if (System.nanoTime() - lastProgress.get() > idleNanos) {
                        future.cancel(true);
                        throw new IOException("no data for " + idle.toSeconds() + " s");
                    }
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof IOException io ? io : new IOException(Objects.toString(c), c);
                } catch (InterruptedException e) {
                    future.cancel(true);
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }

        void close() throws IOException {
            FileChannel c = channel;
            if (c != null) {
                c.close();
            }
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("User-Agent", USER_AGENT);
        if (settings.token().isPresent() && sameOrigin(uri, settings.endpoint())) {
            b.header("Authorization", "Bearer " + settings.token().get());
        }
        return b;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private HttpResponse<Void> send(HttpRequest request) throws IOException {
        try {
            return http().send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    private static void pause(int stalls) {
        try {
            Thread.sleep(Math.min(100L * stalls, 2000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(Kind.DOWNLOAD_FAILED, "interrupted while downloading");
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new HubException(Kind.CACHE_IO, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
