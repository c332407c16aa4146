package io.github.asr4j.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class VectorApiDirectiveTest {

    /**
     * The test JVM gets no directives file (the launcher's is not used here), so creating a vector
     * backend must leave the JVM with a directive that keeps C2 off the Vector API's own methods.
     */
    @Test
    void aVectorBackendAddsTheDirectiveToAJvmStartedWithoutOne() throws Exception {
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
                .noneMatch(a -> a.startsWith("-XX:CompilerDirectivesFile"));
        try (VectorBackend b = new VectorBackend(1)) {
            String printed = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()}));
            // The JVM prints each directive as "matching: <patterns>", then its c1 and its c2 settings.
            int at = printed.indexOf("jdk/incubator/vector/*.*");
            assertThat(at).as("directives:%n%s", printed).isNotNegative();
            String directive = printed.substring(at, printed.indexOf("Directive:", at) < 0 ? printed.length()
                    : printed.indexOf("Directive:", at));
            String c2 = directive.substring(directive.indexOf("c2 directives:"));
            assertThat(c2).contains("Exclude:true");
            assertThat(directive.substring(0, directive.indexOf("c2 directives:"))).contains("Exclude:false");
        }
    }
}
