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

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceConfiguration;
import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.provider.ProviderType;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Configures the {@code inference} component from {@code camel.component.inference.*}, and registers each
 * {@code providers.<name>} block as a named profile. Invalid values fail the application's start with the property that
 * is wrong and what it accepts.
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnClass(InferenceComponent.class)
@ConditionalOnProperty(prefix = "camel.component.inference", name = "enabled", havingValue = "true",
                       matchIfMissing = true)
@EnableConfigurationProperties(InferenceComponentConfiguration.class)
public class InferenceAutoConfiguration {

    private static final String PREFIX = "camel.component.inference.";

    /** Bean named after the scheme, so Camel resolves {@code inference:} to it. */
    @Bean(name = "inference")
    @ConditionalOnMissingBean(InferenceComponent.class)
    public InferenceComponent inferenceComponent(
            InferenceComponentConfiguration properties,
            ObjectProvider<RateLimitStore> rateLimitStores) {
        InferenceComponent component = new InferenceComponent();
        rateLimitStores.ifUnique(component::setRateLimitStore);
        InferenceConfiguration defaults = component.getConfiguration();
        set(defaults::setBaseUrl, properties.getBaseUrl());
        set(defaults::setModel, properties.getModel());
        set(defaults::setApiKey, properties.getApiKey());
        set(defaults::setSystemPrompt, properties.getSystemPrompt());
        set(defaults::setTemperature, checkRange("temperature", properties.getTemperature(), 0, 2));
        set(defaults::setMaxTokens, checkPositive("max-tokens", properties.getMaxTokens()));
        set(defaults::setReasoningEffort, checkOneOf("reasoning-effort", properties.getReasoningEffort(),
                InferenceEndpoint.REASONING_EFFORTS));
        set(defaults::setVerbosity, checkOneOf("verbosity", properties.getVerbosity(), InferenceEndpoint.VERBOSITIES));
        set(defaults::setRouterPolicy, properties.getRouterPolicy());
        set(defaults::setBillTo, properties.getBillTo());
        set(defaults::setModelSuccessors, properties.getModelSuccessors());
        set(defaults::setModelShutdownDates, properties.getModelShutdownDates());
        defaults.setDropUnsupportedParams(properties.isDropUnsupportedParams());
        defaults.setCaptureContent(properties.isCaptureContent());
        defaults.setCaptureContentMaxChars(properties.getCaptureContentMaxChars());
        defaults.setPropagateTraceContext(properties.isPropagateTraceContext());
        defaults.setConnectTimeout(millis("connect-timeout", properties.getConnectTimeout()));
        defaults.setRequestTimeout(millis("request-timeout", properties.getRequestTimeout()));
        if (properties.getFirstTokenTimeout() != null) {
            defaults.setFirstTokenTimeout(millis("first-token-timeout", properties.getFirstTokenTimeout()));
        }
        if (properties.getStreamIdleTimeout() != null) {
            defaults.setStreamIdleTimeout(millis("stream-idle-timeout", properties.getStreamIdleTimeout()));
        }
        defaults.setMaxConnections(checkPositive("max-connections", properties.getMaxConnections()));
        defaults.setStreamTimeout(millis("stream-timeout", properties.getStreamTimeout()));
        defaults.setMaxResponseBytes(checkPositive("max-response-bytes", properties.getMaxResponseBytes()));
        defaults.setMaxLineLength(checkPositive("max-line-length", properties.getMaxLineLength()));
        defaults.setMaxAnswerChars(checkPositive("max-answer-chars", properties.getMaxAnswerChars()));
        defaults.setMaxRetryAfter(millis("max-retry-after", properties.getMaxRetryAfter()));
        defaults.setMaxToolCallsPerRound(checkPositive("max-tool-calls-per-round",
                properties.getMaxToolCallsPerRound()));
        defaults.setMalformedChunks(checkOneOf("malformed-chunks", properties.getMalformedChunks(),
                InferenceEndpoint.MALFORMED_CHUNK_POLICIES));
        defaults.setStreamReasoning(properties.isStreamReasoning());
        set(defaults::setInputPrice, checkRange("input-price", properties.getInputPrice(), 0, 1_000));
        set(defaults::setCachedInputPrice, checkRange("cached-input-price", properties.getCachedInputPrice(), 0, 1_000));
        set(defaults::setOutputPrice, checkRange("output-price", properties.getOutputPrice(), 0, 1_000));
        defaults.setBudgetOutputTokens(checkPositive("budget-output-tokens", properties.getBudgetOutputTokens()));
        set(defaults::setRequestsPerMinute, checkNotNegative("requests-per-minute", properties.getRequestsPerMinute()));
        set(defaults::setTokensPerMinute, checkNotNegative("tokens-per-minute", properties.getTokensPerMinute()));
        set(defaults::setRateLimitAccount, properties.getRateLimitAccount());
        set(defaults::setRateLimitMaxWait, waitMillis("rate-limit-max-wait", properties.getRateLimitMaxWait()));
        set(defaults::setRateLimitFromHeaders, properties.getRateLimitFromHeaders());
        set(defaults::setProxyHost, properties.getProxyHost());
        set(defaults::setProxyPort, checkPositive("proxy-port", properties.getProxyPort()));
        set(defaults::setProxyUsername, properties.getProxyUsername());
        set(defaults::setProxyPassword, properties.getProxyPassword());

        for (Map.Entry<String, InferenceComponentConfiguration.ProviderProperties> entry : properties.getProviders()
                .entrySet()) {
            String name = entry.getKey();
            InferenceComponentConfiguration.ProviderProperties p = entry.getValue();
            String where = "providers." + name + ".";
            ProviderType type = providerType(name, p.getType(), where);
            if (type == ProviderType.OPENAI_COMPATIBLE && p.getBaseUrl() == null && properties.getBaseUrl() == null) {
                throw invalid(where + "base-url", null, "is required for an openai-compatible provider, e.g."
                                                        + " http://localhost:8000/v1");
            }
            if (type == ProviderType.AZURE && p.getResource() == null && p.getBaseUrl() == null) {
                throw invalid(where + "resource", null, "is required for an azure provider (or base-url, its"
                                                        + " endpoint URL), e.g. my-resource for https://my-resource.openai.azure.com");
            }
            InferenceConfiguration profile = defaults.copy();
            set(profile::setBaseUrl, p.getBaseUrl());
            set(profile::setResource, p.getResource());
            set(profile::setDeployment, p.getDeployment());
            set(profile::setApiVersion, p.getApiVersion());
            set(profile::setCredential, p.getCredential());
            set(profile::setApiKey, p.getApiKey());
            set(profile::setModel, p.getModel());
            set(profile::setRouterPolicy, p.getRouterPolicy());
            set(profile::setBillTo, p.getBillTo());
            set(profile::setModelSuccessor, p.getModelSuccessor());
            set(profile::setMaxTokens, checkPositive(where + "max-tokens", p.getMaxTokens()));
            set(profile::setMaxConnections, checkPositive(where + "max-connections", p.getMaxConnections()));
            set(profile::setInputPrice, checkRange(where + "input-price", p.getInputPrice(), 0, 1_000));
            set(profile::setCachedInputPrice, checkRange(where + "cached-input-price", p.getCachedInputPrice(), 0,
                    1_000));
            set(profile::setOutputPrice, checkRange(where + "output-price", p.getOutputPrice(), 0, 1_000));
            set(profile::setRequestsPerMinute, checkNotNegative(where + "requests-per-minute",
                    p.getRequestsPerMinute()));
            set(profile::setTokensPerMinute, checkNotNegative(where + "tokens-per-minute", p.getTokensPerMinute()));
            set(profile::setRateLimitAccount, p.getRateLimitAccount());
            set(profile::setRateLimitMaxWait, waitMillis(where + "rate-limit-max-wait", p.getRateLimitMaxWait()));
            if (p.getConnectTimeout() != null) {
                profile.setConnectTimeout(millis(where + "connect-timeout", p.getConnectTimeout()));
            }
            if (p.getRequestTimeout() != null) {
                profile.setRequestTimeout(millis(where + "request-timeout", p.getRequestTimeout()));
            }
            if (p.getFirstTokenTimeout() != null) {
                profile.setFirstTokenTimeout(millis(where + "first-token-timeout", p.getFirstTokenTimeout()));
            }
            if (p.getStreamIdleTimeout() != null) {
                profile.setStreamIdleTimeout(millis(where + "stream-idle-timeout", p.getStreamIdleTimeout()));
            }
            if (type != ProviderType.HUGGINGFACE && profile.getRouterPolicy() != null) {
                throw invalid(where + "router-policy", profile.getRouterPolicy(),
                        "applies to huggingface providers only; this one is " + type);
            }
            component.addProviderProfile(name, type, profile);
        }
        return component;
    }

    private static ProviderType providerType(String name, String configured, String where) {
        if (configured != null) {
            try {
                return ProviderType.parse(configured);
            } catch (IllegalArgumentException e) {
                throw invalid(where + "type", configured, "accepted values are openai, huggingface, azure,"
                                                          + " openai-compatible");
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

    private static <T> void set(Consumer<T> setter, T value) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static String checkOneOf(String property, String value, List<String> accepted) {
        if (value != null && !accepted.contains(value)) {
            throw invalid(property, value, "accepted values are " + String.join(", ", accepted));
        }
        return value;
    }

    private static Double checkRange(String property, Double value, double min, double max) {
        if (value != null && (value < min || value > max)) {
            throw invalid(property, String.valueOf(value), "must be between " + min + " and " + max);
        }
        return value;
    }

    private static Integer checkPositive(String property, Integer value) {
        if (value != null && value < 1) {
            throw invalid(property, String.valueOf(value), "must be at least 1");
        }
        return value;
    }

    private static Long checkNotNegative(String property, Long value) {
        if (value != null && value < 0) {
            throw invalid(property, String.valueOf(value), "must not be negative (0: no limit)");
        }
        return value;
    }

    /** A wait that may be zero; null when unset. */
    private static Long waitMillis(String property, Duration value) {
        if (value != null && value.isNegative()) {
            throw invalid(property, String.valueOf(value), "must not be negative (0: fail at once)");
        }
        return value == null ? null : value.toMillis();
    }

    private static long millis(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw invalid(property, String.valueOf(value), "must be a positive duration such as 30s");
        }
        return value.toMillis();
    }

    private static IllegalArgumentException invalid(String property, String value, String what) {
        return new IllegalArgumentException(PREFIX + property + (value == null ? " " : "='" + value + "' ") + what);
    }
}
