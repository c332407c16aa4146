package io.github.asr4j.tokenizer;

import java.util.Objects;

/**
 * A token matched as a whole string before byte-level BPE runs (Hugging Face's "added token").
 *
 * @param id      its id
 * @param content the literal text that stands for it
 * @param special whether {@code skipSpecial} decoding leaves it out
 */
public record AddedToken(int id, String content, boolean special) {
    public AddedToken {
        Objects.requireNonNull(content, "content");
        if (id < 0) {
            throw new IllegalArgumentException("negative id " + id + " for added token " + content);
        }
    }
}
