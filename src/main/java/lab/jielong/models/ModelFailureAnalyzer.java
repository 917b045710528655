package lab.jielong.models;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up stopped by a shipped model file: says which file and what is wrong with it, and how to get a
 * good one, instead of a page of bean-creation stack trace. Registered in {@code META-INF/spring.factories}.
 */
class ModelFailureAnalyzer extends AbstractFailureAnalyzer<ShippedModelException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ShippedModelException cause) {
        return new FailureAnalysis("The shipped model " + cause.file() + " cannot be used: " + cause.problem(),
                "Restore the file (git checkout src/main/resources/models) or train it again with the jar's "
                        + "train command (see the README: train --model decoder | peeking).",
                cause);
    }
}
