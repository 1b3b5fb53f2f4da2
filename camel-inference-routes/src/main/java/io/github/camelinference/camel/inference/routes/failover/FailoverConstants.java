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

import org.apache.camel.spi.Metadata;

/**
 * Headers the failover step writes on the answer, beside the {@code inference:} producer's own
 * ({@code InferenceConstants}: provider, model, tokens, cost, attempts).
 */
public final class FailoverConstants {

    @Metadata(description = "The name of the target that answered.", javaType = "String")
    public static final String TARGET = "CamelInferenceFailoverTarget";

    @Metadata(description = "Whether a target other than the first answered.", javaType = "Boolean")
    public static final String FALLBACK_USED = "CamelInferenceFallbackUsed";

    @Metadata(description = "Whether a hedged call was started.", javaType = "Boolean")
    public static final String HEDGED = "CamelInferenceHedged";

    @Metadata(description = "Set when a streamed answer ends: the target(s) that continued it after a break, comma"
                            + " separated.",
              javaType = "String")
    public static final String CONTINUED_ON = "CamelInferenceContinuedOn";

    /**
     * The answer's token and cost headers are then the sum of these shares, each at its own target's prices: a
     * continued answer was paid to more than one provider.
     */
    @Metadata(description = "Set when a streamed answer that was continued after a break ends: each target's share of"
                            + " it (tokens, cost, whether estimated), by target name in the order they wrote it.",
              javaType = "java.util.Map<String, TargetUsage>")
    public static final String USAGE_BY_TARGET = "CamelInferenceUsageByTarget";

    private FailoverConstants() {
    }
}
