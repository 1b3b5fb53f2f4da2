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

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.camelinference.camel.inference.InferenceComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;

/**
 * Sets {@code camel.component.inference.*} properties on the component through its generated configurer, the way Camel
 * Main binds {@code camel.component.*}: every option of the component's catalog is a property, in kebab-case or
 * camelCase, with no list of them here. Values are converted as Spring Boot converts them ({@code 30s}, {@code 2m},
 * {@code PT30S} for durations); a value that does not convert, or a property that names no option, fails with the
 * property's name. Whether a value is sensible is the component's to say, when it creates an endpoint.
 */
final class ComponentOptionBinder {

    static final String PREFIX = "camel.component.inference.";
    private static final String CATALOG = "META-INF/io/github/camelinference/camel/inference/inference.json";

    private final CamelContext camel;
    private final PropertyConfigurer configurer;
    /** The catalog's component options, by name in lower case. */
    private final Map<String, JsonObject> options = new LinkedHashMap<>();
    private final ConversionService conversion = ApplicationConversionService.getSharedInstance();

    ComponentOptionBinder(CamelContext camel) {
        this.camel = camel;
        this.configurer = PluginHelper.getConfigurerResolver(camel).resolvePropertyConfigurer("inference-component",
                camel);
        catalogOptions().forEach((name, option) -> {
            JsonObject described = new JsonObject((JsonObject) option);
            described.put("name", name);
            options.put(name.toLowerCase(Locale.ROOT), described);
        });
    }

    /** The {@code componentProperties} of the component's catalog, as Camel's build generated it. */
    static Map<String, Object> catalogOptions() {
        try (InputStream in = InferenceComponent.class.getClassLoader().getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG + " is not on the classpath: is the component's jar complete?");
            }
            JsonObject catalog = (JsonObject) Jsoner.deserialize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return catalog.getMap("componentProperties");
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + CATALOG + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets each property on the component; {@code where} is what they are written under (for messages), and
     * {@code profileOnly} refuses options that belong to the component rather than to an endpoint's configuration.
     */
    void bind(InferenceComponent target, String where, Map<String, String> properties, boolean profileOnly) {
        Map<String, Map<String, Object>> maps = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            String head = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            JsonObject option = option(where, head);
            String name = option.getString("name");
            if (profileOnly && option.getString("configurationField") == null) {
                throw new IllegalArgumentException(
                        where + key + " is an option of the component as a whole, not of one provider: set "
                                                   + PREFIX + StringHelper.camelCaseToDash(name) + " instead");
            }
            if (option.getString("javaType").startsWith("java.util.Map")) {
                // additional-headers.X-Trace=on: one entry of a map option
                if (head.equals(key)) {
                    throw new IllegalArgumentException(where + key + " takes entries: " + where + key + ".<name>=<value>");
                }
                maps.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(key.substring(head.length() + 1), value);
            } else if (!head.equals(key)) {
                throw new IllegalArgumentException(where + key + " is not an option: " + where + head + " takes one value");
            } else {
                set(target, where + key, option, value);
            }
        });
        maps.forEach((name, entries) -> set(target, where + StringHelper.camelCaseToDash(name),
                options.get(name.toLowerCase(Locale.ROOT)), entries));
    }

    private JsonObject option(String where, String key) {
        JsonObject option = options.get(key.replace("-", "").toLowerCase(Locale.ROOT));
        if (option == null) {
            throw new IllegalArgumentException(
                    where + key + " is not an option of the inference component: see"
                                               + " \"Component options\" in its documentation (written here in"
                                               + " kebab-case, e.g. " + PREFIX + "max-tokens)");
        }
        return option;
    }

    private void set(InferenceComponent target, String property, JsonObject option, Object value) {
        String name = option.getString("name");
        Object converted = convert(property, option, value);
        try {
            PropertyBindingSupport.build().withCamelContext(camel).withTarget(target).withConfigurer(configurer)
                    .withReflection(false).withMandatory(true).withProperty(name, converted).bind();
        } catch (PropertyBindingException e) {
            String why = isSecret(option) ? "" : " (" + rootCause(e) + ")";
            throw invalid(property, option, value, "cannot be set" + why);
        }
    }

    /**
     * Simple values as Spring Boot converts them (so {@code 30s} is a duration and {@code lots} is no number); others,
     * such as a {@code #bean:name} reference, are left to Camel.
     */
    private Object convert(String property, JsonObject option, Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        Class<?> type = "duration".equals(option.getString("type"))
                ? Duration.class
                : ((PropertyConfigurerGetter) configurer).getOptionType(option.getString("name"), false);
        if (type != String.class && (type.isPrimitive() || type == Duration.class
                || type.getName().startsWith("java.lang.") && type != Object.class)) {
            try {
                return conversion.convert(text.trim(), type);
            } catch (RuntimeException e) {
                throw invalid(property, option, value, "is not " + expected(type));
            }
        }
        return text;
    }

    private static String expected(Class<?> type) {
        return switch (type.getSimpleName().toLowerCase(Locale.ROOT)) {
            case "duration" -> "a duration such as 30s, 500ms, 2m or PT30S";
            case "int", "integer", "long", "short" -> "a whole number";
            case "double", "float" -> "a number";
            case "boolean" -> "true or false";
            default -> "a " + type.getSimpleName();
        };
    }

    private static boolean isSecret(JsonObject option) {
        return Boolean.TRUE.equals(option.getBoolean("secret"));
    }

    /** The property, its value unless it is a secret, what is wrong, and what the option is for. */
    private static IllegalArgumentException invalid(String property, JsonObject option, Object value, String what) {
        String shown = isSecret(option) ? " " : "='" + value + "' ";
        return new IllegalArgumentException(property + shown + what + ": " + option.getString("description"));
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
