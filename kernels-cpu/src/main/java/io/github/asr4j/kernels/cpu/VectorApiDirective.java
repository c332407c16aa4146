package io.github.asr4j.kernels.cpu;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Adds, once per JVM and at run time, the HotSpot compiler directive the {@code asr4j} launcher passes
 * with {@code -XX:CompilerDirectivesFile} ({@code tools/c2-directives.json} says why): C2 never compiles a
 * Vector-API method as a method of its own, only inlined into the kernels that call it. An application
 * that embeds the library starts its JVM without that file, and there C2's compiles of the kernels
 * vary from JVM to JVM: in about a third of them the 5-row F16 part kernel compiled to 22 KB instead
 * of 7 KB and ran a third slower (docs/notes/2026-12-05g-fc2k.md). Added through the JVM's diagnostic
 * command bean (the API behind {@code jcmd Compiler.directives_add}), which needs no JVM option; it costs
 * ~0.1 s once, the platform bean server's start (measured in a fresh JVM), while the model loads.
 *
 * <p>Left out where the JVM was given a directives file (the launcher's, or the user's), where
 * {@code -Dasr4j.jit.directive=false}, and where the bean is not there (another JVM, a runtime image
 * without {@code java.management}): the kernels' results are the same either way, only their speed varies.
 */
final class VectorApiDirective {
    private static final System.Logger LOG = System.getLogger(VectorApiDirective.class.getName());
    static final String PROPERTY = "asr4j.jit.directive";
    static final String DIRECTIVE =
            "[{ match: [\"jdk/incubator/vector/*.*\", \"jdk/internal/vm/vector/*.*\"], c2: { Exclude: true } }]";
    private static final AtomicBoolean TRIED = new AtomicBoolean();

    private VectorApiDirective() {}

    /** Adds the directive unless done already or left out (see the class comment); never throws. */
    static void addOnce() {
        if (!TRIED.compareAndSet(false, true) || "false".equals(System.getProperty(PROPERTY))) {
            return;
        }
        try {
            if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .anyMatch(a -> a.startsWith("-XX:CompilerDirectivesFile"))) {
                return;
            }
            Path file = Files.createTempFile("asr4j-c2-", ".json");
            try {
                Files.writeString(file, DIRECTIVE);
                Object reply = ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                        new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
                LOG.log(System.Logger.Level.DEBUG, () -> "C2 directive for the Vector API: " + String.valueOf(reply).strip());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (JMException | IOException | RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "C2 directive for the Vector API not added: " + e);
        }
    }
}
