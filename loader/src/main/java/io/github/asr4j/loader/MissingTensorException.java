package io.github.asr4j.loader;

import java.nio.file.Path;

/** A tensor a model needs is not in its checkpoint. */
public class MissingTensorException extends SafeTensorsException {
    private final String tensorName;

    public MissingTensorException(Path file, String tensorName) {
        super(file, "no tensor named '" + tensorName + "'");
        this.tensorName = tensorName;
    }

    public String tensorName() {
        return tensorName;
    }
}
