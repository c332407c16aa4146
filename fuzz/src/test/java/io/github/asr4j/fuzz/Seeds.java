package io.github.asr4j.fuzz;

import io.github.asr4j.testkit.SharedData;
import java.nio.file.Path;

/** Shared files the targets need besides the fuzzed input. */
public final class Seeds {
    private Seeds() {}

    /** The mini checkpoint's config.json: the model generation_config.json inputs are checked against. */
    public static final Path MINI_CONFIG = SharedData.require("models/mini/config.json");
}
