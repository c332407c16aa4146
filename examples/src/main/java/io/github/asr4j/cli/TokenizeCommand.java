package io.github.asr4j.cli;

import io.github.asr4j.tokenizer.BpeTokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code asr4j tokenize --tokenizer DIR (--encode TEXT | --decode ID,ID,...)}. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Encode text to token ids, or decode ids to text.")
final class TokenizeCommand implements Callable<Integer> {

    @Option(names = "--tokenizer", required = true, paramLabel = "DIR",
            description = "Folder with tokenizer.json, or vocab.json + merges.txt.")
    Path dir;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--encode", paramLabel = "TEXT", description = "Text to encode (special tokens recognised).")
        String encode;

        @Option(names = "--decode", paramLabel = "IDS", split = ",", description = "Comma-separated ids to decode.")
        int[] decode;
    }

    @Override
    public Integer call() {
        BpeTokenizer tokenizer = BpeTokenizer.load(dir);
        if (mode.encode != null) {
            System.out.println(Arrays.stream(tokenizer.encode(mode.encode))
                    .mapToObj(Integer::toString).collect(Collectors.joining(",")));
        } else {
            System.out.println(tokenizer.decode(mode.decode));
        }
        return 0;
    }
}
