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
package io.github.camelinference.camel.inference.gateway.admin;

import java.util.HashMap;
import java.util.Map;

import io.github.camelinference.camel.inference.gateway.TestGateway;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.LocalRedis;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;

/**
 * Two gateway instances sharing their tenants and keys on one Redis ({@code gateway.tenants.store = redis}, a
 * redis-server of their own), in front of one pair of simulators, each with its admin API on a port of its own.
 */
public final class TwoGatewaysOnRedis implements AutoCloseable {

    public final LocalRedis redis;
    public final ProviderSimulator openai;
    public final ProviderSimulator huggingface;
    public final TestGateway first;
    public final TestGateway second;
    public final AdminHttp firstAdmin;
    public final AdminHttp secondAdmin;

    private TwoGatewaysOnRedis(
                               LocalRedis redis, ProviderSimulator openai, ProviderSimulator huggingface, TestGateway first,
                               TestGateway second, AdminHttp firstAdmin, AdminHttp secondAdmin) {
        this.redis = redis;
        this.openai = openai;
        this.huggingface = huggingface;
        this.first = first;
        this.second = second;
        this.firstAdmin = firstAdmin;
        this.secondAdmin = secondAdmin;
    }

    /**
     * @param adminKey the admin API's key on both
     * @param settings the test's own settings (its tenants), on both
     */
    public static TwoGatewaysOnRedis start(String adminKey, Map<String, String> settings) throws Exception {
        LocalRedis redis = LocalRedis.start();
        ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI).always(Reply.answer());
        ProviderSimulator huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE).always(Reply.answer());
        int firstManagement = TestGateway.freePort();
        int secondManagement = TestGateway.freePort();
        TestGateway first = TestGateway.start(openai, huggingface,
                settings(firstManagement, redis, adminKey, settings));
        TestGateway second = TestGateway.start(openai, huggingface,
                settings(secondManagement, redis, adminKey, settings));
        return new TwoGatewaysOnRedis(
                redis, openai, huggingface, first, second,
                AdminHttp.management(firstManagement), AdminHttp.management(secondManagement));
    }

    private static Map<String, String> settings(
            int managementPort, LocalRedis redis, String adminKey, Map<String, String> own) {
        Map<String, String> settings = new HashMap<>(own);
        settings.put("camel.management.port", Integer.toString(managementPort));
        settings.put("gateway.redis.uri", redis.uri());
        settings.put("gateway.tenants.store", "redis");
        // a loaded machine may be slow to acknowledge: an admin call waits for both instances, however long
        settings.put("gateway.tenants.ackTimeoutMillis", "20000");
        settings.put("gateway.admin.key", adminKey);
        return settings;
    }

    @Override
    public void close() {
        second.close();
        first.close();
        openai.close();
        huggingface.close();
        redis.close();
    }
}
