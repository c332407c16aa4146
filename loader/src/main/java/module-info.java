/** Memory-mapped safetensors (single or sharded), their writer, and a model folder's JSON configuration. */
module io.github.asr4j.loader {
    requires com.fasterxml.jackson.databind;

    exports io.github.asr4j.loader;
}
