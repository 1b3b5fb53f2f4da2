package io.github.camelinference.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures every contestant on the same simulators, machine and run, and prints a Markdown table (also written to
 * {@code target/benchmark-results.md}):
 * <pre>
 * mvn -B -q install -DskipTests && mvn -B -q -pl camel-inference-benchmark exec:exec [-Dbenchmark.args="--seconds 20"]
 * </pre>
 * Each row runs in a fresh JVM of its own (warm-up, then the measured period), so no contestant inherits another's
 * threads, connections, JIT state or garbage. The simulators run in JVMs of their own too, on loopback.
 * Scenarios: throughput at 0 ms upstream latency, added latency at 200 ms, time to first token on a paced stream,
 * and 2,000 calls in flight against a 1 s upstream.
 */
public final class Benchmark {

    /** The contestants, by the key a child JVM is started with. */
    enum Contestant {
        RAW_JDK, RAW_APACHE, CAMEL_HTTP, OPENAI_SDK, INFERENCE, INFERENCE_FAILOVER, RAW_JDK_STREAM, INFERENCE_STREAM;

        Client create(String url, int concurrency) throws Exception {
            return switch (this) {
                case RAW_JDK -> Clients.rawJdk(url, false);
                case RAW_APACHE -> Clients.rawApacheAsync(url);
                case CAMEL_HTTP -> Clients.camelHttp(url, concurrency);
                case OPENAI_SDK -> Clients.openAiSdk(url);
                case INFERENCE -> Clients.inference(url, false);
                case INFERENCE_FAILOVER -> Clients.inferenceFailover(url, concurrency);
                case RAW_JDK_STREAM -> Clients.rawJdk(url, true);
                case INFERENCE_STREAM -> Clients.inference(url, true);
            };
        }
    }

    private record Row(String scenario, int simulator, int concurrency, Contestant contestant, boolean heap) {
    }

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "--row".equals(args[0])) {
            runRow(args);
            return;
        }
        double seconds = 10;
        double warmup = 5;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException(
                        "options: --seconds S --warmup S --only <contestant key, e.g. INFERENCE>");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Contestant c : List.of(Contestant.RAW_JDK, Contestant.RAW_APACHE, Contestant.CAMEL_HTTP,
                Contestant.OPENAI_SDK, Contestant.INFERENCE, Contestant.INFERENCE_FAILOVER)) {
            rows.add(new Row("0 ms upstream", 0, 16, c, false));
        }
        for (Contestant c : List.of(Contestant.RAW_JDK, Contestant.RAW_APACHE, Contestant.CAMEL_HTTP,
                Contestant.OPENAI_SDK, Contestant.INFERENCE, Contestant.INFERENCE_FAILOVER)) {
            rows.add(new Row("200 ms upstream", 1, 64, c, false));
        }
        rows.add(new Row("stream, 2 ms/token", 0, 16, Contestant.RAW_JDK_STREAM, false));
        rows.add(new Row("stream, 2 ms/token", 0, 16, Contestant.INFERENCE_STREAM, false));
        for (Contestant c : List.of(Contestant.RAW_JDK, Contestant.RAW_APACHE, Contestant.OPENAI_SDK,
                Contestant.INFERENCE)) {
            rows.add(new Row("2,000 in flight, 1 s upstream", 2, 2000, c, true));
        }

        List<Result> results = new ArrayList<>();
        try (SimulatorProcess instant = SimulatorProcess.start(0, 2);
             SimulatorProcess slow = SimulatorProcess.start(200, 0);
             SimulatorProcess verySlow = SimulatorProcess.start(1000, 0)) {
            String[] urls = {instant.baseUrl(), slow.baseUrl(), verySlow.baseUrl()};
            for (Row row : rows) {
                boolean baseline = row.contestant == Contestant.RAW_JDK || row.contestant == Contestant.RAW_JDK_STREAM;
                if (only != null && !baseline && !row.contestant.name().equals(only)) {
                    continue;
                }
                System.out.printf("%-32s %-20s ...", row.scenario, row.contestant);
                System.out.flush();
                Result r = runChild(row, urls[row.simulator], seconds, warmup);
                System.out.printf(Locale.ROOT, " %8.0f calls/s  p50 %8.2f ms  p99 %8.2f ms  errors %d%n",
                        r.throughput(), r.p50(), r.p99(), r.errors());
                results.add(r);
            }
        }
        String table = markdown(results, seconds, warmup);
        System.out.println();
        System.out.println(table);
        Path file = Path.of("target", "benchmark-results.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        System.exit(0);
    }

    private static Result runChild(Row row, String url, double seconds, double warmup) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Benchmark.class.getName(), "--row", row.scenario, row.contestant.name(), url,
                String.valueOf(row.concurrency), String.valueOf(seconds), String.valueOf(warmup),
                String.valueOf(row.heap)).redirectErrorStream(true).start();
        Result result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT\t")) {
                    result = Result.fromLine(line);
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        child.waitFor();
        if (result == null) {
            throw new IllegalStateException("row " + row + " printed no result:\n" + output);
        }
        return result;
    }

    /** In the child JVM: one contestant, one scenario. */
    private static void runRow(String[] args) throws Exception {
        Contestant contestant = Contestant.valueOf(args[2]);
        int concurrency = Integer.parseInt(args[4]);
        try (Client client = contestant.create(args[3], concurrency)) {
            Result r = LoadDriver.run(args[1], client, concurrency, Double.parseDouble(args[6]),
                    Double.parseDouble(args[5]), Boolean.parseBoolean(args[7]));
            System.out.println(r.toLine());
        }
        System.exit(0);
    }

    static String markdown(List<Result> results, double seconds, double warmup) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run %s on %d cores, Java %s; each row a fresh JVM, %s s measured after"
                                             + " %s s warm-up.%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds, warmup));
        md.append("| scenario | client | concurrency | calls/s | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms"
                  + " | first token p50 ms | threads (peak / added) | heap KB per call in flight | errors |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Result floor = null;
        for (Result r : results) {
            if (floor == null || !floor.scenario().equals(r.scenario())) {
                floor = r; // the raw JDK client comes first in each scenario
            }
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %+.2f | %+.2f | %.2f | %d / %+d | %s | %d |%n",
                    r.scenario(), r.client(), r.concurrency(), r.throughput(), r.p50(), r.p99(), r.p999(),
                    r.p50() - floor.p50(), r.p99() - floor.p99(), r.firstTokenP50(), r.peakThreads(),
                    r.threadsAdded(), Double.isNaN(r.heapKbPerCallInFlight()) ? ""
                            : String.format(Locale.ROOT, "%.1f", r.heapKbPerCallInFlight()), r.errors()));
        }
        return md.toString();
    }
}
