/**
 * Training: the loop ({@link lab.jielong.engine.train.Trainer}: batch, forward + backward on each
 * thread's share, gradients summed, clipped, AdamW), its one validated configuration
 * ({@link lab.jielong.engine.train.TrainConfig}: the reference recipe and the learning-rate schedule) and
 * the optimizer ({@link lab.jielong.engine.train.AdamW}, one loop over the flat parameter array).
 * Read in that order after the core {@link lab.jielong.engine}; dimensions as in its legend.
 */
package lab.jielong.engine.train;
