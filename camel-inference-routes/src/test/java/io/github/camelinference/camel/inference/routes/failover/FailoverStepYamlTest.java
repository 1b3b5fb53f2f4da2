package io.github.camelinference.camel.inference.routes.failover;

import org.apache.camel.support.PluginHelper;

/** The failover step's contract on routes written in YAML ({@code routes/failover-step.yaml}). */
class FailoverStepYamlTest extends FailoverStepContract {

    @Override
    protected void doPostSetup() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/failover-step.yaml"));
    }
}
