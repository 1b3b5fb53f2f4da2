package io.github.camelinference.examples.springboot;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Profile {@code offline} (the default): simulators on loopback stand in for OpenAI and the router. */
@Configuration
@Profile("offline")
public class OfflineSimulators {

    /** The simulated OpenAI; a test (or you) can script its outages. */
    @Bean(destroyMethod = "close")
    public ProviderSimulator openAiSimulator(@Value("${example.simulator.openai-port}") int port) {
        return ProviderSimulator.start(Flavour.OPENAI, port);
    }

    @Bean(destroyMethod = "close")
    public ProviderSimulator huggingFaceSimulator(@Value("${example.simulator.huggingface-port}") int port) {
        return ProviderSimulator.start(Flavour.HUGGINGFACE, port);
    }
}
