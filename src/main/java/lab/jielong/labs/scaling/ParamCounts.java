package lab.jielong.labs.scaling;

import lab.jielong.engine.ModelConfig;
import lab.jielong.engine.ParameterLayout;

/**
 * A model's parameter count three ways (see {@link Counting}), read off the engine's own
 * {@link ParameterLayout}, so the counts follow the tensors the engine really allocates.
 */
public record ParamCounts(long all, long nonEmbedding, long matrices) {

    public static ParamCounts of(ModelConfig config) {
        ParameterLayout layout = new ParameterLayout(config);
        long embeddings = layout.group("wte").size() + layout.group("wpe").size();
        long matrices = layout.group("qkvw").size() + layout.group("attprojw").size()
                + layout.group("fcw").size() + layout.group("fcprojw").size();
        return new ParamCounts(layout.size, layout.size - embeddings, matrices);
    }

    public long get(Counting counting) {
        return switch (counting) {
            case ALL -> all;
            case NON_EMBEDDING -> nonEmbedding;
            case MATRICES -> matrices;
        };
    }

    /** Share of all parameters that are embeddings (token table + positions). */
    public double embeddingShare() {
        return 1.0 - (double) nonEmbedding / all;
    }
}
