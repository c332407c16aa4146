package io.github.asr4j.serve;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.asr4j.Task;
import io.github.asr4j.fuzz.Outcomes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The server's body decoding without the socket: fuzzed bytes (the same corpus format as
 * {@link MultipartFuzzTest}, a {@code multipart/form-data} body) fed to {@link MultipartBody} in
 * three chunks, as the event loop feeds a request's chunks, then the form read by
 * {@link TranscriptionForm#read}. It must give a form, a {@link MultipartBody.Malformed} or a
 * field-level {@link ApiError.Failure}; anything else escaping is a finding (in the server it would
 * be a 500 or, escaping into Vert.x, a dropped connection).
 */
class MultipartBodyFuzzTest {
    private static final String CONTENT_TYPE = "multipart/form-data; boundary=" + MultipartFuzzTest.BOUNDARY;
    private static final Path UPLOADS = uploads();

    @FuzzTest
    void decode(byte[] body) {
        Outcomes.expectTyped(() -> {
            try (MultipartBody decoding = new MultipartBody(CONTENT_TYPE, UPLOADS)) {
                int third = body.length / 3;
                decoding.offer(Arrays.copyOfRange(body, 0, third));
                decoding.offer(Arrays.copyOfRange(body, third, 2 * third));
                decoding.offer(Arrays.copyOfRange(body, 2 * third, body.length));
                MultipartBody.Form form = decoding.finish();
                TranscriptionForm.read(form.fields(), form.file(), Task.TRANSCRIBE);
            }
        }, MultipartBody.Malformed.class, ApiError.Failure.class);
    }

    private static Path uploads() {
        try {
            return Files.createTempDirectory("asr4j-fuzz-body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
