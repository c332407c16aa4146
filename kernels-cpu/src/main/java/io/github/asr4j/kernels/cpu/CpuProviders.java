package io.github.asr4j.kernels.cpu;

import io.github.asr4j.kernels.Backend;
import io.github.asr4j.kernels.BackendProvider;
import io.github.asr4j.kernels.Backends;
import io.github.asr4j.kernels.WeightFormat;
import java.lang.reflect.InvocationTargetException;

/**
 * The CPU backends as {@link BackendProvider}s: {@code cpu-vector} (the Vector API kernels, where
 * the JVM has {@code jdk.incubator.vector}), {@code cpu-scalar} (plain Java) and {@code cpu}, which
 * is the first where it can be and the second otherwise, saying which in one log line.
 */
public final class CpuProviders {
    private static final System.Logger LOG = System.getLogger(Backends.class.getName());
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** Named, not referenced, so the fallback path never loads a class that needs the module. */
    private static final String VECTOR_BACKEND = "io.github.asr4j.kernels.cpu.VectorBackend";

    private CpuProviders() {}

    /** {@code cpu}: the best CPU backend of this JVM. */
    public static final class Cpu implements BackendProvider {
        @Override
        public String name() {
            return "cpu";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public Backend create(int threads, WeightFormat format) {
            String why;
            if (Backends.vectorModulePresent()) {
                try {
                    Backend b = vector(threads, format);
                    LOG.log(System.Logger.Level.INFO, "using " + b.name() + ": module " + VECTOR_MODULE + " is present");
                    return b;
                } catch (RuntimeException | LinkageError e) {
                    why = "module " + VECTOR_MODULE + " is present but unusable here (" + e + ")";
                }
            } else {
                why = "module " + VECTOR_MODULE + " is not in the boot layer (start the JVM with --add-modules "
                        + VECTOR_MODULE + " for SIMD kernels)";
            }
            Backend b = new ScalarBackend(threads, format);
            LOG.log(System.Logger.Level.INFO, "using " + b.name() + ": " + why);
            return b;
        }
    }

    /** {@code cpu-scalar}: plain Java, everywhere. */
    public static final class Scalar implements BackendProvider {
        @Override
        public String name() {
            return "cpu-scalar";
        }

        @Override
        public int priority() {
            return -2;
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public Backend create(int threads, WeightFormat format) {
            return new ScalarBackend(threads, format);
        }
    }

    /** {@code cpu-vector}: the Vector API kernels, where the module is present. */
    public static final class Vector implements BackendProvider {
        @Override
        public String name() {
            return "cpu-vector";
        }

        @Override
        public int priority() {
            return -1;
        }

        @Override
        public String unavailableReason() {
            return Backends.vectorModulePresent() ? null : "it needs the JVM option --add-modules " + VECTOR_MODULE;
        }

        @Override
        public Backend create(int threads, WeightFormat format) {
            if (unavailableReason() != null) {
                throw new IllegalStateException("the vector backend needs the JVM option --add-modules " + VECTOR_MODULE);
            }
            return vector(threads, format);
        }
    }

    private static Backend vector(int threads, WeightFormat format) {
        try {
            return (Backend) Class.forName(VECTOR_BACKEND).getConstructor(int.class, WeightFormat.class).newInstance(threads, format);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot create the vector backend", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the vector backend", e);
        }
    }
}
