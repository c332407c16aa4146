package io.github.asr4j.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of a Hugging Face Whisper model folder, located (not yet read): {@code config.json},
 * the weights ({@code model.safetensors} or a shard index), the optional
 * {@code generation_config.json}, and the tokenizer files that are present.
 *
 * @param dir the folder
 * @param config its {@code config.json}
 * @param generationConfig its {@code generation_config.json}, when present
 * @param weights {@code model.safetensors}, or {@code model.safetensors.index.json} when sharded
 * @param tokenizerFiles those of {@link #TOKENIZER_FILES} that are present, in that order
 */
public record ModelFolder(Path dir, Path config, Optional<Path> generationConfig, Path weights, List<Path> tokenizerFiles) {

    public static final String CONFIG = "config.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    /** The tokenizer files Hugging Face ships with Whisper checkpoints. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "vocab.json", "merges.txt",
            "added_tokens.json", "special_tokens_map.json", "tokenizer_config.json", "normalizer.json");

    /** @throws ConfigException listing everything required that is missing */
    public static ModelFolder of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir, "not a folder; expected a Hugging Face Whisper model folder");
        }
        List<String> missing = new ArrayList<>();
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            missing.add(CONFIG);
        }
        Path single = dir.resolve(SafeTensors.SINGLE_FILE);
        Path index = dir.resolve(SafeTensors.SHARD_INDEX);
        Path weights = Files.isRegularFile(single) ? single : Files.isRegularFile(index) ? index : null;
        if (weights == null) {
            missing.add(SafeTensors.SINGLE_FILE + " (or " + SafeTensors.SHARD_INDEX + ")");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(dir, "no " + String.join(", no ", missing) + " in " + dir
                    + "; expected a Hugging Face Whisper folder");
        }
        Path gen = dir.resolve(GENERATION_CONFIG);
        List<Path> tokenizer = TOKENIZER_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
        return new ModelFolder(dir, config, Files.isRegularFile(gen) ? Optional.of(gen) : Optional.empty(), weights, tokenizer);
    }

    /** Whether the weights are split over shards listed by an index. */
    public boolean isSharded() {
        return weights.getFileName().toString().equals(SafeTensors.SHARD_INDEX);
    }

    /** Reads {@code config.json}. */
    public ModelConfig modelConfig() {
        return ModelConfig.read(config);
    }

    /** Reads {@code generation_config.json} (checked against the model), or the model's defaults when absent. */
    public GenerationConfig generationConfig(ModelConfig model) {
        return generationConfig.map(p -> GenerationConfig.read(p, model).checkAgainst(model, p))
                .orElseGet(() -> GenerationConfig.defaults(model));
    }

    /** Maps the weights; the caller closes them. */
    public SafeTensors openWeights() {
        return SafeTensors.openFolder(dir);
    }

    /** The tokenizer file of this name, when present. */
    public Optional<Path> tokenizerFile(String name) {
        Path p = dir.resolve(name);
        return tokenizerFiles.contains(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Whether a byte-level BPE tokenizer can be built: {@code tokenizer.json}, or {@code vocab.json}
     * with {@code merges.txt}.
     */
    public boolean hasTokenizer() {
        return tokenizerFile("tokenizer.json").isPresent()
                || (tokenizerFile("vocab.json").isPresent() && tokenizerFile("merges.txt").isPresent());
    }

    /** @throws ConfigException naming the files looked for when {@link #hasTokenizer()} is false */
    public ModelFolder requireTokenizer() {
        if (!hasTokenizer()) {
            throw new ConfigException(dir, "no tokenizer in " + dir + ": looked for tokenizer.json, or vocab.json with merges.txt");
        }
        return this;
    }
}
