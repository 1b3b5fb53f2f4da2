package io.github.camelinference.examples.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.examples.gateway.http.ChatCompletionsIn;
import io.github.camelinference.examples.gateway.http.ChatCompletionsOut;
import io.github.camelinference.examples.gateway.http.ErrorOut;
import io.github.camelinference.examples.gateway.http.ModelRoutes;
import io.github.camelinference.examples.gateway.http.ModelsOut;
import io.github.camelinference.examples.gateway.openai.OpenAiRequestReader;
import io.github.camelinference.examples.gateway.tenant.Tenants;
import io.vertx.core.VertxOptions;
import org.apache.camel.main.Main;

/**
 * Camel Main with the gateway's YAML routes ({@code src/main/resources/routes/}) and the few Java steps they call by
 * name: {@code gatewayIn}, {@code gatewayOut}, {@code gatewayError}, {@code gatewayModels}, and the tenants' budget
 * {@code budget}. Configuration comes from {@code application.properties}, then the given properties.
 */
public final class Gateway {

    private Gateway() {
    }

    /** A Camel Main ready to {@code run()} (blocking) or {@code start()}. */
    public static Main create(Map<String, String> overrides) {
        Properties config = new Properties();
        try (InputStream in = Gateway.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                config.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        config.putAll(overrides);

        ObjectMapper mapper = new ObjectMapper();
        Tenants tenants = Tenants.fromProperties(config);
        ModelRoutes models = new ModelRoutes();
        boolean forwardUnknown = !"reject".equals(config.getProperty("gateway.unknownFields", "forward"));
        double budgetUsd = Double.parseDouble(config.getProperty("gateway.budget.usdPerDay", "5"));

        Main main = new Main();
        overrides.forEach(main::addOverrideProperty);
        main.bind("gatewayIn", new ChatCompletionsIn(tenants, new OpenAiRequestReader(mapper, forwardUnknown), models));
        main.bind("gatewayOut", new ChatCompletionsOut(mapper));
        BudgetGuard budget = new BudgetGuard(budgetUsd, BudgetGuard.Window.DAY);
        main.bind("gatewayError", new ErrorOut(mapper, budget));
        main.bind("gatewayModels", new ModelsOut(tenants, models, mapper));
        main.bind("budget", budget);
        main.bind("gatewayVertxOptions", vertxOptions(config));
        return main;
    }

    /**
     * The Vert.x instance platform-http creates (it finds these options in the registry). Its consumer runs each
     * exchange on a worker thread until the exchange completes, a stream's included, so the worker pool bounds the
     * requests in flight: {@code gateway.vertx.workerPoolSize}.
     */
    private static VertxOptions vertxOptions(Properties config) {
        int workers = Integer.parseInt(config.getProperty("gateway.vertx.workerPoolSize", "64"));
        long maxStreamMinutes = Long.parseLong(config.getProperty("gateway.vertx.maxRequestMinutes", "10"));
        // why: a worker held by a long stream is expected, not a blocked thread to warn about
        return new VertxOptions().setWorkerPoolSize(workers).setMaxWorkerExecuteTime(maxStreamMinutes)
                .setMaxWorkerExecuteTimeUnit(TimeUnit.MINUTES);
    }
}
