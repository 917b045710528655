package lab.jielong.models;

/**
 * A shipped model file that cannot be used: missing, corrupt, or not what the pages need. Stops start-up;
 * {@link ModelFailureAnalyzer} turns it into a short report naming the file and the problem.
 */
public final class ShippedModelException extends RuntimeException {

    private final String file;
    private final String problem;

    ShippedModelException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file, e.g. {@code classpath:/models/decoder.ckpt}. */
    public String file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
