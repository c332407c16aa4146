/** Byte-level BPE tokenizers (Hugging Face {@code tokenizer.json} or {@code vocab.json} + {@code merges.txt}) and Whisper's special tokens. */
module io.github.asr4j.tokenizer {
    requires com.fasterxml.jackson.databind;

    exports io.github.asr4j.tokenizer;
}
