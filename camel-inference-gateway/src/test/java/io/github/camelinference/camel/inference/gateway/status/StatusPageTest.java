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
package io.github.camelinference.camel.inference.gateway.status;

import java.util.List;

import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.BreakerStatus;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.ModelStatus;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.ProviderStatus;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.TargetStatus;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus.TenantStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every name the page shows comes from configuration, and is rendered as text, never as markup. */
class StatusPageTest {

    private static final String EVIL = "\"><img src=x onerror=alert(1)>";

    @Test
    void namesFromConfigurationAreEscapedInTextAndAttributes() {
        GatewayStatus status = new GatewayStatus(
                "2026-12-06T01:02:03Z", 5,
                List.of(new ProviderStatus(
                        EVIL, "openai-compatible", List.of("http://h/" + EVIL), 3, 1, 1 / 3.0, 10L, 20L, 1, 1)),
                List.of(new ModelStatus(
                        EVIL, List.of(new TargetStatus(
                                EVIL, EVIL,
                                List.of(new BreakerStatus(EVIL, "OPEN", 100f, false)))))),
                "day", List.of(new TenantStatus(EVIL, 2, 1, true)));

        String html = StatusPage.render(status);

        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains(EVIL), html);
        assertTrue(html.contains("data-tenant=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""), html);
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), html);
        assertTrue(html.contains("budget spent"), html);
        assertTrue(html.contains("1 of 1 open"), html);
    }

    @Test
    void aBaseUrlIsShownWithoutUserInfoOrQuery() {
        assertEquals("https://llm.example.com:8443/v1",
                GatewayStatus.shown("https://user:secret@llm.example.com:8443/v1?api-key=secret"));
        assertEquals("http://127.0.0.1:8000/v1", GatewayStatus.shown("http://127.0.0.1:8000/v1"));
        assertNull(GatewayStatus.shown(" "));
    }
}
