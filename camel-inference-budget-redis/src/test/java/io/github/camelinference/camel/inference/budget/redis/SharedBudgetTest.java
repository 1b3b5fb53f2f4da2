package io.github.camelinference.camel.inference.budget.redis;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.error.BudgetExceededException;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.io.File;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two CamelContexts — two instances of a service — share one budget through a real Redis server on loopback
 * (Debian's redis-server, installed by bin/install-test-services; the test starts its own instance on a free port).
 */
class SharedBudgetTest {

    /** One "Hello" answer from the simulated gpt-5-mini: (1 × 0.25 + 4 × 2.00) / 1e6 USD. */
    private static final double PER_HELLO = (1 * 0.25 + 4 * 2.00) / 1e6;

    private static Process redisServer;
    private static int redisPort;
    private static ProviderSimulator openai;

    @BeforeAll
    static void start() throws Exception {
        String binary = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                .filter(path -> new File(path).canExecute()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "redis-server is not installed: run bin/install-test-services (Debian's redis-server)"));
        try (ServerSocket probe = new ServerSocket(0)) {
            redisPort = probe.getLocalPort();
        }
        redisServer = new ProcessBuilder(binary, "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (JedisPooled redis = new JedisPooled("127.0.0.1", redisPort)) {
                redis.ping();
                break;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redis-server did not start on port " + redisPort, notYet);
                }
                Thread.sleep(50);
            }
        }
        openai = ProviderSimulator.start(Flavour.OPENAI);
    }

    @AfterAll
    static void stop() {
        if (openai != null) {
            openai.close();
        }
        if (redisServer != null) {
            redisServer.destroy();
        }
    }

    /** One service instance: its own CamelContext and component, the budget in the shared Redis. */
    private static CamelContext instance(JedisPooled redis) {
        CamelContext camel = new DefaultCamelContext();
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null);
        camel.addComponent("inference", component);
        camel.getRegistry().bind("budget", new BudgetGuard(
                new RedisSpendStore(redis, "camel-inference-test:", Duration.ofDays(2)), 2.5 * PER_HELLO,
                BudgetGuard.Window.DAY, Clock.systemUTC()));
        camel.start();
        return camel;
    }

    private static Exchange ask(CamelContext camel) {
        return camel.createProducerTemplate().request("inference:openai?baseUrl=" + openai.baseUrl()
                + "&apiKey=sk-test&budgetGuard=#budget&budgetKey=acme", e -> e.getMessage().setBody("Hello"));
    }

    @Test
    void twoInstancesSpendOneBudget() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisPort)) {
            CamelContext first = instance(redis);
            CamelContext second = instance(redis);
            try {
                assertNull(ask(first).getException());
                assertNull(ask(second).getException());
                assertEquals(2 * PER_HELLO, first.getRegistry().lookupByNameAndType("budget", BudgetGuard.class)
                        .spent("acme"), 1e-12, "the first instance sees the second's spend");
                assertNull(ask(first).getException()); // 3 x 8.25e-6 > 2.5 x: the limit is now passed

                Exchange refused = ask(second);
                assertTrue(refused.getException() instanceof BudgetExceededException,
                        "the second instance refuses once the shared budget is spent: " + refused.getException());
                assertEquals(3, openai.requestCount(), "the refused call never reached the provider");
            } finally {
                first.stop();
                second.stop();
            }
        }
    }
}
