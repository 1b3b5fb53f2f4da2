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
package io.github.camelinference.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot service: {@code POST /ask} with a prompt answers through the YAML failover route in
 * {@code src/main/resources/camel/}. Run offline against the simulator:
 * {@code mvn -B -q install -DskipTests && mvn -B -q -pl examples/failover-spring-boot spring-boot:run}, then
 * {@code curl -s -XPOST localhost:8080/ask -H 'Content-Type: text/plain' -d 'Classify: refund not received'}.
 */
@SpringBootApplication
public class SpringBootExample {

    public static void main(String[] args) {
        SpringApplication.run(SpringBootExample.class, args);
    }
}
