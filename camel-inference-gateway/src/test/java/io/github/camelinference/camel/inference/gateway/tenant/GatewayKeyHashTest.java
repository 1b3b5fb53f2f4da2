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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import io.github.camelinference.camel.inference.gateway.Gateway;
import io.github.camelinference.camel.inference.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys are kept as salted hashes: a key given in clear text works as before, one given as its hash
 * ({@code gateway.tenant.<t>.keyHash}, with {@code gateway.keys.salt}) works the same, and two entries of one key are
 * refused at start, naming both lines and never the key.
 */
class GatewayKeyHashTest {

    private static final String SALT = "salt-of-the-key-hash-test";
    private static final String KEY = "gk-hashed-secret-0123456789";
    private static final String PROVIDER = """
            gateway.provider.local.type = openai-compatible
            gateway.provider.local.baseUrl = http://127.0.0.1:1/v1
            """;

    @TempDir
    Path dir;

    private static Properties properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void aKeyGivenAsItsHashAuthenticatesItsTenant() {
        String hash = new KeyHasher(SALT).hash(KEY);
        Tenants tenants = Tenants.fromProperties(properties("gateway.tenant.acme.keyHash", hash), name -> null,
                new KeyHasher(SALT));

        assertEquals("acme", tenants.authenticate("Bearer " + KEY).name());
        assertNull(tenants.authenticate("Bearer " + hash), "the hash is not a key");
        assertNull(tenants.authenticate("Bearer gk-other"));
        assertFalse(tenants.storedKeys().toString().contains(KEY), "only the hash is kept");
    }

    @Test
    void aHashedKeyWithoutTheSaltItWasMadeWithIsRefused() {
        String hash = new KeyHasher(SALT).hash(KEY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tenants.fromProperties(properties("gateway.tenant.acme.keyHash", hash)));
        assertTrue(e.getMessage().contains("gateway.tenant.acme.keyHash needs gateway.keys.salt"), e.getMessage());
        IllegalArgumentException notAHash = assertThrows(IllegalArgumentException.class,
                () -> Tenants.fromProperties(properties("gateway.tenant.acme.keyHash", KEY), name -> null,
                        new KeyHasher(SALT)));
        assertTrue(notAHash.getMessage().contains("is not a key hash"), notAHash.getMessage());
        assertFalse(notAHash.getMessage().contains(KEY), "never the key: " + notAHash.getMessage());
    }

    @Test
    void aDuplicateKeyHashIsRefusedAtStartNamingBothLinesAndNeverTheKey() throws Exception {
        String file = dir.resolve("gateway.properties").toString();
        Files.writeString(dir.resolve("gateway.properties"), PROVIDER
                                                             + "gateway.keys.salt = " + SALT + "\n"
                                                             + "gateway.tenant.acme.key = " + KEY + "\n"
                                                             + "gateway.tenant.globex.keyHash = "
                                                             + new KeyHasher(SALT).hash(KEY) + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gateway.create(GatewayConfig.load(dir, Map.of(), name -> null), null));

        String message = e.getMessage();
        assertTrue(message.contains("gateway.tenant.acme.key (" + file + " line 4)"), message);
        assertTrue(message.contains("gateway.tenant.globex.keyHash (" + file + " line 5)"), message);
        assertTrue(message.contains("equal key hashes"), message);
        assertFalse(message.contains(KEY), "never the key: " + message);
        assertFalse(message.contains(new KeyHasher(SALT).hash(KEY)), "nor its hash: " + message);
    }

    @Test
    void aTenantWithBothAKeyAndAHashIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tenants.fromProperties(properties("gateway.tenant.acme.key", KEY, "gateway.tenant.acme.keyHash",
                        new KeyHasher(SALT).hash(KEY)), name -> null, new KeyHasher(SALT)));
        assertTrue(e.getMessage().contains("are both set"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
    }

    @Test
    void madeKeysAreRandomAndHashesDependOnTheSalt() {
        String one = KeyHasher.newKey();
        String two = KeyHasher.newKey();
        assertTrue(one.startsWith("sk-") && one.length() == 46, one.length() + " characters");
        assertFalse(one.equals(two));
        assertFalse(new KeyHasher("a").hash(one).equals(new KeyHasher("b").hash(one)), "salted");
        assertEquals(new KeyHasher("a").hash(one), new KeyHasher("a").hash(one));
    }
}
