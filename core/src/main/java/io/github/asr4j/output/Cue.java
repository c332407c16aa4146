package io.github.asr4j.output;

/** One subtitle cue with its times already formatted for the target format. */
record Cue(String start, String end, String text) {}
