package io.github.asr4j.serve;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * Reads a request's body up to the size limit and decodes its multipart form with
 * {@link MultipartBody} as the chunks arrive; the next handler finds the form with {@link #form}.
 * A body over the limit fails the request with 413, a malformed one with 400 and a
 * {@link MultipartBody.Malformed} saying what is wrong. A body that is not multipart is read and
 * dropped (its form has no fields and no file). Uploads are deleted when the response ends, or,
 * for a request whose job still reads them ({@link #keepUploadsUntil}), when that job is done too: a
 * client that leaves ends its response at once, while its job stops only at its next step.
 */
final class FormBodyHandler implements Handler<RoutingContext> {
    private static final String FORM = "asr4j.form";
    private static final String USER = "asr4j.uploads-user";
    private static final MultipartBody.Form EMPTY = new MultipartBody.Form(MultiMap.caseInsensitiveMultiMap(), null);

    private final Path uploads;
    private final long maxBytes;

    FormBodyHandler(Path uploads, long maxBytes) {
        this.uploads = uploads;
        this.maxBytes = maxBytes;
    }

    /** Keeps {@code ctx}'s uploads until {@code user} completes (as well as until the response ends). */
    static void keepUploadsUntil(RoutingContext ctx, java.util.concurrent.CompletableFuture<?> user) {
        ctx.put(USER, user);
    }

    /** The form this handler decoded for {@code ctx}. */
    static MultipartBody.Form form(RoutingContext ctx) {
        return ctx.get(FORM);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (declaredLength(request) > maxBytes) {
            ctx.fail(413);
            return;
        }
        String expect = request.getHeader(HttpHeaders.EXPECT);
        if (expect != null) {
            if (!expect.equalsIgnoreCase("100-continue")) {
                ctx.fail(417);
                return;
            }
            if (request.version() != HttpVersion.HTTP_1_0) {
                ctx.response().writeContinue();
            }
        }
        MultipartBody body;
        try {
            String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
            body = MultipartBody.isMultipart(type) ? new MultipartBody(type, uploads) : null;
        } catch (MultipartBody.Malformed e) {
            ctx.fail(400, e);
            return;
        }
        if (body != null) {
            ctx.addEndHandler(done -> {
                java.util.concurrent.CompletableFuture<?> user = ctx.get(USER);
                if (user == null) {
                    body.close();
                } else {
                    user.whenComplete((result, error) -> body.close());
                }
            });
        }
        new Reading(ctx, body).start();
    }

    private static long declaredLength(HttpServerRequest request) {
        try {
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Vert.x's HTTP decoder has already rejected a malformed length
        }
    }

    /** One request's reading; runs on its event loop. */
    private final class Reading {
        private final RoutingContext ctx;
        private final MultipartBody body;
        private long received;
        private boolean failed;

        Reading(RoutingContext ctx, MultipartBody body) {
            this.ctx = ctx;
            this.body = body;
        }

        void start() {
            ctx.request().handler(chunk -> {
                if (failed) {
                    return;
                }
                received += chunk.length();
                if (received > maxBytes) {
                    fail(413, null);
                } else if (body != null) {
                    try {
                        body.offer(chunk.getBytes());
                    } catch (MultipartBody.Malformed e) {
                        fail(400, e);
                    }
                }
            }).endHandler(end -> {
                if (failed) {
                    return;
                }
                MultipartBody.Form form;
                try {
                    form = body == null ? EMPTY : body.finish();
                } catch (MultipartBody.Malformed e) {
                    fail(400, e);
                    return;
                }
                ctx.put(FORM, form);
                ctx.next();
            }).resume();
        }

        private void fail(int status, Throwable why) {
            failed = true;
            if (why == null) {
                ctx.fail(status);
            } else {
                ctx.fail(status, why);
            }
        }
    }
}
