/**
 * 成语接龙 rules as plain domain classes (no Spring, no Vaadin).
 *
 * <p>{@link lab.jielong.game.ChainRules} (one per corpus, shared) knows what may follow what in each
 * {@link lab.jielong.game.MatchMode}, continuation counts and dead ends, and how each
 * {@link lab.jielong.game.Difficulty} weighs candidates (easy keeps the game going, hard warms up fairly and
 * then traps; {@link lab.jielong.game.ChainRules#preference}). {@link lab.jielong.game.Game} (one per tab)
 * plays moves, keeps the history and the {@link lab.jielong.game.Score}, decides the
 * {@link lab.jielong.game.Outcome}, and saves itself as a short string with its seed; an opening nothing
 * could follow is refused ({@code move.rejected.NO_CONTINUATION.<mode>}). The computer's choice is a
 * {@link lab.jielong.game.ComputerPlayer}: {@link lab.jielong.game.BestCandidatePlayer} without a model,
 * the decoder-backed one in the play service.
 *
 * <h2>Messages the UI words (zh / en)</h2>
 * Nothing here is a sentence; rejections and outcomes carry a key and arguments
 * ({@link lab.jielong.game.Rejection#messageKey()}, {@link lab.jielong.game.Outcome#messageKey()}); the wording
 * lives in {@code src/main/resources/vaadin-i18n/translations_zh.properties} and {@code translations_en.properties}.
 * In the syllable modes {0} of DEAD_END / EXHAUSTED is a syllable ("rang"): the UI may say 读音 / "the sound".
 * Other keys: {@code mode.<MatchMode>} (同字 / 同音 / 同音同调), {@code difficulty.<Difficulty>} (易 / 难),
 * {@code side.<Side>} (你 / 模型). Input problems can reuse the corpus's {@code input.<InputProblem>} keys.
 */
package lab.jielong.game;
