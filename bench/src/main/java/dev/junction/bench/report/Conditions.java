package dev.junction.bench.report;

import java.util.Properties;

/** The conditions of the run: machine, versions, and how busy the machine was. */
final class Conditions {
    private Conditions() {}

    static String render(Properties env) {
        Markdown table = new Markdown("", "");
        row(table, env, "date", "date (UTC)");
        row(table, env, "cpu", "CPU");
        row(table, env, "cores", "cores");
        row(table, env, "memory", "memory");
        row(table, env, "kernel", "kernel");
        row(table, env, "os", "OS");
        row(table, env, "jdk", "JDK");
        row(table, env, "junction_commit", "Junction commit");
        row(table, env, "junction_java_opts", "Junction JVM options");
        row(table, env, "upstream", "upstream");
        row(table, env, "nginx", "nginx (upstream and proxy)");
        row(table, env, "wrk", "wrk");
        row(table, env, "node", "Node.js");
        row(table, env, "portkey", "Portkey");
        row(table, env, "open_files_limit", "open files limit");
        row(table, env, "rounds", "rounds per scenario");
        row(table, env, "wrk_settings", "wrk");
        row(table, env, "openloop_settings", "open loop");
        row(table, env, "stream_settings", "streams");
        row(table, env, "load_at_start", "load average at start (1, 5, 15 min)");
        row(table, env, "load_at_end", "load average at end of the load scenarios");
        row(table, env, "busy_at_start", "other busy processes at start");
        row(table, env, "runtime_s", "runtime of the run (s)");
        return "## Conditions\n\n"
                + "Every process (targets, upstream, load generators) shares this one machine, and all traffic is"
                + " on loopback. Targets run side by side and are measured in turn; each round visits them in a"
                + " rotated order so drift hits all alike, and tables show medians over rounds. Each result line"
                + " also records the load average at its end (`bench/.cache/run/results.jsonl`)."
                + noise(env)
                + "\n\n"
                + table.render();
    }

    private static String noise(Properties env) {
        double cores = Double.parseDouble(env.getProperty("cores", "1"));
        String start = env.getProperty("load_at_start", "0").split(" ")[0];
        double load = Double.parseDouble(start);
        if (load < cores / 2) {
            return "";
        }
        return " **The machine was busy with other work during this run** (load average " + start + " on "
                + (int) cores + " cores at the start): absolute numbers are lower and noisier than on a quiet"
                + " machine; the ratios between targets measured in the same rounds are the more meaningful part.";
    }

    private static void row(Markdown table, Properties env, String key, String name) {
        String value = env.getProperty(key);
        if (value != null && !value.isBlank()) {
            table.row(name, value.replace("|", "\\|"));
        }
    }
}
