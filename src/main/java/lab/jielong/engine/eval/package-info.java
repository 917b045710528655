/**
 * The quality metrics of the reference ({@code torch_ref.py evaluate}) on the engine:
 * {@link lab.jielong.engine.eval.ModelEvaluation} (free and guided games, next character given three,
 * teacher-forced and honest loss). Read last: it uses the core, {@code decode} and the corpus.
 */
package lab.jielong.engine.eval;
