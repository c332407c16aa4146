package io.github.asr4j.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One request's {@code multipart/form-data} body, decoded by Netty's multipart decoder as its
 * chunks arrive: the form fields in memory, uploads over 16 KB in files under the uploads folder
 * (deleted by {@link #close()}).
 *
 * <p>The server decodes bodies here instead of letting Vert.x's body handler do it because Vert.x
 * feeds the decoder before any handler sees a chunk and catches only the decoder's declared
 * exceptions: Netty 4.2's decoder also fails with unchecked ones on some malformed part headers
 * (a {@code Content-Disposition} parameter without {@code =} indexes past its split, found by
 * MultipartFuzzTest), which Vert.x turns into a closed connection. Here every failure of the
 * decoder is the client's malformed body: a {@link Malformed} with what is wrong. Not thread-safe;
 * one request's event loop uses it.
 */
final class MultipartBody implements AutoCloseable {
    /** Smaller uploads stay in memory. */
    private static final long IN_MEMORY_BYTES = DefaultHttpDataFactory.MINSIZE;

    private final DefaultHttpDataFactory factory;
    private final HttpPostMultipartRequestDecoder decoder;
    private final Path uploads;
    private Path copiedUpload;
    private long offered;

    /** The body is not a multipart form Netty's decoder accepts. */
    static final class Malformed extends IllegalArgumentException {
        Malformed(String what) {
            super("malformed multipart body: " + what);
        }
    }

    /** The decoded form: its text fields and the {@code file} upload (null when there is none). */
    record Form(MultiMap fields, Path file) {}

    /**
     * @param contentType the request's {@code Content-Type} (must be multipart with a boundary)
     * @throws Malformed when it is not
     */
    MultipartBody(String contentType, Path uploads) {
        this.uploads = uploads;
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        factory = new DefaultHttpDataFactory(IN_MEMORY_BYTES);
        factory.setBaseDir(uploads.toString());
        factory.setDeleteOnExit(false);
        decoder = decoding(() -> new HttpPostMultipartRequestDecoder(factory, request), "its Content-Type");
    }

    /** Whether a request with this {@code Content-Type} has a multipart body. */
    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "multipart/form-data", 0, 19);
    }

    /**
     * Decodes the next chunk of the body.
     *
     * @throws Malformed when the decoder rejects the bytes so far
     */
    void offer(ByteBuf chunk) {
        long at = offered;
        offered += chunk.readableBytes();
        decoding(() -> decoder.offer(new DefaultHttpContent(chunk)),
                "in the bytes " + at + " to " + offered);
    }

    /** {@link #offer(ByteBuf)} for a body held as an array. */
    void offer(byte[] chunk) {
        offer(Unpooled.wrappedBuffer(chunk));
    }

    /**
     * Ends the body and returns its form.
     *
     * @throws Malformed when it ends inside a part or cannot be decoded
     */
    Form finish() {
        decoding(() -> decoder.offer(LastHttpContent.EMPTY_LAST_CONTENT), "at its end");
        if (decoder.currentPartialHttpData() != null) {
            throw new Malformed("the body ends inside a part (no closing boundary)");
        }
        MultiMap fields = MultiMap.caseInsensitiveMultiMap();
        Path file = null;
        for (InterfaceHttpData data : decoding(decoder::getBodyHttpDatas, "at its end")) {
            if (data instanceof Attribute a) {
                fields.add(a.getName(), decoding(a::getValue, "in the field '" + a.getName() + "'"));
            } else if (data instanceof FileUpload u && u.getName().equals("file") && file == null) {
                file = stored(u);
            }
        }
        return new Form(fields, file);
    }

    /** The upload's file: Netty's own when it went to disk, else a copy of its bytes. */
    private Path stored(FileUpload upload) {
        try {
            if (!upload.isInMemory()) {
                return upload.getFile().toPath();
            }
            copiedUpload = Files.createTempFile(uploads, "upload", ".bin");
            Files.write(copiedUpload, upload.get());
            return copiedUpload;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot store the upload in " + uploads + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the uploads and frees the decoder's buffers. */
    @Override
    public void close() {
        decoder.destroy();
        factory.cleanAllHttpData();
        if (copiedUpload != null) {
            copiedUpload.toFile().delete();
        }
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    /**
     * Runs one step of Netty's decoder. Every exception it throws is about the body: its declared
     * ones ({@code ErrorDataDecoderException} and the like) and, for some malformed headers, an
     * unchecked one from its splitting; an I/O failure is the server's own (the uploads folder).
     */
    private static <T> T decoding(Step<T> step, String where) {
        try {
            return step.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot store a part of the body: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new Malformed(where + ": " + reason(e));
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null
                || root.getMessage().equals(root.getCause().toString()))) {
            root = root.getCause();
        }
        if (root instanceof IndexOutOfBoundsException) {
            return "a part header cannot be parsed (a parameter without '=' or a missing value: " + root.getMessage() + ")";
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
