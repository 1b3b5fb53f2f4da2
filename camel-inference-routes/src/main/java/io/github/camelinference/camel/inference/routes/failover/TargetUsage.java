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

import io.github.camelinference.camel.inference.chat.Usage;

/**
 * One target's share of a streamed answer that a failover step continued on another target after it broke: the values
 * of the {@link FailoverConstants#USAGE_BY_TARGET} header, by target name.
 *
 * @param usage     the tokens the target used; for a target whose stream broke, an estimate (it never reported usage)
 * @param costUsd   those tokens at the target endpoint's prices, or null when its prices are unknown
 * @param estimated whether the usage is an estimate: the prompt at its upper bound, one output token per delta received
 *                  (a stream that broke); false for the provider's own count
 */
public record TargetUsage(Usage usage, Double costUsd, boolean estimated) {
}
