package com.omnicanal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The sweepers' schedule event still reads with its Joda DateTime although the context's JsonMapper has no Joda module
 * (a cold-start cut): Spring Cloud Function hands AWS events to AWSTypesMessageConverter, the runtime's own serializer.
 */
class ScheduledEventConversionTest {

    @Test
    void aScheduledEventReachesTheFunctionWithItsTimeThroughTheContextOfTheLambdas() throws Exception {
        var application = new FunctionalSpringApplication(OmnicanalApplication.class);
        // a function beside the deployable's that answers the time it was given, converted as FunctionInvoker converts
        application.addInitializers((ApplicationContextInitializer<GenericApplicationContext>) context -> context.registerBean(
                "scheduledAt", FunctionRegistration.class, () -> new FunctionRegistration<Function<ScheduledEvent, String>>(
                        event -> event.getTime().toDateTime(org.joda.time.DateTimeZone.UTC).toString(), "scheduledAt")
                        .type(FunctionTypeUtils.functionType(ScheduledEvent.class, String.class))));
        try (var context = application.run("--spring.main.banner-mode=off")) {
            var mapper = context.getBean(JsonMapper.class);
            assertThat(((ObjectMapper) new org.springframework.beans.DirectFieldAccessor(mapper).getPropertyValue("mapper"))
                    .getRegisteredModuleIds()).noneMatch(id -> id.toString().toLowerCase().contains("joda"));
            FunctionInvocationWrapper function = context.getBean(FunctionCatalog.class).lookup("scheduledAt", "application/json");
            var event = Files.readAllBytes(Path.of("..", "events", "schedule-sweep.json"));
            var message = AWSLambdaUtils.generateMessage(event, function.getInputType(), function.isSupplier(), mapper, null);
            var answer = AWSLambdaUtils.generateOutputFromObject(message, function.apply(message), mapper, function.getOutputType());

            assertThat(new String(answer)).contains("2026-11-23T09:05:00.000Z");
            assertThat(mapper).isInstanceOf(JacksonMapper.class);
        }
    }
}
