package lab.jielong.play;

import java.util.List;

/**
 * A hint search and what it cost: the hints found, trie nodes expanded (the budget counts these), inference
 * sessions copied (one per expanded node below the root), paths queued (what an eager search, copying a session
 * per child, would have copied), whether the budget ran out first, and the bytes of one session.
 */
public record HintSearch(List<Hint> hints, int expansions, int copies, int queued, boolean budgetSpent,
        long sessionBytes) {
}
