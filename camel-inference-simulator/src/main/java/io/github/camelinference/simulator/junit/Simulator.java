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

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.camelinference.simulator.Flavour;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A static {@code ProviderSimulator} field of a JUnit 5 test class (or of a class it extends): the simulator starts on
 * a free loopback port before the class's tests and stops after them.
 *
 * <pre>
 * &#64;Simulator(Flavour.OPENAI)
 * static ProviderSimulator openai;   // point endpoints at openai.baseUrl()
 * </pre>
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SimulatorExtension.class)
public @interface Simulator {

    /** Which provider the simulator speaks as. */
    Flavour value();

    /**
     * Reset the simulator (scripted replies, recorded requests, rate limit) before each test, so that no test sees what
     * another scripted or sent.
     */
    boolean resetBeforeEach() default false;
}
