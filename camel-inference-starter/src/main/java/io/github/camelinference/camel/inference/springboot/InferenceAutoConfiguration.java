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
package io.github.camelinference.camel.inference.springboot;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.provider.ProviderType;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import static io.github.camelinference.camel.inference.springboot.ComponentOptionBinder.PREFIX;

/**
 * Configures the {@code inference} component from {@code camel.component.inference.*} through its generated configurer,
 * and registers each {@code providers.<name>} block as a named profile. The component checks the values: each profile
 * is checked as the endpoint it stands for before the routes start, so a wrong value fails the application's start with
 * what to fix.
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnClass(InferenceComponent.class)
@ConditionalOnProperty(prefix = "camel.component.inference", name = "enabled", havingValue = "true",
                       matchIfMissing = true)
@EnableConfigurationProperties(InferenceComponentConfiguration.class)
public class InferenceAutoConfiguration {

    /** Bean named after the scheme, so Camel resolves {@code inference:} to it. */
    @Bean(name = "inference")
    @ConditionalOnMissingBean(InferenceComponent.class)
    public InferenceComponent inferenceComponent(
            CamelContext camel, Environment environment, InferenceComponentConfiguration properties,
            ObjectProvider<RateLimitStore> rateLimitStores) {
        InferenceComponent component = new InferenceComponent();
        rateLimitStores.ifUnique(component::setRateLimitStore);
        ComponentOptionBinder binder = new ComponentOptionBinder(camel);
        binder.bind(component, PREFIX, componentOptions(environment), false);
        properties.getProviders().forEach((name, block) -> {
            String where = PREFIX + "providers." + name + ".";
            Map<String, String> options = new LinkedHashMap<>(block);
            ProviderType type = providerType(name, options.remove("type"), where);
            InferenceComponent profile = new InferenceComponent();
            profile.setConfiguration(component.getConfiguration().copy());
            binder.bind(profile, where, options, true);
            component.addProviderProfile(name, type, profile.getConfiguration());
        });
        return component;
    }

    /**
     * Adds the component to the CamelContext, so that it checks its own options when the context starts, and creates
     * each profile's endpoint once before the routes start, and drops it: the component's own checks then fail the
     * start for an option or a profile that no route uses yet, as they would for one that a route uses.
     */
    @Bean
    CamelContextConfiguration inferenceProfileCheck(InferenceComponentConfiguration properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getComponent("inference");
                for (String name : properties.getProviders().keySet()) {
                    try {
                        camel.getComponent("inference").createEndpoint("inference:" + name);
                    } catch (Exception e) {
                        throw new IllegalArgumentException(PREFIX + "providers." + name + ": " + e.getMessage(), e);
                    }
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }

    /**
     * Every {@code camel.component.inference.*} property but the starter's own (enabled, gen-ai-metrics, providers).
     */
    private static Map<String, String> componentOptions(Environment environment) {
        Map<String, String> all = new LinkedHashMap<>(
                Binder.get(environment)
                        .bind(PREFIX.substring(0, PREFIX.length() - 1), Bindable.mapOf(String.class, String.class))
                        .orElseGet(Map::of));
        all.keySet().removeIf(key -> {
            String name = key.replace("-", "").toLowerCase(Locale.ROOT);
            return name.equals("enabled") || name.equals("genaimetrics") || name.startsWith("providers.");
        });
        return all;
    }

    /**
     * The profile's type, else the one its name begins with ({@code openai-eu}, {@code hf-cheap}, {@code azure-we}).
     */
    private static ProviderType providerType(String name, String configured, String where) {
        if (configured != null) {
            try {
                return ProviderType.parse(configured);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "type='" + configured + "': " + e.getMessage(), e);
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("openai")) {
            return ProviderType.OPENAI;
        }
        if (lower.startsWith("huggingface") || lower.startsWith("hf")) {
            return ProviderType.HUGGINGFACE;
        }
        if (lower.startsWith("azure")) {
            return ProviderType.AZURE;
        }
        return ProviderType.OPENAI_COMPATIBLE;
    }
}
