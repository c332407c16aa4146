package io.github.asr4j.bench;

import io.github.asr4j.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of the tools jar: {@code asr4j bench}, kept out of the library and the plain
 * command-line jar (it carries the random-checkpoint generator and whisper.cpp's natives). The
 * {@code asr4j} launcher runs it for {@code bench}; errors are reported as the command line does.
 */
@Command(name = "asr4j", mixinStandardHelpOptions = true, version = "asr4j 0.1.0",
        description = "asr4j's benchmark tooling.", subcommands = BenchCommand.class)
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Main.run(new BenchMain(), args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
