package io.github.camelinference.simulator;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line: {@code java -jar camel-inference-simulator.jar [--port 8089]
 * [--flavour openai|huggingface]}. It listens on 127.0.0.1 only and runs until interrupted.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8089;
        Flavour flavour = Flavour.OPENAI;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--flavour" -> flavour = Flavour.valueOf(args[++i].toUpperCase(Locale.ROOT));
                default -> {
                    System.err.println("usage: SimulatorMain [--port N] [--flavour openai|huggingface]");
                    System.exit(2);
                }
            }
        }
        ProviderSimulator simulator = ProviderSimulator.start(flavour, port);
        System.out.println("Simulating " + flavour + " at " + simulator.baseUrl());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stop.countDown();
        }));
        stop.await();
    }
}
