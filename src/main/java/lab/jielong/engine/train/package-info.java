/**
 * Training: the loop ({@link lab.jielong.engine.train.Trainer}: batch, forward + backward on each
 * thread's share, gradients summed, clipped, AdamW; a typed {@link lab.jielong.engine.train.Trainer.StepEvent}
 * after every step, cooperative cancellation between steps), its one validated configuration
 * ({@link lab.jielong.engine.train.TrainConfig}: the reference recipe, AdamW's settings and the learning-rate
 * schedule), the optimizer ({@link lab.jielong.engine.train.AdamW}, one loop over the flat parameter array)
 * and the CLI's progress line ({@link lab.jielong.engine.train.ProgressLine}, one consumer of the events).
 * Read in that order after the core {@link lab.jielong.engine}; dimensions as in its legend.
 */
package lab.jielong.engine.train;
