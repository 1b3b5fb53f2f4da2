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
package io.github.camelinference.camel.inference.routes.failover;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * Binds a property named on the failover step ({@code retries: 3} in a YAML bean, {@code camel.beans.failover.retries}
 * in properties) to the step's {@link FailoverOptions}, so the options are declared once, there, and still set on the
 * step by their own names. A name the options do not have (the step's {@code id}, say) is left to Camel, which sets it
 * on the step itself; found through {@code META-INF/services/org/apache/camel/configurer/}.
 */
public class InferenceFailoverConfigurer implements PropertyConfigurer {

    @Override
    public boolean configure(CamelContext camelContext, Object target, String name, Object value, boolean ignoreCase) {
        // Camel hands the last step of a dotted name (options.retries) here too, with the options as target
        return target instanceof InferenceFailover step && PropertyBindingSupport.build().withIgnoreCase(ignoreCase)
                .withMandatory(false).bind(camelContext, step.getOptions(), name, value);
    }
}
