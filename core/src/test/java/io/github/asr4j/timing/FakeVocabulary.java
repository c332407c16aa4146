package io.github.asr4j.timing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A tiny byte-level vocabulary standing in for Whisper's: each id is a byte string, decoded jointly as
 * UTF-8 with U+FFFD for invalid bytes (as decode_with_timestamps). Ids from 50 are special.
 */
final class FakeVocabulary {
    static final int EOT = 50;
    private static final Map<Integer, byte[]> BYTES = Map.ofEntries(
            Map.entry(0, bytes(" Hello")), Map.entry(1, bytes(",")), Map.entry(2, bytes(" wor")),
            Map.entry(3, bytes("ld")), Map.entry(4, bytes("!")),
            Map.entry(5, new byte[] {' ', (byte) 0xE4, (byte) 0xBD}), // " 你" cut after its second byte
            Map.entry(6, new byte[] {(byte) 0xA0}),
            Map.entry(7, new byte[] {(byte) 0xE5, (byte) 0xA5}), // "好" cut after its second byte
            Map.entry(8, new byte[] {(byte) 0xBD}),
            Map.entry(9, bytes("。")), Map.entry(10, new byte[] {(byte) 0xFF}), Map.entry(11, bytes(" (")),
            Map.entry(12, new byte[] {(byte) 0xE4}), Map.entry(13, bytes(".")), Map.entry(14, bytes(" I")),
            Map.entry(15, bytes(" can")), Map.entry(16, bytes("'t")), Map.entry(17, bytes(" be")),
            Map.entry(18, bytes("lieve")), Map.entry(EOT, bytes("<|endoftext|>")));

    private FakeVocabulary() {}

    static String decode(int[] tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int t : tokens) out.writeBytes(BYTES.get(t));
        return out.toString(StandardCharsets.UTF_8);
    }

    static WordSplitter splitter(String language) {
        return new WordSplitter(FakeVocabulary::decode, EOT, language);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
