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
package io.github.camelinference.camel.inference.gateway.tenant;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayTenantsTest {

    private static Tenants tenants(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return Tenants.fromProperties(p);
    }

    @Test
    void mapsBearerKeysToTenantsAndTheirModels() {
        Tenants t = tenants("gateway.tenant.acme.key", "k1", "gateway.tenant.acme.models", "smart, cheap",
                "gateway.tenant.globex.key", "k2");
        Tenant acme = t.authenticate("Bearer k1");
        assertEquals("acme", acme.name());
        assertTrue(acme.mayUse("cheap"));
        assertFalse(acme.mayUse("other"));
        assertTrue(t.authenticate("bearer k2").mayUse("anything"), "no models listed: all");
    }

    @Test
    void refusesMissingUnknownAndMalformedKeys() {
        Tenants t = tenants("gateway.tenant.acme.key", "k1");
        assertNull(t.authenticate(null));
        assertNull(t.authenticate("Bearer k2"));
        assertNull(t.authenticate("k1"));
        assertNull(t.authenticate("Basic k1"));
    }

    @Test
    void readsATenantsOwnBudgetAmountAndLeavesTheOthersToTheGateways() {
        Tenants t = tenants("gateway.tenant.acme.key", "k1", "gateway.tenant.acme.usdPerDay", " 2.5 ",
                "gateway.tenant.globex.key", "k2");
        assertEquals(2.5, t.authenticate("Bearer k1").usdPerDay());
        assertNull(t.authenticate("Bearer k2").usdPerDay(), "no amount of its own: gateway.budget.usdPerDay");
    }

    @Test
    void refusesABudgetAmountThatIsNotAPositiveNumber() {
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> tenants("gateway.tenant.acme.key", "k1", "gateway.tenant.acme.usdPerDay", "lots"));
        assertTrue(text.getMessage().contains("gateway.tenant.acme.usdPerDay"), text.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> tenants("gateway.tenant.acme.key", "k1", "gateway.tenant.acme.usdPerDay", "0"));
        assertTrue(zero.getMessage().contains("more than 0"), zero.getMessage());
    }

    @Test
    void refusesASharedKey() {
        assertThrows(IllegalArgumentException.class,
                () -> tenants("gateway.tenant.a.key", "same", "gateway.tenant.b.key", "same"));
    }
}
