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
package io.github.camelinference.camel.inference.lifecycle;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which model a call goes to on a given day, and the successions refused because they could never end. */
class ModelSuccessionTest {

    private static final LocalDate SHUTDOWN = LocalDate.parse("2026-12-11");

    @Test
    void aModelIsCalledAsNamedUntilItsShutdownDateAndAsItsSuccessorFromThatDayOn() {
        ModelSuccession succession = ModelSuccession.of(Map.of("gpt-5-mini", "gpt-6.1-terra"), Map.of());

        assertEquals("gpt-5-mini", succession.modelFor("gpt-5-mini", SHUTDOWN.minusDays(1),
                m -> SHUTDOWN, m -> false));
        assertEquals("gpt-6.1-terra", succession.modelFor("gpt-5-mini", SHUTDOWN, m -> SHUTDOWN, m -> false));
    }

    @Test
    void theProvidersDateWinsOverAConfiguredOne() {
        ModelSuccession succession = ModelSuccession.of(Map.of("m", "n"), Map.of("m", SHUTDOWN.minusDays(30)));

        assertEquals("m", succession.modelFor("m", SHUTDOWN.minusDays(1), model -> SHUTDOWN, model -> false));
        assertEquals("n", succession.modelFor("m", SHUTDOWN.minusDays(1), model -> null, model -> false));
    }

    @Test
    void aChainIsFollowedPastEveryRetiredModel() {
        ModelSuccession succession = ModelSuccession.of(Map.of("a", "b", "b", "c"), Map.of());
        Set<String> gone = Set.of("a", "b");

        assertEquals("c", succession.modelFor("a", SHUTDOWN, m -> null, gone::contains));
    }

    @Test
    void selfSuccessionAndCyclesAreRefused() {
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> ModelSuccession.of(Map.of("a", "a"), Map.of()));
        assertTrue(self.getMessage().contains("a is named as its own successor"), self.getMessage());

        Map<String, String> loop = ModelSuccession.parseSuccessors("modelSuccessors", "a=b,b=a");
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class,
                () -> ModelSuccession.of(loop, Map.of()));
        assertTrue(cycle.getMessage().contains("cycle (a -> b -> a)"), cycle.getMessage());
    }

    @Test
    void pairsAndDatesAreReadOrRefusedNamingTheOption() {
        assertEquals(Map.of("gpt-5-mini", "gpt-6.1-terra", "gpt-5", "gpt-6.1-sol"),
                ModelSuccession.parseSuccessors("modelSuccessors", " gpt-5-mini=gpt-6.1-terra , gpt-5=gpt-6.1-sol"));
        assertEquals(Map.of("gpt-5-mini", SHUTDOWN), ModelSuccession.parseDates("modelShutdownDates",
                "gpt-5-mini=2026-12-11"));

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> ModelSuccession.parseSuccessors("modelSuccessors", "a=b,a=c"));
        assertTrue(twice.getMessage().contains("modelSuccessors names model a twice"), twice.getMessage());
    }
}
