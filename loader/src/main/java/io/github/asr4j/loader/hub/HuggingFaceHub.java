package io.github.asr4j.loader.hub;

/**
 * Files of Hugging Face model repositories, from the local hub cache or downloaded into it. The
 * cache is the one huggingface_hub, transformers and faster-whisper use, so a model fetched by
 * either side is found by the other.
 *
 * <pre>{@code
 * HubSnapshot s = HuggingFaceHub.fromEnvironment().open(HubRepoId.parse("openai/whisper-small"));
 * Path config = s.require("config.json");
 * }</pre>
 *
 * <p>Which files to fetch is the caller's business: this class knows nothing of models.
 * Thread-safe; concurrent downloads of one file (also from other JVMs sharing the cache) are
 * serialised by a lock file.
 */
public final class HuggingFaceHub {
    private final HubSettings settings;
    private final HubClient client;

    /** A hub with these settings (see {@link HubSettings#fromEnvironment()} for the usual ones). */
    public HuggingFaceHub(HubSettings settings) {
        this.settings = settings;
        this.client = new HubClient(settings);
    }

    /** A hub configured by {@code HF_HUB_CACHE}, {@code HF_HOME}, {@code HF_ENDPOINT}, {@code HF_TOKEN} and {@code HF_HUB_OFFLINE}. */
    public static HuggingFaceHub fromEnvironment() {
        return new HuggingFaceHub(HubSettings.fromEnvironment());
    }

    /** The cache folder, endpoint, token and offline switch in use. */
    public HubSettings settings() {
        return settings;
    }

    /** One revision of a repository; nothing is read or fetched until a file is asked for. */
    public HubSnapshot open(HubRepoId id) {
        return new HubSnapshot(id, settings, client, new HubCache(settings.cacheDir(), id));
    }
}
