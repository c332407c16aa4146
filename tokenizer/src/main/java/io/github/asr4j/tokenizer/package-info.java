/**
 * Byte-level BPE tokenization for Whisper and Qwen-style models, read from Hugging Face tokenizer folders.
 *
 * <p>{@link io.github.asr4j.tokenizer.BpeTokenizer} encodes and decodes; {@link
 * io.github.asr4j.tokenizer.WhisperTokenizer} names Whisper's control tokens and builds decoder prompts.
 * Both are checked against the goldens in {@code shared/testdata/tokenizers}.
 */
package io.github.asr4j.tokenizer;
