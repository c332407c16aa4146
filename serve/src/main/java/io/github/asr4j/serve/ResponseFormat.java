package io.github.asr4j.serve;

import java.util.Locale;

/** OpenAI's {@code response_format} values, with the content type each is served as. */
enum ResponseFormat {
    JSON("application/json"),
    TEXT("text/plain; charset=utf-8"),
    SRT("application/x-subrip; charset=utf-8"),
    VERBOSE_JSON("application/json"),
    VTT("text/vtt; charset=utf-8");

    private final String contentType;

    ResponseFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** @throws ApiError.Failure (400) for a name OpenAI does not define */
    static ResponseFormat parse(String name) {
        for (ResponseFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                return f;
            }
        }
        throw ApiError.invalid("response_format", "unknown response_format '" + name
                + "': expected one of json, text, srt, verbose_json, vtt").failure();
    }
}
