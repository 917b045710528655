package lab.jielong.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} options after the command word; unknown ones, and values of the wrong
 * kind, are refused as {@link UsageException}.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, Set<String> valued, Set<String> flags) {
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (valued.contains(name)) {
                if (inline == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    inline = args[++i];
                }
                values.put(name, inline);
            } else {
                throw new UsageException("unknown option --" + name + " for " + args[0]
                        + " (known: " + valued + " " + flags + ")");
            }
        }
    }

    String get(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int getInt(String name, int dflt) {
        return values.containsKey(name) ? number(name, "a whole number", Integer::parseInt) : dflt;
    }

    long getLong(String name, long dflt) {
        return values.containsKey(name) ? number(name, "a whole number", Long::parseLong) : dflt;
    }

    float getFloat(String name, float dflt) {
        return values.containsKey(name) ? number(name, "a number", Float::parseFloat) : dflt;
    }

    private <T> T number(String name, String kind, java.util.function.Function<String, T> parse) {
        String value = values.get(name);
        try {
            return parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs " + kind + ", not '" + value + "'");
        }
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}
