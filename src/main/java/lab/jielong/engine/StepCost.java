package lab.jielong.engine;

/**
 * What one inference step cost: positions pushed through the layers, FLOPs (2 per multiply-add),
 * bytes of KV cache held afterwards, and measured wall time. With the cache a decode step
 * computes 1 token; recomputing the prefix computes all of them (the "snowball").
 */
public record StepCost(long tokensComputed, long flops, long kvCacheBytes, long nanos) {

    public double millis() {
        return nanos / 1e6;
    }
}
