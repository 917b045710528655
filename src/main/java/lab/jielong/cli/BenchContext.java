package lab.jielong.cli;

import lab.jielong.corpus.IdiomCorpus;
import lab.jielong.corpus.Vocabulary;

/** What bench sections share: the corpus (loaded once), its vocabulary, threads, and how long to measure. */
public record BenchContext(IdiomCorpus corpus, Vocabulary vocabulary, int threads, boolean quick) {

    /** Median of the values. */
    public static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    public static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
