package io.github.asr4j;

/**
 * Audio in a format asr4j does not decode itself (MP3, Ogg, MP4/M4A, AIFF, a video container, or
 * content it does not recognise). The transcriber hands such files to ffmpeg when it is on the
 * PATH; this exception reaches the caller only when it is not.
 */
public class UnsupportedAudioFormatException extends AudioFormatException {
    private static final long serialVersionUID = 1L;

    private final String format;

    /**
     * @param message what is wrong and where
     * @param format the format recognised, e.g. "MP3 (MPEG audio)", or null when not recognised
     */
    public UnsupportedAudioFormatException(String message, String format) {
        super(message);
        this.format = format;
    }

    /** The format recognised from the content, or null when it was not recognised. */
    public String format() {
        return format;
    }
}
