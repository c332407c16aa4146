package io.github.asr4j.kernels.cpu;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@code madvise(MADV_NOHUGEPAGE)} on whole pages of a mapped file, where Linux and native access allow it
 * ({@code --enable-native-access}, as the launcher runs; elsewhere nothing is done and nothing is printed).
 *
 * <p>Why ({@link F16Normals#recode}): Linux maps a file's 2 MB page-cache folios with one 2 MB entry. Unloading
 * part of such a folio drops the whole entry, and the next read of the rest of it (a neighbouring tensor still
 * read from the file: the card decoder's cross-attention key and value projections lie between re-encoded
 * matrices) maps the whole folio back, the unloaded pages with it. Advised pages become a mapping of their own,
 * whose ends split the 2 MB ranges they cross, so a neighbour's read maps only 4 KB pages around it (the fault's
 * 64 KB window, within its own mapping).
 */
final class NoHugePages {
    private static final int MADV_NOHUGEPAGE = 15; // Linux, every architecture
    private static final MethodHandle MADVISE = madvise();

    private NoHugePages() {
    }

    /** Whether {@link #advise} can act here. */
    static boolean available() {
        return MADVISE != null;
    }

    /**
     * Advises {@code pages} (a page-aligned slice of a mapped file); whether it was done. Failures are ignored:
     * the advice saves memory, not results.
     */
    static boolean advise(MemorySegment pages) {
        if (MADVISE == null || pages.byteSize() == 0) {
            return false;
        }
        try {
            return (int) MADVISE.invokeExact(MemorySegment.ofAddress(pages.address()), pages.byteSize(),
                    MADV_NOHUGEPAGE) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle madvise() {
        if (!System.getProperty("os.name", "").startsWith("Linux")
                || !NoHugePages.class.getModule().isNativeAccessEnabled()) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("madvise").map(f -> linker.downcallHandle(f, FunctionDescriptor.of(
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
