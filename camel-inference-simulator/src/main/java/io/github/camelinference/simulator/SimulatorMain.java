package io.github.camelinference.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line, on 127.0.0.1 only, until interrupted:
 * <pre>
 * mvn -q -pl camel-inference-simulator exec:java -Dexec.args="--port 8089 --flavour openai --latency-ms 50-200 --pace-ms 20"
 * </pre>
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8089;
        Flavour flavour = Flavour.OPENAI;
        Reply answer = Reply.answer();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--flavour" -> flavour = Flavour.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    case "--latency-ms" -> {
                        String[] range = args[++i].split("-");
                        long min = Long.parseLong(range[0]);
                        long max = range.length > 1 ? Long.parseLong(range[1]) : min;
                        answer = answer.delayedBetween(Duration.ofMillis(min), Duration.ofMillis(max));
                    }
                    case "--pace-ms" -> answer = answer.paced(Duration.ofMillis(Long.parseLong(args[++i])));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() + "\nusage: SimulatorMain [--port N] [--flavour openai|huggingface]"
                               + " [--latency-ms MIN[-MAX]] [--pace-ms N]");
            System.exit(2);
            return;
        }
        ProviderSimulator simulator = ProviderSimulator.start(flavour, port).always(answer);
        System.out.println("Simulating " + flavour + " at " + simulator.baseUrl() + " (Ctrl-C to stop)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stop.countDown();
        }));
        stop.await();
    }
}
