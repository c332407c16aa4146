package io.github.asr4j.loader.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.asr4j.loader.hub.HubException.Kind;
import io.github.asr4j.testkit.FakeHub;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub cache and downloads against a fake hub on a loopback port: one test per row of the matrix. */
class HubSnapshotTest {
    private static final String REPO = "acme/whisper-test";
    private static final byte[] CONFIG = "{\"d_model\": 8}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WEIGHTS = new byte[300_000];

    static {
        new SplittableRandom(7).nextBytes(WEIGHTS);
    }

    @TempDir
    Path cacheDir;
    FakeHub hub;
    String commit;

    @BeforeEach
    void startHub() {
        hub = FakeHub.start();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", CONFIG);
        files.put("model.safetensors", WEIGHTS);
        commit = hub.addRepo(REPO, files, 100_000);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private HubSettings settings(Optional<String> token) {
        return new HubSettings(cacheDir, hub.endpoint(), token, false, Duration.ofSeconds(5), 2);
    }

    private HubSnapshot open(String id) {
        return new HuggingFaceHub(settings(Optional.empty())).open(HubRepoId.parse(id));
    }

    private Path repoDir() {
        return cacheDir.resolve("models--acme--whisper-test");
    }

    private long gets() {
        return hub.requests().stream().filter(r -> r.method().equals("GET")).count();
    }

    @Test
    void downloadsIntoTheLayoutHuggingFaceHubWrites() throws IOException {
        HubSnapshot s = open(REPO);
        Path config = s.require("config.json");
        Path weights = s.require("model.safetensors");

        assertThat(Files.readAllBytes(config)).isEqualTo(CONFIG);
        assertThat(Files.readAllBytes(weights)).isEqualTo(WEIGHTS);
        assertThat(s.dir()).isEqualTo(repoDir().resolve("snapshots").resolve(commit));
        assertThat(Files.readString(repoDir().resolve("refs/main"))).isEqualTo(commit);
        // small files are named by git blob sha1, LFS files by sha256; the snapshot holds relative links
        assertThat(Files.isSymbolicLink(config)).isTrue();
        assertThat(Files.readSymbolicLink(config)).isEqualTo(Path.of("../../blobs/" + FakeHub.gitSha1(CONFIG)));
        assertThat(Files.readSymbolicLink(weights)).isEqualTo(Path.of("../../blobs/" + FakeHub.sha256(WEIGHTS)));
        try (var blobs = Files.list(repoDir().resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(FakeHub.gitSha1(CONFIG), FakeHub.sha256(WEIGHTS));
        }
        assertThat(Files.exists(cacheDir.resolve(".locks/models--acme--whisper-test"))).isTrue();
    }

    @Test
    void cachedFilesAreCheckedWithHeadOnlyAndNotDownloadedAgain() {
        open(REPO).require("model.safetensors");
        hub.clearRequests();

        Path again = open(REPO).require("model.safetensors");

        assertThat(again).exists();
        assertThat(gets()).isZero();
        assertThat(hub.requests()).extracting(FakeHub.Request::method).containsOnly("HEAD");
    }

    @Test
    void aCommitRevisionInTheCacheNeedsNoRequestAtAll() {
        open(REPO).require("config.json");
        hub.clearRequests();

        Path p = open(REPO + "@" + commit).require("config.json");

        assertThat(p).exists();
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineUsesTheCacheAndNamesWhatIsMissing() {
        open(REPO).require("config.json");
        hub.clearRequests();
        HuggingFaceHub offline = new HuggingFaceHub(settings(Optional.empty()).withOffline(true));

        assertThat(offline.open(HubRepoId.parse(REPO)).require("config.json")).exists();
        assertThatThrownBy(() -> offline.open(HubRepoId.parse(REPO)).require("model.safetensors"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("HF_HUB_OFFLINE").hasMessageContaining("model.safetensors")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.OFFLINE_NOT_CACHED);
        assertThatThrownBy(() -> offline.open(HubRepoId.parse("acme/never-fetched")).require("config.json"))
                .hasMessageContaining("never resolved");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void withoutNetworkTheCacheAnswersAndAnUncachedFileIsATypedError() throws IOException {
        open(REPO).require("config.json");
        HubSettings unreachable = new HubSettings(cacheDir, closedPort(), Optional.empty(), false, Duration.ofSeconds(2), 1);
        HuggingFaceHub down = new HuggingFaceHub(unreachable);

        assertThat(Files.readAllBytes(down.open(HubRepoId.parse(REPO)).require("config.json"))).isEqualTo(CONFIG);
        assertThatThrownBy(() -> down.open(HubRepoId.parse(REPO)).require("model.safetensors"))
                .isInstanceOf(HubException.class).hasMessageContaining("cannot reach")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.NO_NETWORK);
    }

    @Test
    void aMissingOptionalFileIsRememberedInNoExist() {
        HubSnapshot s = open(REPO);
        assertThat(s.optional("generation_config.json")).isEmpty();
        assertThat(repoDir().resolve(".no_exist").resolve(commit).resolve("generation_config.json")).exists();

        HuggingFaceHub offline = new HuggingFaceHub(settings(Optional.empty()).withOffline(true));
        assertThat(offline.open(HubRepoId.parse(REPO)).optional("generation_config.json")).isEmpty();
        assertThatThrownBy(() -> s.require("generation_config.json"))
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.FILE_NOT_FOUND);
    }

    @Test
    void unknownRepositoryAndRevisionAreTypedErrors() {
        assertThatThrownBy(() -> open("acme/nothing-here").require("config.json"))
                .isInstanceOf(HubException.class).hasMessageContaining("acme/nothing-here").hasMessageContaining("HF_TOKEN")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.REPOSITORY_NOT_FOUND);
        assertThatThrownBy(() -> open(REPO + "@v9").require("config.json"))
                .hasMessageContaining("v9")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.REVISION_NOT_FOUND);
    }

    @Test
    void privateRepositoryNeedsTheToken() throws IOException {
        hub.makePrivate(REPO, "secret");
        assertThatThrownBy(() -> open(REPO).require("config.json"))
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.REPOSITORY_NOT_FOUND);
        HuggingFaceHub wrong = new HuggingFaceHub(settings(Optional.of("wrong")));
        assertThatThrownBy(() -> wrong.open(HubRepoId.parse(REPO)).require("config.json"))
                .hasMessageContaining("token in HF_TOKEN has no access");

        HuggingFaceHub withToken = new HuggingFaceHub(settings(Optional.of("secret")));
        assertThat(Files.readAllBytes(withToken.open(HubRepoId.parse(REPO)).require("model.safetensors"))).isEqualTo(WEIGHTS);
        // the token goes to the hub, never to the CDN it redirects to
        assertThat(hub.requests()).filteredOn(r -> r.path().startsWith("/cdn/")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isNull());
        assertThat(hub.requests()).filteredOn(r -> r.path().contains("/resolve/") && r.authorization() != null)
                .allSatisfy(r -> assertThat(r.authorization()).isIn("Bearer secret", "Bearer wrong"));
    }

    @Test
    void gatedRepositorySaysWhereToAcceptTheConditions() {
        hub.gate(REPO, "ok");
        assertThatThrownBy(() -> open(REPO).require("config.json"))
                .isInstanceOf(HubException.class).hasMessageContaining("gated")
                .hasMessageContaining(hub.endpoint() + "/" + REPO)
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.GATED_REPOSITORY);
        assertThat(new HuggingFaceHub(settings(Optional.of("ok"))).open(HubRepoId.parse(REPO)).require("config.json")).exists();
    }

    @Test
    void renamedRepositoryIsFollowedThroughTheRelativeRedirect() throws IOException {
        hub.rename("acme/old-name", REPO);
        Path p = open("acme/old-name").require("config.json");
        assertThat(Files.readAllBytes(p)).isEqualTo(CONFIG);
        assertThat(p).startsWith(cacheDir.resolve("models--acme--old-name")); // cached under the id asked for, as huggingface_hub does
    }

    @Test
    void aConnectionCutMidFileIsResumedWithRange() throws IOException {
        hub.cutConnection(REPO, "model.safetensors", 120_000, 1);

        Path p = open(REPO).require("model.safetensors");

        assertThat(Files.readAllBytes(p)).isEqualTo(WEIGHTS);
        List<String> ranges = hub.requests().stream().filter(r -> r.path().startsWith("/cdn/")).map(FakeHub.Request::range).toList();
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isNull();
        assertThat(ranges.get(1)).matches("bytes=\\d+-").isNotEqualTo("bytes=0-");
        assertThat(repoDir().resolve("blobs").resolve(FakeHub.sha256(WEIGHTS) + ".incomplete")).doesNotExist();
    }

    @Test
    void aDownloadThatKeepsFailingLeavesOnlyTheIncompleteFileAndResumesNextTime() throws IOException {
        hub.cutConnection(REPO, "model.safetensors", 120_000, 100);
        Path incomplete = repoDir().resolve("blobs").resolve(FakeHub.sha256(WEIGHTS) + ".incomplete");

        assertThatThrownBy(() -> open(REPO).require("model.safetensors"))
                .isInstanceOf(HubException.class).hasMessageContaining("kept to resume")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.DOWNLOAD_FAILED);
        assertThat(incomplete).exists();
        long partial = Files.size(incomplete);
        assertThat(partial).isPositive().isLessThan(WEIGHTS.length);
        assertThat(repoDir().resolve("blobs").resolve(FakeHub.sha256(WEIGHTS))).doesNotExist();
        assertThat(repoDir().resolve("snapshots").resolve(commit).resolve("model.safetensors")).doesNotExist();

        hub.cutConnection(REPO, "model.safetensors", 0, 0);
        hub.clearRequests();
        Path p = open(REPO).require("model.safetensors");
        assertThat(Files.readAllBytes(p)).isEqualTo(WEIGHTS);
        assertThat(hub.requests()).filteredOn(r -> r.path().startsWith("/cdn/")).extracting(FakeHub.Request::range)
                .containsExactly("bytes=" + partial + "-");
        assertThat(incomplete).doesNotExist();
    }

    @Test
    void aStalledServerIsGivenUpOnAfterTheTimeoutAndTheDownloadResumed() throws IOException {
        hub.stall(REPO, "model.safetensors", 50_000, 20_000, 1); // silent far longer than the timeout
        HubSettings quick = new HubSettings(cacheDir, hub.endpoint(), Optional.empty(), false, Duration.ofMillis(700), 2);

        long start = System.nanoTime();
        Path p = new HuggingFaceHub(quick).open(HubRepoId.parse(REPO)).require("model.safetensors");

        assertThat(Files.readAllBytes(p)).isEqualTo(WEIGHTS);
        assertThat(hub.requests()).filteredOn(r -> r.path().startsWith("/cdn/")).extracting(FakeHub.Request::range)
                .containsExactly(null, "bytes=50000-");
        // without the watchdog the call would wait out the whole silence: not a speed check, a hang check
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gave up on the silent answer before it ended")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aFileLongerThanAnnouncedIsDeletedNotKept() {
        hub.lieAboutSize(REPO, "model.safetensors", -10);
        assertThatThrownBy(() -> open(REPO).require("model.safetensors"))
                .isInstanceOf(HubException.class).hasMessageContaining("received " + WEIGHTS.length)
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.DOWNLOAD_FAILED);
        assertThat(repoDir().resolve("blobs")).isEmptyDirectory();
        assertThat(repoDir().resolve("snapshots").resolve(commit).resolve("model.safetensors")).doesNotExist();
    }

    @Test
    void aFileShorterThanAnnouncedNeverBecomesAFinishedFile() {
        hub.lieAboutSize(REPO, "config.json", 10);
        assertThatThrownBy(() -> open(REPO).require("config.json"))
                .isInstanceOf(HubException.class).hasMessageContaining("stopped at " + CONFIG.length)
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.DOWNLOAD_FAILED);
        assertThat(repoDir().resolve("blobs").resolve(FakeHub.gitSha1(CONFIG))).doesNotExist();
        assertThat(repoDir().resolve("snapshots").resolve(commit).resolve("config.json")).doesNotExist();
    }

    @Test
    void bytesThatDoNotMatchTheLfsChecksumAreRejected() {
        byte[] wrong = WEIGHTS.clone();
        wrong[1234] ^= 1;
        hub.corruptCdn(REPO, "model.safetensors", wrong);
        assertThatThrownBy(() -> open(REPO).require("model.safetensors"))
                .isInstanceOf(HubException.class).hasMessageContaining("sha256")
                .extracting(e -> ((HubException) e).kind()).isEqualTo(Kind.DOWNLOAD_FAILED);
        assertThat(repoDir().resolve("blobs")).isEmptyDirectory();
    }

    @Test
    void concurrentRequestsForOneFileDownloadItOnce() throws Exception {
        HuggingFaceHub shared = new HuggingFaceHub(settings(Optional.empty()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Path> task = () -> shared.open(HubRepoId.parse(REPO)).require("model.safetensors");
                results.add(pool.submit(task));
            }
            for (Future<Path> f : results) {
                assertThat(Files.readAllBytes(f.get())).isEqualTo(WEIGHTS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.requests()).filteredOn(r -> r.path().startsWith("/cdn/")).hasSize(1);
    }

    @Test
    void readsACacheLaidOutByHuggingFaceHub() throws IOException {
        // as huggingface_hub leaves it after hf_hub_download(..., revision="v1.0"): a tag ref, blobs, relative links
        String tagged = "0123456789abcdef0123456789abcdef01234567";
        Path repo = cacheDir.resolve("models--openai--whisper-tiny");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/v1.0"), tagged); // no newline, as Python writes it
        Path blob = Files.createDirectories(repo.resolve("blobs")).resolve("a3c5f1e0b2d4");
        Files.write(blob, CONFIG);
        Path snap = Files.createDirectories(repo.resolve("snapshots").resolve(tagged).resolve("sub"));
        Files.createSymbolicLink(snap.getParent().resolve("config.json"), Path.of("../../blobs/a3c5f1e0b2d4"));
        Files.createSymbolicLink(snap.resolve("nested.json"), Path.of("../../../blobs/a3c5f1e0b2d4"));
        Files.createDirectories(repo.resolve(".no_exist").resolve(tagged));
        Files.createFile(repo.resolve(".no_exist").resolve(tagged).resolve("generation_config.json"));

        HuggingFaceHub offline = new HuggingFaceHub(settings(Optional.empty()).withOffline(true));
        HubSnapshot s = offline.open(HubRepoId.parse("openai/whisper-tiny@v1.0"));
        assertThat(Files.readAllBytes(s.require("config.json"))).isEqualTo(CONFIG);
        assertThat(Files.readAllBytes(s.require("sub/nested.json"))).isEqualTo(CONFIG);
        assertThat(s.optional("generation_config.json")).isEmpty();
        assertThat(s.dir()).isEqualTo(repo.resolve("snapshots").resolve(tagged));
        assertThatThrownBy(() -> offline.open(HubRepoId.parse("openai/whisper-tiny")).require("config.json"))
                .hasMessageContaining("'main' was never resolved");
    }

    @Test
    void namesFromTheCommandLineOrTheNetworkCannotLeaveTheCache() {
        assertThatThrownBy(() -> HubRepoId.parse("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HubRepoId.parse("a--b/c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HubRepoId.parse("acme/x@../../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> open(REPO).require("../../outside.json"))
                .isInstanceOf(HubException.class).hasMessageContaining("leaves");
        assertThat(HubRepoId.parse("openai/whisper-small@refs/pr/1").revision()).isEqualTo("refs/pr/1");
        assertThat(HubRepoId.looksLikeId("openai/whisper-small")).isTrue();
        assertThat(HubRepoId.looksLikeId("whisper-small")).isFalse();
        assertThat(HubRepoId.looksLikeId("/models/whisper")).isFalse();
    }

    @Test
    void settingsFollowHuggingFaceHubsEnvironmentVariables() throws IOException {
        Path home = cacheDir.resolve("home");
        HubSettings defaults = HubSettings.fromEnvironment(Map.of(), home);
        assertThat(defaults.cacheDir()).isEqualTo(home.resolve(".cache/huggingface/hub"));
        assertThat(defaults.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
        assertThat(defaults.offline()).isFalse();
        assertThat(defaults.token()).isEmpty();

        assertThat(HubSettings.fromEnvironment(Map.of("HF_HOME", "/hf"), home).cacheDir()).isEqualTo(Path.of("/hf/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), home).cacheDir())
                .isEqualTo(Path.of("/xdg/huggingface/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HOME", "/hf", "HF_HUB_CACHE", "/c"), home).cacheDir())
                .isEqualTo(Path.of("/c"));
        assertThat(HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "http://mirror:8080/"), home).endpoint())
                .isEqualTo(URI.create("http://mirror:8080"));
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", "1"), home).offline()).isTrue();
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_OFFLINE", "0"), home).offline()).isFalse();
        assertThat(HubSettings.fromEnvironment(Map.of("TRANSFORMERS_OFFLINE", "yes"), home).offline()).isTrue();
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_x"), home).token()).contains("hf_x");
        Path tokenFile = Files.createDirectories(home.resolve(".cache/huggingface")).resolve("token");
        Files.writeString(tokenFile, "hf_saved\n");
        HubSettings saved = HubSettings.fromEnvironment(Map.of(), home);
        assertThat(saved.token()).contains("hf_saved");
        assertThat(saved.toString()).doesNotContain("hf_saved");
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

}
