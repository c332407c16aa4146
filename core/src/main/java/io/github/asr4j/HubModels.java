package io.github.asr4j;

import io.github.asr4j.loader.SafeTensors;
import io.github.asr4j.loader.hub.HubRepoId;
import io.github.asr4j.loader.hub.HubSnapshot;
import io.github.asr4j.loader.hub.HuggingFaceHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a model name into a folder: a local folder as it is, or a Hugging Face id
 * ({@code org/name[@revision]}) into its snapshot in the hub cache, fetching exactly the files a
 * Whisper checkpoint needs (the hub layer itself knows nothing of models).
 */
final class HubModels {
    /** Read when present, never required. */
    private static final List<String> OPTIONAL = List.of("generation_config.json");
    /** The files beside {@code vocab.json} + {@code merges.txt} that the BPE loader reads when there is no {@code tokenizer.json}. */
    private static final List<String> SLOW_TOKENIZER_EXTRAS = List.of("added_tokens.json", "special_tokens_map.json",
            "tokenizer_config.json");

    private HubModels() {}

    /**
     * {@code model} as a local folder when one exists by that name, otherwise as a hub id.
     *
     * @throws ModelNotFoundException when it is neither
     * @throws io.github.asr4j.loader.hub.HubException when the hub or cache cannot provide the files
     */
    static Path locate(String model, HuggingFaceHub hub) {
        Path local = Path.of(model);
        if (Files.isDirectory(local)) {
            return local;
        }
        if (!HubRepoId.looksLikeId(model)) {
            throw new ModelNotFoundException(local);
        }
        return fetch(hub.open(HubRepoId.parse(model)));
    }

    /** Fetches config, weights (single or every shard), generation config and tokenizer; returns the snapshot folder. */
    static Path fetch(HubSnapshot s) {
        s.require("config.json");
        OPTIONAL.forEach(s::optional);
        if (s.optional(SafeTensors.SINGLE_FILE).isEmpty()) {
            Path index = s.optional(SafeTensors.SHARD_INDEX).orElseThrow(() -> new ModelNotFoundException(s.id()
                    + " has no " + SafeTensors.SINGLE_FILE + " and no " + SafeTensors.SHARD_INDEX
                    + ": asr4j reads safetensors weights (pick a revision or a repository that has them)"));
            SafeTensors.shardFileNames(index).forEach(s::require);
        }
        if (s.optional("tokenizer.json").isEmpty()) {
            s.require("vocab.json");
            s.require("merges.txt");
            SLOW_TOKENIZER_EXTRAS.forEach(s::optional);
        }
        return s.dir();
    }
}
