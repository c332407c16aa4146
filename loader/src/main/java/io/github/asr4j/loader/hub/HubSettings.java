package io.github.asr4j.loader.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Hugging Face cache is and how the hub is reached, read from the same environment
 * variables as huggingface_hub so both share one cache.
 *
 * @param cacheDir the hub cache: {@code $HF_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 *                 {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}
 * @param endpoint {@code $HF_ENDPOINT}, else {@code https://huggingface.co}
 * @param token {@code $HF_TOKEN}, else the token file huggingface_hub's login writes ({@code $HF_TOKEN_PATH} or {@code $HF_HOME/token})
 * @param offline {@code $HF_HUB_OFFLINE} (or {@code $TRANSFORMERS_OFFLINE}) is 1/true/yes/on: the cache only
 * @param timeout how long to wait for the hub to answer, and for the next bytes of a download
 * @param retries how many times a download that stops without progress is resumed before giving up
 */
public record HubSettings(Path cacheDir, URI endpoint, Optional<String> token, boolean offline, Duration timeout,
                          int retries) {
    /** The public hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int DEFAULT_RETRIES = 5;

    /** Checks the retry count and drops a trailing slash from the endpoint. */
    public HubSettings {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        String s = endpoint.toString();
        endpoint = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Settings from this process's environment, as huggingface_hub reads them. */
    public static HubSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Settings from the given environment variables and home folder. */
    public static HubSettings fromEnvironment(Map<String, String> env, Path home) {
        Path hfHome = value(env, "HF_HOME").map(Path::of).orElseGet(() ->
                value(env, "XDG_CACHE_HOME").map(Path::of).orElse(home.resolve(".cache")).resolve("huggingface"));
        Path cache = value(env, "HF_HUB_CACHE").or(() -> value(env, "HUGGINGFACE_HUB_CACHE"))
                .map(Path::of).orElse(hfHome.resolve("hub"));
        URI endpoint = value(env, "HF_ENDPOINT").map(URI::create).orElse(DEFAULT_ENDPOINT);
        Path tokenFile = value(env, "HF_TOKEN_PATH").map(Path::of).orElse(hfHome.resolve("token"));
        Optional<String> token = value(env, "HF_TOKEN").or(() -> readToken(tokenFile));
        boolean offline = value(env, "HF_HUB_OFFLINE").or(() -> value(env, "TRANSFORMERS_OFFLINE"))
                .map(v -> switch (v.toUpperCase(Locale.ROOT)) {
                    case "1", "ON", "YES", "TRUE" -> true;
                    default -> false;
                }).orElse(false);
        return new HubSettings(cache, endpoint, token, offline, DEFAULT_TIMEOUT, DEFAULT_RETRIES);
    }

    /** The same settings with another cache folder. */
    public HubSettings withCacheDir(Path dir) {
        return new HubSettings(dir, endpoint, token, offline, timeout, retries);
    }

    /** The same settings with the network switched off (true) or allowed (false). */
    public HubSettings withOffline(boolean off) {
        return new HubSettings(cacheDir, endpoint, token, off, timeout, retries);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Optional<String> readToken(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable token file is as good as none; the hub will say 401
        }
    }

    @Override
    public String toString() { // never print the token
        return "HubSettings[cacheDir=" + cacheDir + ", endpoint=" + endpoint + ", token="
                + (token.isPresent() ? "set" : "none") + ", offline=" + offline + "]";
    }
}
