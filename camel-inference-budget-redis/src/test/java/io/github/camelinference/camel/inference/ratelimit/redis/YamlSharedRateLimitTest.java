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
package io.github.camelinference.camel.inference.ratelimit.redis;

import java.util.Properties;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.LocalRedis;
import io.github.camelinference.simulator.ProviderSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The shared rate limit as a YAML author writes it (the component page's example): a RedisRateLimitStore bean made by
 * its factory method, which the component picks up by itself, and the limits as endpoint options. Two CamelContexts
 * loading the same YAML share the account's limit.
 */
class YamlSharedRateLimitTest {

    private static final String ROUTES
            = """
                    - beans:
                        - name: limits
                          type: "#class:io.github.camelinference.camel.inference.ratelimit.redis.RedisRateLimitStore"
                          factoryMethod: connect
                          constructors:
                            0: "{{redis.uri}}"
                            1: "yaml-test:"
                          destroyMethod: close
                    - route:
                        from:
                          uri: direct:ask
                          steps:
                            - to: "inference:openai?baseUrl={{provider.url}}&apiKey=sk-test&requestsPerMinute=1&rateLimitAccount=acme-openai"
                    """;

    private static CamelContext instance(String redisUri, String providerUrl) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.put("redis.uri", redisUri);
        properties.put("provider.url", providerUrl);
        camel.getPropertiesComponent().setOverrideProperties(properties);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("limits.yaml", ROUTES));
        camel.start();
        return camel;
    }

    private static Exchange ask(CamelContext camel) {
        return camel.createProducerTemplate().request("direct:ask", e -> e.getMessage().setBody("Hello"));
    }

    @Test
    void twoInstancesLoadingTheSameYamlShareTheAccountsLimit() throws Exception {
        try (LocalRedis redis = LocalRedis.start();
             ProviderSimulator provider = ProviderSimulator.start(Flavour.OPENAI)) {
            CamelContext first = instance(redis.uri(), provider.baseUrl());
            CamelContext second = instance(redis.uri(), provider.baseUrl());
            try {
                assertInstanceOf(RedisRateLimitStore.class,
                        first.getComponent("inference", InferenceComponent.class).getRateLimitStore(),
                        "the component picked up the only RateLimitStore bean");
                assertNull(ask(first).getException());
                Exchange refused = ask(second);
                assertEquals("acme-openai",
                        assertInstanceOf(AccountRateLimitedException.class, refused.getException()).getAccount());
                assertEquals(1, provider.requestCount());
            } finally {
                first.stop();
                second.stop();
            }
        }
    }
}
