/*
 * Copyright 2026 the camel-inference authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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
