package com.omnicanal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.function.Function;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogInitializer;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
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
        // SCF registers Spring's annotation processors (@Autowired, @PostConstruct, @EventListener: each bean's class
        // scanned by reflection) unless this name is taken, as SCF takes it itself for configuration classes; our beans
        // are all registered functionally, none has an annotation to process
        context.registerBean(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME,
                ContextFunctionCatalogInitializer.DummyProcessor.class, ContextFunctionCatalogInitializer.DummyProcessor::new);
        context.registerBean("jsonMapperWithoutJoda", JsonMapperWithoutJoda.class, () -> new JsonMapperWithoutJoda(context));
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

    /**
     * Spring Cloud Function's JsonMapper as SCF configures it, less the Joda module it always adds (about 100 classes at
     * cold start): AWS events, ScheduledEvent's Joda DateTime included, are read by AWSTypesMessageConverter with the
     * runtime's own serializer, never by this mapper (ScheduledEventConversionTest holds that).
     */
    static final class JsonMapperWithoutJoda implements BeanDefinitionRegistryPostProcessor {
        private final GenericApplicationContext context;

        JsonMapperWithoutJoda(GenericApplicationContext context) {
            this.context = context;
        }

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            // SCF's catalog initializer registered its JsonMapper just before (a post-processor the context runs first)
            var name = JsonMapper.class.getName();
            if (registry.containsBeanDefinition(name)) registry.removeBeanDefinition(name);
            context.registerBean(name, JsonMapper.class, OmnicanalApplication::jsonMapper);
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        }
    }

    /** SCF's JacksonMapper settings (JsonMapperConfiguration.jackson): java.time, lenient on unknown and empty beans. */
    static JsonMapper jsonMapper() {
        return new JacksonMapper(com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build());
    }
}
