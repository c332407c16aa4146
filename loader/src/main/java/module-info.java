/** Memory-mapped safetensors (single or sharded), their writer, a model folder's JSON configuration, and the Hugging Face hub cache. */
module io.github.asr4j.loader {
    requires com.fasterxml.jackson.databind;
    requires java.net.http;                         // Hugging Face hub downloads

    exports io.github.asr4j.loader;
    exports io.github.asr4j.loader.hub;
}
