/**
 * The public JSON API, {@code /api/v1}: idiom look-up, the next-character distribution, the model's move for
 * a chain, and both models' attention on a text, described by OpenAPI at {@code /v3/api-docs}.
 *
 * <p>One package rather than an {@code api} sub-package per feature: the API is one versioned contract with
 * one error body ({@link ApiError}: {@code {code, message}}), one set of limits ({@link ApiLimitFilter},
 * {@link ModelGate}) and one OpenAPI document, and its first endpoint (the idiom look-up) belongs to no
 * feature. Like a view, it only calls feature services ({@code PlayService}, {@code GuessService}) and the
 * corpus; no feature knows it.
 */
package lab.jielong.api;
