/**
 * The transformer itself, in plain Java (no Spring, no Vaadin): a character-level GPT, its layers, one
 * training pass and one inference session over them, and the kernels underneath. Sub-packages build on
 * it: {@link lab.jielong.engine.train} (the training loop), {@link lab.jielong.engine.decode} (turning
 * next-token distributions into answers), {@link lab.jielong.engine.io} (checkpoint files, the shipped
 * models) and {@link lab.jielong.engine.eval} (the quality metrics).
 *
 * <h2>Dimensions (one legend, used in every shape comment)</h2>
 * <pre>
 *  B   batch: sequences in one pass            V   vocabulary (5 special tokens + characters)
 *  T   time: positions in a sequence           L   layers (transformer blocks)
 *  C   channels: d_model                       NH  attention heads
 *  hs  head size = C / NH                      F   d_ff, the MLP's hidden width
 *  N   rows of a batch = B·T
 * </pre>
 * A shape such as {@code (L, B, T, 3C)} is a flat {@code float[]}, row-major, last index fastest.
 *
 * <h2>Words</h2>
 * The <em>decoder</em> is the model with the causal mask (position t sees tokens 0..t); the
 * <em>peeking model</em> is the same model trained without it, every position seeing the whole sequence
 * ({@code ModelConfig.causal} false). Nothing else differs.
 *
 * <h2>Reading order</h2>
 * <ol>
 *   <li>{@link lab.jielong.engine.ModelConfig}: the shape of one model.</li>
 *   <li>{@link lab.jielong.engine.ParameterLayout}: every parameter in one flat array, with named offsets.</li>
 *   <li>{@link lab.jielong.engine.Gpt}: configuration + parameters, initialisation, FLOP counts.</li>
 *   <li>{@link lab.jielong.engine.Slice} and {@link lab.jielong.engine.Weights}: how a layer is handed its
 *       tensors (an array and an offset) and its parameters (as stored; transposed for inference, in panels for training's forward).</li>
 *   <li>{@link lab.jielong.engine.Layers}: each layer's forward beside its backward: embedding, LayerNorm,
 *       linear, GELU, attention, residual, cross-entropy. The one forward of every layer.</li>
 *   <li>{@link lab.jielong.engine.TrainingPass}: the model's forward over a batch with every activation kept,
 *       and the backward walking it in reverse.</li>
 *   <li>{@link lab.jielong.engine.InferenceSession}: the same forward for one conversation, only the new
 *       positions, with a KV cache.</li>
 *   <li>{@link lab.jielong.engine.Attention}, {@link lab.jielong.engine.StepCost},
 *       {@link lab.jielong.engine.Snowball}: what inference shows and costs (the snowball: each step with
 *       the KV cache and recomputing everything, their closed-form FLOP counts, and the earlier positions'
 *       hidden states once a token is appended, unchanged in the decoder, changed in the peeking model).</li>
 *   <li>Kernels, read when the numbers matter: {@link lab.jielong.engine.Gemm} (matrix products),
 *       {@link lab.jielong.engine.VecMath} (element-wise maths), {@link lab.jielong.engine.Parallel}
 *       (worker threads). Each fast kernel has a plain twin the tests hold it to.</li>
 * </ol>
 * Then {@code train}, {@code decode}, {@code io}, {@code eval}, in that order.
 */
package lab.jielong.engine;
