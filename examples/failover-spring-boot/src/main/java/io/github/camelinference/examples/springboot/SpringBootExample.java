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
