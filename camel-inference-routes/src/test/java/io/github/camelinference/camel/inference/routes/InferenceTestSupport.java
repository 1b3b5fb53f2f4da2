package io.github.camelinference.camel.inference.routes;

import io.github.camelinference.camel.inference.InferenceComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;

/**
 * A Camel test whose {@code inference} component reads nothing from the environment, so no key of the machine running
 * the tests is ever used.
 */
public abstract class InferenceTestSupport extends CamelTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null);
        camel.addComponent("inference", component);
        return camel;
    }
}
