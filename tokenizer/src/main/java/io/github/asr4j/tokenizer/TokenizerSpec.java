package io.github.asr4j.tokenizer;

import java.util.List;
import java.util.Map;

/**
 * What a tokenizer folder says, before ids are resolved: the raw material {@link BpeTokenizer} is built from.
 *
 * @param vocab          byte-level vocabulary string to id; a mutable map of its own, which {@link BpeTokenizer} takes over
 * @param merges         merge pairs in rank order (rank = index)
 * @param addedTokens    tokens matched as whole strings before BPE
 * @param nfc            whether text is NFC-normalised before splitting
 * @param pattern        the pre-tokenizer split regex
 * @param addPrefixSpace whether a space is put before text that does not start with one
 * @param source         the file(s) this came from, for error messages
 */
record TokenizerSpec(
        Map<String, Integer> vocab,
        List<String[]> merges,
        List<AddedToken> addedTokens,
        boolean nfc,
        String pattern,
        boolean addPrefixSpace,
        String source) {}
