/**
 * 成语接龙 rules as plain domain classes (no Spring, no Vaadin).
 *
 * <p>{@link lab.jielong.game.ChainRules} (one per corpus, shared) knows what may follow what in each
 * {@link lab.jielong.game.MatchMode}, continuation counts and dead ends, and how each
 * {@link lab.jielong.game.Difficulty} weighs candidates. {@link lab.jielong.game.Game} (one per session)
 * plays moves, keeps the history and the {@link lab.jielong.game.Score}, decides the
 * {@link lab.jielong.game.Outcome}, and saves itself as a short string. The computer's choice is a
 * {@link lab.jielong.game.ComputerPlayer}: {@link lab.jielong.game.BestCandidatePlayer} without a model,
 * the decoder-backed one in the play service.
 *
 * <h2>Messages the UI words (zh / en)</h2>
 * Nothing here is a sentence; rejections and outcomes carry a key and arguments:
 * <pre>
 * move.rejected.EMPTY                          请输入一个成语。 / Type an idiom first.
 * move.rejected.MARKUP           {0} tag       请不要输入标记 {0}。 / Markup such as {0} is not accepted.
 * move.rejected.NOT_CHINESE      {0} chars     「{0}」不是汉字。 / "{0}" is not Chinese.
 * move.rejected.WRONG_LENGTH     {0} n, {1}    成语是四个字，「{1}」有 {0} 个。 / An idiom has four characters; "{1}" has {0}.
 * move.rejected.TOO_LONG         {0} limit     太长了（最多 {0} 个字符）。 / Too long (at most {0} characters).
 * move.rejected.UNKNOWN_IDIOM    {0} text      词典里没有「{0}」。 / "{0}" is not in the dictionary.
 * move.rejected.WRONG_START.SAME_CHARACTER
 *                {0} idiom {1} required {2} actual {3} previous {4} required syllable
 *                                              「{0}」要以「{1}」开头（接「{3}」）。 / "{0}" must start with {1} (to follow {3}).
 * move.rejected.WRONG_START.SAME_SYLLABLE      「{0}」的第一个字读 {2}，要读 {1}（不论声调）。
 *                                              / "{0}" starts with the sound {2}; it must be {1} (any tone).
 * move.rejected.WRONG_START.SAME_SYLLABLE_AND_TONE
 *                                              「{0}」的第一个字读 {2}，要读 {1}。 / "{0}" starts with {2}; it must be {1}, tone included.
 * move.rejected.ALREADY_USED     {0} idiom {1} move no. {2} side
 *                                              「{0}」已经用过了（第 {1} 步）。 / "{0}" was already played (move {1}).
 * move.rejected.NOT_YOUR_TURN                  还没轮到你。 / It is not your turn.
 * move.rejected.GAME_OVER                      这局已经结束了。 / This game is over.
 *
 * game.over.&lt;REASON&gt;.&lt;LOSER&gt;  {0} required start {1} idiom that could not be continued {2} mode
 * game.over.GAVE_UP.HUMAN                      你认输了，模型赢。 / You gave up: the model wins.
 * game.over.DEAD_END.HUMAN                     没有成语以「{0}」开头——你接不下去，模型赢。
 *                                              / No idiom starts with {0}: you cannot go on, the model wins.
 * game.over.DEAD_END.COMPUTER                  没有成语以「{0}」开头——模型接不下去，你赢了！
 *                                              / No idiom starts with {0}: the model is stuck, you win!
 * game.over.EXHAUSTED.HUMAN                    以「{0}」开头的成语都用过了，模型赢。
 *                                              / Every idiom starting with {0} has been played: the model wins.
 * game.over.EXHAUSTED.COMPUTER                 以「{0}」开头的成语都用过了，你赢了！ / Every idiom starting with {0} has been played: you win!
 * game.over.TOO_MANY_FAILURES.COMPUTER         模型答错了三次，你赢了！ / The model failed three times: you win!
 * </pre>
 * In the syllable modes {0} of DEAD_END / EXHAUSTED is a syllable ("rang"): the UI may say 读音 / "the sound".
 * Other keys: {@code mode.<MatchMode>} (同字 / 同音 / 同音同调), {@code difficulty.<Difficulty>} (易 / 难),
 * {@code side.<Side>} (你 / 模型). Input problems can reuse the corpus's {@code input.<InputProblem>} keys.
 */
package lab.jielong.game;
