package io.github.camelinference.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures every contestant on the same simulator, machine and run, and prints a Markdown table (also written to
 * {@code target/benchmark-results.md}):
 * <pre>
 * mvn -B -q install -DskipTests && mvn -B -q -pl camel-inference-benchmark exec:exec [-Dbenchmark.args="--seconds 20"]
 * </pre>
 * Scenarios: throughput at 0 ms upstream latency, added latency at 200 ms, time to first token on a paced stream, and
 * 2,000 calls in flight against a 1 s upstream.
 */
public final class Benchmark {

    /** When set, only the clients whose name contains it are measured. */
    private static String ONLY;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 10;
        double warmup = 5;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--only" -> only = args[++i];
                default -> throw new IllegalArgumentException("options: --seconds S --warmup S --only <text in a client name>");
            }
        }
        ONLY = only;
        List<Result> results = run(seconds, warmup, System.out);
        String table = markdown(results, seconds, warmup);
        System.out.println();
        System.out.println(table);
        Path file = Path.of("target", "benchmark-results.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        System.exit(0);
    }

    static List<Result> run(double seconds, double warmup, PrintStream progress) throws Exception {
        List<Result> results = new ArrayList<>();
        try (SimulatorProcess instant = SimulatorProcess.start(0, 2);
             SimulatorProcess slow = SimulatorProcess.start(200, 0);
             SimulatorProcess verySlow = SimulatorProcess.start(1000, 0)) {
            String fast = instant.baseUrl();
            warmUp(fast, warmup, progress);
            for (Scenario s : List.of(new Scenario("0 ms upstream", fast, 16), new Scenario("200 ms upstream",
                    slow.baseUrl(), 64))) {
                results.add(measure(s, Clients.rawJdk(s.url, false), seconds, warmup, false, progress));
                results.add(measure(s, Clients.rawApacheAsync(s.url), seconds, warmup, false, progress));
                results.add(measure(s, Clients.camelHttp(s.url, s.concurrency), seconds, warmup, false, progress));
                results.add(measure(s, Clients.openAiSdk(s.url), seconds, warmup, false, progress));
                results.add(measure(s, Clients.inference(s.url, false), seconds, warmup, false, progress));
                results.add(measure(s, Clients.inferenceFailover(s.url, s.concurrency), seconds, warmup, false,
                        progress));
            }
            Scenario streaming = new Scenario("stream, 2 ms/token", fast, 16);
            results.add(measure(streaming, Clients.rawJdk(fast, true), seconds, warmup, false, progress));
            results.add(measure(streaming, Clients.inference(fast, true), seconds, warmup, false, progress));

            Scenario inFlight = new Scenario("2,000 in flight, 1 s upstream", verySlow.baseUrl(), 2000);
            results.add(measure(inFlight, Clients.rawJdk(inFlight.url, false), seconds, warmup, true, progress));
            results.add(measure(inFlight, Clients.rawApacheAsync(inFlight.url), seconds, warmup, true, progress));
            results.add(measure(inFlight, Clients.openAiSdk(inFlight.url), seconds, warmup, true, progress));
            results.add(measure(inFlight, Clients.inference(inFlight.url, false), seconds, warmup, true, progress));
        }
        return results;
    }

    /** Every contestant once, unmeasured, so the first rows are not the ones paying for JIT compilation. */
    private static void warmUp(String url, double seconds, PrintStream progress) throws Exception {
        progress.println("warming up every client for " + seconds + " s ...");
        for (Client client : List.of(Clients.rawJdk(url, false), Clients.rawApacheAsync(url), Clients.camelHttp(url, 16), Clients.openAiSdk(url),
                Clients.inference(url, false), Clients.inferenceFailover(url, 16), Clients.rawJdk(url, true),
                Clients.inference(url, true))) {
            try (client) {
                LoadDriver.run("warm-up", client, 16, seconds, 0.5, false);
            }
        }
    }

    private record Scenario(String name, String url, int concurrency) {
    }

    private static Result measure(Scenario scenario, Client client, double seconds, double warmup,
                                  boolean measureHeap, PrintStream progress) throws Exception {
        try (client) {
            if (ONLY != null && !client.name().contains(ONLY) && !client.name().startsWith("raw JDK")) {
                return null;
            }
            progress.printf("%-32s %-34s ...", scenario.name, client.name());
            progress.flush();
            Result r = LoadDriver.run(scenario.name, client, scenario.concurrency, warmup, seconds, measureHeap);
            progress.printf(" %8.0f calls/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%n", r.throughput(),
                    r.latency().percentileMillis(50), r.latency().percentileMillis(99), r.errors());
            return r;
        }
    }

    static String markdown(List<Result> results, double seconds, double warmup) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Run %s on %d cores, Java %s, %s s measured after %s s warm-up per row.%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                seconds, warmup));
        md.append("| scenario | client | concurrency | calls/s | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms"
                  + " | first token p50 ms | threads (peak / added) | heap KB per call in flight | errors |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Result floor = null;
        for (Result r : results) {
            if (r == null) {
                continue;
            }
            if (floor == null || !floor.scenario().equals(r.scenario())) {
                floor = r; // the raw JDK client comes first in each scenario
            }
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %+.2f | %+.2f | %.2f | %d / %+d | %s | %d |%n",
                    r.scenario(), r.client(), r.concurrency(), r.throughput(), r.latency().percentileMillis(50),
                    r.latency().percentileMillis(99), r.latency().percentileMillis(99.9),
                    r.latency().percentileMillis(50) - floor.latency().percentileMillis(50),
                    r.latency().percentileMillis(99) - floor.latency().percentileMillis(99),
                    r.timeToFirstToken().percentileMillis(50), r.peakThreads(), r.threadsAdded(),
                    Double.isNaN(r.heapKbPerCallInFlight()) ? "" : String.format(Locale.ROOT, "%.1f",
                            r.heapKbPerCallInFlight()), r.errors()));
        }
        return md.toString();
    }

}
