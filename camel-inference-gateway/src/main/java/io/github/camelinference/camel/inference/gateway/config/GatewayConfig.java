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
package io.github.camelinference.camel.inference.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelinference.camel.inference.gateway.tenant.Tenants;

/**
 * The gateway's settings, merged from these sources, each overriding the one before:
 * <ol>
 * <li>the defaults built in ({@code application.properties} on the class path);</li>
 * <li>in the offline demo (no {@code gateway.provider.*} configured) its tenants ({@code demo.properties});</li>
 * <li>the config directory's {@code gateway.properties}, then its {@code tenants.properties};</li>
 * <li>environment variables named after a setting already given: upper case, dots and dashes as underscores
 * ({@code GATEWAY_PROVIDER_CORP_KEY} for {@code gateway.provider.corp.key}, {@code CAMEL_SERVER_HOST}); and, for what
 * no file gives, providers, tenants and short-form models from the environment alone
 * ({@code GATEWAY_PROVIDER_CORP_TYPE}, {@code GATEWAY_TENANT_ACME_KEY}, {@code GATEWAY_MODELS_FAST}: see
 * {@link #settingNamedBy});</li>
 * <li>the command line ({@code --port}) or the caller of {@code Gateway.create}.</li>
 * </ol>
 * Values may use Camel's placeholders, such as {@code {{env:OPENAI_API_KEY}}}: a provider's are resolved by Camel when
 * an endpoint is created, so a key written that way never passes through here; a tenant's are read at load. Each
 * setting remembers where it came from (file and line), so a refusal at start can name it.
 */
public final class GatewayConfig {

    /** The environment variable naming the config directory, when {@code --config-dir} is not given. */
    public static final String CONFIG_DIR_ENV = "GATEWAY_CONFIG_DIR";
    static final String PROVIDER_PREFIX = "gateway.provider.";
    private static final String TENANT_PREFIX = "gateway.tenant.";
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}}");

    private final Properties properties;
    private final Map<String, String> origins;
    private final Path configDir;
    private final boolean demo;

    private GatewayConfig(Properties properties, Map<String, String> origins, Path configDir, boolean demo) {
        this.properties = properties;
        this.origins = origins;
        this.configDir = configDir;
        this.demo = demo;
    }

    /**
     * Reads the settings.
     *
     * @param configDir the config directory, or null for none
     * @param overrides settings that win over every file and the environment
     * @param env       the environment ({@code System::getenv})
     */
    public static GatewayConfig load(Path configDir, Map<String, String> overrides, Function<String, String> env) {
        return load(configDir, overrides, env, Map.of());
    }

    /**
     * Reads the settings, with the whole environment, so that providers, tenants and models may come from it alone.
     *
     * @param environment every environment variable ({@code System.getenv()})
     */
    public static GatewayConfig load(Path configDir, Map<String, String> overrides, Map<String, String> environment) {
        return load(configDir, overrides, environment::get, environment);
    }

    private static GatewayConfig load(
            Path configDir, Map<String, String> overrides, Function<String, String> env,
            Map<String, String> environment) {
        Properties merged = new Properties();
        Map<String, String> origins = new HashMap<>();
        read(classpath("application.properties"), "application.properties (built in)", merged, origins);
        if (configDir != null) {
            if (!Files.isDirectory(configDir)) {
                throw new IllegalArgumentException(
                        "the config directory " + configDir.toAbsolutePath() + " does not exist (--config-dir or "
                                                   + CONFIG_DIR_ENV + ")");
            }
            for (String file : List.of("gateway.properties", "tenants.properties")) {
                Path path = configDir.resolve(file);
                if (Files.isRegularFile(path)) {
                    read(readFile(path), path.toString(), merged, origins);
                }
            }
        }
        for (String name : List.copyOf(merged.stringPropertyNames())) {
            String variable = environmentName(name);
            String value = env.apply(variable);
            if (value != null) {
                merged.setProperty(name, value);
                origins.put(name, "environment variable " + variable);
            }
        }
        addFromEnvironment(merged, origins, environment);
        overrides.forEach((name, value) -> {
            merged.setProperty(name, value);
            origins.put(name, "override " + name);
        });
        expandEnvironment(merged, origins, env);
        boolean demo = merged.stringPropertyNames().stream().noneMatch(name -> name.startsWith(PROVIDER_PREFIX));
        if (demo) {
            // the demo's tenants, under everything configured: a tenant given elsewhere keeps its own settings
            Properties demoTenants = new Properties();
            Map<String, String> demoOrigins = new HashMap<>();
            read(classpath("demo.properties"), "demo.properties (built in)", demoTenants, demoOrigins);
            for (String name : demoTenants.stringPropertyNames()) {
                if (!merged.containsKey(name)) {
                    merged.setProperty(name, demoTenants.getProperty(name));
                    origins.put(name, demoOrigins.get(name));
                }
            }
        }
        return new GatewayConfig(merged, origins, configDir, demo);
    }

    /**
     * Reads {@code {{env:NAME}}} and {@code {{env:NAME:default}}} in the tenants' settings now, as the tenants are read
     * before Camel starts (the providers' settings are left to Camel, which resolves them when it creates an endpoint).
     */
    private static void expandEnvironment(Properties merged, Map<String, String> origins, Function<String, String> env) {
        for (String name : merged.stringPropertyNames()) {
            if (!name.startsWith(TENANT_PREFIX)) {
                continue;
            }
            Matcher placeholder = ENV_PLACEHOLDER.matcher(merged.getProperty(name));
            StringBuilder expanded = new StringBuilder();
            while (placeholder.find()) {
                String value = env.apply(placeholder.group(1));
                if (value == null) {
                    value = placeholder.group(2);
                }
                if (value == null) {
                    String origin = origins.get(name);
                    throw new IllegalArgumentException(
                            name + (origin == null ? "" : " (" + origin + ")") + " reads the environment variable "
                                                       + placeholder.group(1) + ", which is not set: set it, or give a"
                                                       + " default as {{env:" + placeholder.group(1) + ":value}}");
                }
                placeholder.appendReplacement(expanded, Matcher.quoteReplacement(value));
            }
            placeholder.appendTail(expanded);
            merged.setProperty(name, expanded.toString());
        }
    }

    /**
     * Adds the settings of providers, tenants and short-form models that only the environment gives (a container's
     * whole configuration may come from its environment). A variable that names a setting already given was applied
     * above; a variable of those three kinds that names no setting is refused, naming the settings it may end with.
     */
    private static void addFromEnvironment(
            Properties merged, Map<String, String> origins, Map<String, String> environment) {
        Map<String, String> given = new HashMap<>();
        for (String name : merged.stringPropertyNames()) {
            given.put(environmentName(name), name);
        }
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            if (given.containsKey(variable.getKey())) {
                continue;
            }
            String setting = settingNamedBy(variable.getKey(), merged);
            if (setting != null) {
                merged.setProperty(setting, variable.getValue());
                origins.put(setting, "environment variable " + variable.getKey());
            }
        }
    }

    /**
     * The setting an environment variable gives, when no file gives it: {@code GATEWAY_PROVIDER_<NAME>_<SETTING>},
     * {@code GATEWAY_TENANT_<NAME>_<SETTING>} (the setting's name in upper case: {@code BASEURL}, {@code USDPERDAY})
     * and {@code GATEWAY_MODELS_<NAME>}. A name is that of a provider or tenant a file already gives when it reads the
     * same in upper case with underscores ({@code MY_CORP} for {@code my-corp}), else the variable's part in lower
     * case. Null for any other variable.
     *
     * @throws IllegalArgumentException a provider or tenant variable that ends with no setting of theirs
     */
    static String settingNamedBy(String variable, Properties given) {
        if (variable.startsWith("GATEWAY_MODELS_") && variable.length() > "GATEWAY_MODELS_".length()) {
            return ModelConfig.PREFIX + variable.substring("GATEWAY_MODELS_".length()).toLowerCase(Locale.ROOT);
        }
        if (variable.startsWith("GATEWAY_PROVIDER_")) {
            return setting(variable, "GATEWAY_PROVIDER_", PROVIDER_PREFIX, ProviderConfig.SETTINGS, given);
        }
        if (variable.startsWith("GATEWAY_TENANT_")) {
            return setting(variable, "GATEWAY_TENANT_", TENANT_PREFIX, Tenants.SETTINGS, given);
        }
        return null;
    }

    private static String setting(
            String variable, String variablePrefix, String prefix, List<String> settings, Properties given) {
        String rest = variable.substring(variablePrefix.length());
        for (String setting : settings) {
            String suffix = "_" + environmentName(setting);
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                String name = rest.substring(0, rest.length() - suffix.length());
                return prefix + givenName(prefix, name, given) + "." + setting;
            }
        }
        throw new IllegalArgumentException(
                "the environment variable " + variable + " names no setting: use " + variablePrefix + "<NAME>_<SETTING>"
                                           + " with SETTING one of " + settings.stream()
                                                   .map(GatewayConfig::environmentName).toList());
    }

    /** A provider's or tenant's name as a file gives it, when one reads as {@code name} does in a variable. */
    private static String givenName(String prefix, String name, Properties given) {
        for (String property : given.stringPropertyNames()) {
            int dot = property.lastIndexOf('.');
            if (property.startsWith(prefix) && dot > prefix.length()) {
                String existing = property.substring(prefix.length(), dot);
                if (environmentName(existing).equals(name)) {
                    return existing;
                }
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code gateway.provider.corp.key} → {@code GATEWAY_PROVIDER_CORP_KEY}. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every setting, merged. */
    public Properties properties() {
        return properties;
    }

    public String get(String name) {
        return properties.getProperty(name);
    }

    public String get(String name, String defaultValue) {
        return properties.getProperty(name, defaultValue);
    }

    /** Where a setting came from ({@code /config/gateway.properties line 12}), or null when it is not set. */
    public String origin(String name) {
        return origins.get(name);
    }

    /** The config directory, or null. */
    public Path configDir() {
        return configDir;
    }

    /** No provider configured: the gateway runs the demo (simulators, or the public services with keys set). */
    public boolean demo() {
        return demo;
    }

    /** Every setting that is not a built-in default, for Camel Main to override its application.properties with. */
    public Map<String, String> camelOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String origin = origins.get(name);
            if (origin == null || !origin.startsWith("application.properties")) {
                overrides.put(name, properties.getProperty(name));
            }
        }
        return overrides;
    }

    private static String classpath(String resource) {
        try (InputStream in = GatewayConfig.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the class path", e);
        }
    }

    private static String readFile(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), e);
        }
    }

    /** Loads a properties text into {@code into}, noting the line each key was last set on. */
    private static void read(String text, String source, Properties into, Map<String, String> origins) {
        Properties file = new Properties();
        try (Reader reader = new StringReader(text)) {
            file.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a valid properties file: " + e.getMessage(), e);
        }
        Map<String, Integer> lines = keyLines(text);
        for (String name : file.stringPropertyNames()) {
            into.setProperty(name, file.getProperty(name));
            Integer line = lines.get(name);
            origins.put(name, line == null ? source : source + " line " + line);
        }
    }

    /**
     * The line each key is set on; a key set twice is reported at its last line (the one that wins). Keys with escapes
     * are not found (rare in this file): their settings are reported by file only.
     */
    static Map<String, Integer> keyLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        String[] all = text.split("\r\n|\r|\n", -1);
        boolean continued = false;
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            if (continued) {
                continued = endsWithOddBackslashes(line);
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            continued = endsWithOddBackslashes(line);
            int end = 0;
            while (end < line.length() && "=: \t\f".indexOf(line.charAt(end)) < 0) {
                end++;
            }
            lines.put(line.substring(0, end), i + 1);
        }
        return lines;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }
}
