package io.github.asr4j;

/**
 * One word with its time in the audio, from cross-attention alignment.
 *
 * @param word the word's text, with its leading space and attached punctuation, as openai-whisper gives it
 * @param start seconds from the start of the audio
 * @param end seconds from the start of the audio
 * @param probability the mean probability of the word's tokens
 */
public record Word(String word, double start, double end, double probability) {}
