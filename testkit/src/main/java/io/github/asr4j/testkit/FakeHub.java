package io.github.asr4j.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hugging Face hub on a loopback port, answering {@code HEAD}/{@code GET}
 * {@code /{org}/{name}/resolve/{revision}/{file}} as huggingface.co does: small files with
 * {@code 200}, a git-sha1 {@code ETag}, {@code Content-Length} and {@code X-Repo-Commit}; LFS files
 * with a {@code 302} to a "CDN" on another host name ({@code localhost} instead of
 * {@code 127.0.0.1}) and {@code X-Linked-Etag} (sha256) / {@code X-Linked-Size}; errors with
 * {@code X-Error-Code} ({@code RepoNotFound}, {@code GatedRepo}, {@code RevisionNotFound},
 * {@code EntryNotFound}). Faults can be injected per file: a connection cut after some bytes,
 * a wrong size announced. Every request is recorded.
 */
public final class FakeHub implements AutoCloseable {
    /** A request as the server saw it. */
    public record Request(String method, String host, String path, String range, String authorization) {}

    private static final Pattern RESOLVE = Pattern.compile("^/([^/]+/[^/]+)/resolve/([^/]+)/(.+)$");
    private static final Pattern CDN = Pattern.compile("^/cdn/([0-9a-f]{64})$");
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d+)-$");

    private final HttpServer server;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, String> renamed = new ConcurrentHashMap<>();
    private final Map<String, byte[]> cdn = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cuts = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutAt = new ConcurrentHashMap<>();
    private final Map<String, Long> stallMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> sizeLies = new ConcurrentHashMap<>();
    private final Map<String, String> lfsFiles = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private static final class Repo {
        final String commit;
        final Map<String, byte[]> files;
        volatile String gatedToken;
        volatile String privateToken;

        Repo(String commit, Map<String, byte[]> files) {
            this.commit = commit;
            this.files = files;
        }
    }

    private FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a stalled answer must not hold up the others
        server.start();
    }

    /** Starts a hub with no repositories. */
    public static FakeHub start() {
        try {
            return new FakeHub();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: what {@code HF_ENDPOINT} would hold. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Adds a repository whose {@code main} is a commit named after its content; files of
     * {@code lfsMinBytes} or more are served as LFS files (through the CDN redirect).
     *
     * @return the commit hash
     */
    public String addRepo(String repo, Map<String, byte[]> files, long lfsMinBytes) {
        MessageDigest sha1 = digest("SHA-1");
        files.keySet().stream().sorted().forEach(name -> {
            sha1.update(name.getBytes(StandardCharsets.UTF_8));
            sha1.update(files.get(name));
        });
        String commit = HexFormat.of().formatHex(sha1.digest());
        Map<String, byte[]> copy = new ConcurrentHashMap<>(files);
        repos.put(repo, new Repo(commit, copy));
        copy.forEach((name, bytes) -> {
            if (bytes.length >= lfsMinBytes) {
                lfsFiles.put(repo + "/" + name, sha256(bytes));
                cdn.put(sha256(bytes), bytes);
            }
        });
        return commit;
    }

    /** The repository answers 403 GatedRepo unless this token is sent. */
    public void gate(String repo, String token) {
        repos.get(repo).gatedToken = token;
    }

    /** The repository answers 401 RepoNotFound (as the hub does for private repositories) unless this token is sent. */
    public void makePrivate(String repo, String token) {
        repos.get(repo).privateToken = token;
    }

    /** Requests for {@code oldRepo} answer a relative 307 to {@code newRepo}, as the hub does after a rename. */
    public void rename(String oldRepo, String newRepo) {
        renamed.put(oldRepo, newRepo);
    }

    /** The next {@code times} GETs of the file's bytes stop after {@code bytes} bytes (of the whole file), closing the connection. */
    public void cutConnection(String repo, String file, int bytes, int times) {
        cutAt.put(repo + "/" + file, bytes);
        cuts.put(repo + "/" + file, new AtomicInteger(times));
    }

    /**
     * The next {@code times} GETs of the file stop sending after {@code bytes} bytes and keep the
     * connection open for {@code millis} without a byte (a stalled server), then drop it.
     *
     * @param repo the repository
     * @param file the file in it
     * @param bytes where the answer stalls (of the whole file)
     * @param millis how long it stays silent
     * @param times how many answers stall
     */
    public void stall(String repo, String file, int bytes, long millis, int times) {
        cutConnection(repo, file, bytes, times);
        stallMillis.put(repo + "/" + file, millis);
    }

    /** The file's size is announced {@code delta} bytes off (its bytes are served unchanged). */
    public void lieAboutSize(String repo, String file, long delta) {
        sizeLies.put(repo + "/" + file, delta);
    }

    /** Replaces the bytes of an LFS file on the CDN (its announced sha256 and size stay). */
    public void corruptCdn(String repo, String file, byte[] bytes) {
        cdn.put(lfsFiles.get(repo + "/" + file), bytes);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The sha256 of the bytes, as the hub names LFS blobs. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
    }

    /** The git blob sha1 of the bytes, as the hub names regular files. */
    public static String gitSha1(byte[] bytes) {
        MessageDigest md = digest("SHA-1");
        md.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(md.digest(bytes));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            var h = ex.getRequestHeaders();
            requests.add(new Request(ex.getRequestMethod(), h.getFirst("Host"), path, h.getFirst("Range"), h.getFirst("Authorization")));
            Matcher cdnPath = CDN.matcher(path);
            if (cdnPath.matches()) {
                serveCdn(ex, cdnPath.group(1));
                return;
            }
            Matcher m = RESOLVE.matcher(path);
            if (!m.matches()) {
                reply(ex, 404, null);
                return;
            }
            String repoName = m.group(1);
            String revision = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            String file = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
            if (renamed.containsKey(repoName)) {
                ex.getResponseHeaders().set("Location", "/" + renamed.get(repoName) + path.substring(repoName.length() + 1));
                reply(ex, 307, null);
                return;
            }
            Repo repo = repos.get(repoName);
            String auth = h.getFirst("Authorization");
            if (repo == null || (repo.privateToken != null && !("Bearer " + repo.privateToken).equals(auth))) {
                error(ex, 401, "RepoNotFound", "Repository not found");
                return;
            }
            if (repo.gatedToken != null && !("Bearer " + repo.gatedToken).equals(auth)) {
                error(ex, 403, "GatedRepo", "Access to model " + repoName + " is restricted.");
                return;
            }
            if (!revision.equals("main") && !revision.equals(repo.commit)) {
                error(ex, 404, "RevisionNotFound", "Invalid rev id: " + revision);
                return;
            }
            ex.getResponseHeaders().set("X-Repo-Commit", repo.commit);
            byte[] bytes = repo.files.get(file);
            if (bytes == null) {
                error(ex, 404, "EntryNotFound", file + " does not exist on \"" + revision + "\"");
                return;
            }
            String key = repoName + "/" + file;
            long announced = bytes.length + sizeLies.getOrDefault(key, 0L);
            String lfs = lfsFiles.get(key);
            if (lfs != null) {
                ex.getResponseHeaders().set("X-Linked-Etag", "\"" + lfs + "\"");
                ex.getResponseHeaders().set("X-Linked-Size", Long.toString(announced));
                ex.getResponseHeaders().set("ETag", "\"" + gitSha1(bytes) + "\""); // the pointer file's, as on the hub
                ex.getResponseHeaders().set("Location", "http://localhost:" + server.getAddress().getPort() + "/cdn/" + lfs);
                reply(ex, 302, null);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"" + gitSha1(bytes) + "\"");
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Length", Long.toString(announced));
                ex.sendResponseHeaders(200, -1);
                return;
            }
            serveBytes(ex, key, bytes);
        }
    }

    private void serveCdn(HttpExchange ex, String sha) throws IOException {
        byte[] bytes = cdn.get(sha);
        String key = lfsFiles.entrySet().stream().filter(e -> e.getValue().equals(sha)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        if (bytes == null || key == null) {
            reply(ex, 404, null);
            return;
        }
        serveBytes(ex, key, bytes);
    }

    private void serveBytes(HttpExchange ex, String key, byte[] bytes) throws IOException {
        int from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher r = RANGE.matcher(range);
            if (!r.matches() || Long.parseLong(r.group(1)) >= bytes.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                reply(ex, 416, null);
                return;
            }
            from = Integer.parseInt(r.group(1));
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        int length = bytes.length - from;
        AtomicInteger cutsLeft = cuts.get(key);
        boolean cut = cutsLeft != null && cutsLeft.getAndDecrement() > 0;
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(length));
            ex.sendResponseHeaders(range != null ? 206 : 200, -1);
            return;
        }
        ex.sendResponseHeaders(range != null ? 206 : 200, length);
        OutputStream out = ex.getResponseBody();
        if (cut) {
            int stop = Math.max(from, Math.min(bytes.length, cutAt.get(key)));
            out.write(bytes, from, stop - from);
            out.flush();
            long silence = stallMillis.getOrDefault(key, 0L);
            if (silence > 0) {
                try {
                    Thread.sleep(silence);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            throw new IOException("fake hub: connection cut at byte " + stop); // the server drops the connection
        }
        out.write(bytes, from, length);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ex.getResponseHeaders().set("X-Error-Code", code);
        ex.getResponseHeaders().set("X-Error-Message", message);
        reply(ex, status, message);
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (ex.getRequestMethod().equals("HEAD") || b.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
        }
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
