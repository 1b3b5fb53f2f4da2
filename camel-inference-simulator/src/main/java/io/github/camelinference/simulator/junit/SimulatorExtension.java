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
package io.github.camelinference.simulator.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import io.github.camelinference.simulator.ProviderSimulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts the simulators of a test class's {@link Simulator} fields before its tests, resets those that ask for it
 * before each test, and stops them after the class. Registered by {@link Simulator} itself.
 */
public final class SimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimulatorExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<Field> started = new ArrayList<>();
        // stored before starting, so that afterAll stops those started before one failed to
        context.getStore(NAMESPACE).put(context.getRequiredTestClass(), started);
        for (Field field : simulatorFields(context)) {
            if (field.get(null) == null) { // one already there was started by its own code, which stops it
                field.set(null, ProviderSimulator.start(field.getAnnotation(Simulator.class).value()));
                started.add(field);
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        for (Field field : simulatorFields(context)) {
            // read now: a test may have replaced its simulator (a restart on the same port)
            if (field.getAnnotation(Simulator.class).resetBeforeEach()
                    && field.get(null) instanceof ProviderSimulator simulator) {
                simulator.reset();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        @SuppressWarnings("unchecked")
        List<Field> started = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), List.class);
        if (started == null) {
            return;
        }
        for (Field field : started) {
            if (field.get(null) instanceof ProviderSimulator simulator) {
                simulator.close();
            }
            field.set(null, null); // the next class sharing the field (a common base class) starts its own
        }
    }

    private static List<Field> simulatorFields(ExtensionContext context) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(context.getRequiredTestClass(), Simulator.class);
        for (Field field : fields) {
            if (!Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())
                    || field.getType() != ProviderSimulator.class) {
                throw new ExtensionConfigurationException(
                        "@Simulator field " + field.getDeclaringClass().getName()
                                                          + "." + field.getName()
                                                          + " must be a static, non-final ProviderSimulator field: the simulator"
                                                          + " is started for the whole class and assigned to it");
            }
            field.setAccessible(true);
        }
        return fields;
    }
}
