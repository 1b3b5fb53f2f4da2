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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceComponentConfigurer;
import io.github.camelinference.camel.inference.InferenceConfiguration;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;

/**
 * Every option in the component's catalog is a {@code camel.component.inference.*} property, with nothing in the
 * starter naming it: a new component option is bound here without an edit in the starter, or this test fails.
 */
class EveryComponentOptionBindsTest {

    private static final String PREFIX = "camel.component.inference.";
    /** String options whose form the component checks when it starts: a probe value of that form. */
    private static final Map<String, String> FORMED_STRINGS = Map.of(
            "modelSuccessors", "probe-old=probe-new", "modelShutdownDates", "probe-old=2030-01-01");

    @Test
    void everyOptionOfTheComponentsCatalogIsBoundFromItsKebabCaseProperty() {
        List<String> properties = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Class<?>> beans = new LinkedHashMap<>();
        ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
                AutoConfigurations.of(CamelAutoConfiguration.class, InferenceAutoConfiguration.class));
        Map<String, Object> catalog = ComponentOptionBinder.catalogOptions();
        for (Map.Entry<String, Object> entry : catalog.entrySet()) {
            String name = entry.getKey();
            JsonObject option = (JsonObject) entry.getValue();
            String property = PREFIX + StringHelper.camelCaseToDash(name);
            String javaType = option.getString("javaType");
            String value = switch (option.getString("type")) {
                case "duration" -> "7s";
                case "boolean" -> String.valueOf(!Boolean.parseBoolean(option.getString("defaultValue")));
                case "integer" -> "3"; // within every integer option's range (schemaRetries: 0 to 3)
                case "number" -> "0.5";
                case "enum" -> option.getCollection("enum").stream().map(String::valueOf)
                        .filter(v -> !v.equals(option.getString("defaultValue"))).reduce((a, b) -> b).orElseThrow();
                case "string" -> FORMED_STRINGS.getOrDefault(name, "probe-" + name);
                case "object" -> javaType.startsWith("java.util.Map") ? null : "#bean:probe-" + name;
                default -> throw new AssertionError(
                        name + ": no sample value for catalog type " + option.getString(
                                "type") + "; teach this test one");
            };
            if (InferenceConfiguration.class.getName().equals(javaType)) {
                continue; // the holder of the other options: binding it would replace them all
            }
            if (value == null) {
                properties.add(property + ".X-Probe=1"); // a map option takes entries
                values.put(name, "{X-Probe=1}");
            } else if (value.startsWith("#bean:")) {
                properties.add(property + "=" + value);
                beans.put(name, loadClass(javaType));
            } else {
                properties.add(property + "=" + value);
                values.put(name, "duration".equals(option.getString("type")) ? "7000" : value);
            }
        }
        for (Map.Entry<String, Class<?>> bean : beans.entrySet()) {
            runner = withBean(runner, "probe-" + bean.getKey(), bean.getValue());
        }

        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertNull(context.getStartupFailure());
            InferenceComponent component = context.getBean(InferenceComponent.class);
            PropertyConfigurerGetter options = new InferenceComponentConfigurer();
            values.forEach((name, expected) -> assertEquals(expected,
                    String.valueOf(options.getOptionValue(component, name, false)), name));
            beans.keySet().forEach(name -> assertSame(context.getBean("probe-" + name),
                    options.getOptionValue(component, name, false), name));
        });
        assertEquals(catalog.size() - 1, values.size() + beans.size(), "every option but configuration was bound");
    }

    @SuppressWarnings("unchecked")
    private static <T> ApplicationContextRunner withBean(ApplicationContextRunner runner, String name, Class<T> type) {
        return runner.withBean(name, type, () -> type == Object.class ? (T) new Object() : mock(type));
    }

    private static Class<?> loadClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }
}
