package lab.jielong.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} and {@code --flag} options after the command word; unknown ones fail. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, Set<String> valued, Set<String> flags) {
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
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
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    inline = args[++i];
                }
                values.put(name, inline);
            } else {
                throw new IllegalArgumentException("unknown option --" + name + " for " + args[0]
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
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : dflt;
    }

    long getLong(String name, long dflt) {
        return values.containsKey(name) ? Long.parseLong(values.get(name)) : dflt;
    }

    float getFloat(String name, float dflt) {
        return values.containsKey(name) ? Float.parseFloat(values.get(name)) : dflt;
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}
