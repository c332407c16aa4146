package io.github.asr4j;

/** What the model is asked to do with speech: write it down, or translate it into English. */
public enum Task {
    TRANSCRIBE("transcribe"),
    TRANSLATE("translate");

    private final String token;

    Task(String token) {
        this.token = token;
    }

    /** The name of the task's special token, {@code <|transcribe|>} without the brackets. */
    public String tokenName() {
        return token;
    }
}
