package org.pfmsim.checkpoint;

/**
 * A checkpoint that is missing, truncated or does not follow the safetensors format. The message is one
 * line naming the file and, when one is at fault, the tensor.
 */
public final class MalformedCheckpointException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedCheckpointException(String message) {
        super(message);
    }

    static MalformedCheckpointException of(String file, String what) {
        return new MalformedCheckpointException("checkpoint " + file + ": " + what);
    }

    static MalformedCheckpointException of(String file, String tensor, String what) {
        return new MalformedCheckpointException("checkpoint " + file + ": tensor " + tensor + ": " + what);
    }
}
