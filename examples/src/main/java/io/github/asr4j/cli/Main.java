package io.github.asr4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code asr4j} command line: transcribe audio, find speech, dump network values, tokenize text. */
@Command(name = "asr4j", mixinStandardHelpOptions = true, version = "asr4j 0.1.0",
        description = "Pure-Java speech recognition for Whisper-architecture models.",
        subcommands = {TranscribeCommand.class, VadCommand.class, DumpCommand.class, TokenizeCommand.class, ProfileCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Main() {}

    public static void main(String[] args) {
        CliLogging.configure();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failed, 2 usage). */
    public static int run(String... args) {
        return run(new Main(), args);
    }

    /** Runs {@code command} (a picocli command object) as the command line runs its own: same error handling. */
    public static int run(Object command, String... args) {
        CliLogging.warningsOnly();
        return new CommandLine(command)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("asr4j: " + e.getMessage());
                    if (System.getenv("ASR4J_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }

    /** No command given: the usage on stderr and exit code 2, as for any other usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
