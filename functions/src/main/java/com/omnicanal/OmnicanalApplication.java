package com.omnicanal;

import java.util.function.Function;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Spring Cloud Function entry point with functional bean registration (no classpath scanning: the cheapest start).
 * Registers every function {@link Functions} lists; each Lambda picks its own with SPRING_CLOUD_FUNCTION_DEFINITION.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
public class OmnicanalApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    public static void main(String[] args) {
        FunctionalSpringApplication.run(OmnicanalApplication.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        // functional registration does not pick up AWSCompanionAutoConfiguration's converter by itself
        context.registerBean("awsTypesMessageConverter", MessageConverter.class,
                () -> new AWSCompanionAutoConfiguration().awsTypesMessageConverter(context));
        // SnapStart: warms the function before the snapshot (a no-op without CRaC)
        context.registerBean("priming", Priming.class, () -> new Priming(context));
        // the warm-up may have installed the JSON log handler before Spring's logging system reset java.util.logging
        // (that happens before this initializer runs): install it again, so Lambda keeps JSON logs
        if (Warmup.started()) com.omnicanal.infrastructure.logging.StructuredLog.install(System.err);
        for (var function : Functions.values()) {
            // the function is looked up in the container's Wiring at each call: tests and the local stack install theirs
            context.registerBean(function.definition(), FunctionRegistration.class,
                    () -> new FunctionRegistration<Function<Object, Object>>(function::apply, function.definition())
                            .type(FunctionTypeUtils.functionType(function.input(), function.output())));
        }
    }
}
