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
package io.github.camelinference.examples.kafka;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example as the README runs it: offline, local broker and simulators, the shipped YAML routes. */
class KafkaPipelineOfflineTest {

    @Test
    void answersEveryPromptWithItsHeaders() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        KafkaPipeline.Summary summary = KafkaPipeline.runOffline(100, name -> null,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals(100, summary.answered(), printed.toString(StandardCharsets.UTF_8));
        assertEquals(0, summary.deadLettered());
        assertEquals(0, summary.duplicates());
        PipelineOutputs.Outcome sample = summary.sample();
        assertNotNull(sample);
        Map<String, String> headers = sample.headers();
        assertEquals(sample.key(), headers.get(AnswerRecords.IDEMPOTENCY_KEY));
        assertEquals(sample.key(), headers.get(AnswerRecords.SOURCE_TOPIC) + "-"
                                   + headers.get(AnswerRecords.SOURCE_PARTITION) + "-"
                                   + headers.get(AnswerRecords.SOURCE_OFFSET));
        assertEquals("openai", headers.get(AnswerRecords.PROVIDER));
        assertTrue(headers.get(AnswerRecords.MODEL).startsWith("gpt-5-mini"), headers.toString());
        assertTrue(Integer.parseInt(headers.get(AnswerRecords.TOTAL_TOKENS)) > 0, headers.toString());
        assertTrue(Double.parseDouble(headers.get(AnswerRecords.COST)) > 0, headers.toString());
        assertTrue(Long.parseLong(headers.get(AnswerRecords.LATENCY)) >= 0, headers.toString());
        assertTrue(sample.body().startsWith("Simulated answer to:"), sample.body());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("100 of 100 prompts came out"));
    }
}
