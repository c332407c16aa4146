/**
 * Speed measurements of asr4j (and, side by side, whisper.cpp) on deterministic random checkpoints:
 * the checkpoint generator, per-stage timings, end-to-end real-time factor and peak memory.
 * Used by {@code asr4j bench}; nothing here runs during normal transcription.
 */
package io.github.asr4j.bench;
