package lab.jielong.game;

/**
 * The human's score. Each accepted move earns {@link #pointsFor(int)}: 1 point plus a streak bonus of
 * {@code streak - 1}, capped at {@value #MAX_STREAK_BONUS}, where the streak counts accepted moves in a row.
 * A refused attempt (other than an empty one) or a hint ends the streak. So moves in a row score 1, 2, 3, 4,
 * 5, 5, 5 …; the UI shows "score 3 · streak ×2".
 *
 * @param points     total points
 * @param streak     accepted moves since the last refusal or hint
 * @param bestStreak the longest streak of this game
 * @param accepted   accepted human moves
 * @param rejected   refused human attempts that broke a streak
 * @param hints      hints asked for
 */
public record Score(int points, int streak, int bestStreak, int accepted, int rejected, int hints) {

    public static final int MAX_STREAK_BONUS = 4;

    public static Score zero() {
        return new Score(0, 0, 0, 0, 0, 0);
    }

    /** The points of an accepted move that makes the streak {@code streak} long (streak ≥ 1). */
    public static int pointsFor(int streak) {
        return 1 + Math.min(streak - 1, MAX_STREAK_BONUS);
    }

    Score afterAccepted() {
        int newStreak = streak + 1;
        return new Score(points + pointsFor(newStreak), newStreak, Math.max(bestStreak, newStreak),
                accepted + 1, rejected, hints);
    }

    Score afterRejected() {
        return new Score(points, 0, bestStreak, accepted, rejected + 1, hints);
    }

    Score afterHint() {
        return new Score(points, 0, bestStreak, accepted, rejected, hints + 1);
    }
}
