package com.tokyoia.web.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Tokyo-IA data platform API", version = "0.1",
        description = "Hot data of the Tokyo-IA agent system: agents, workflows, tasks, metrics, interactions "
                + "and user sessions. Errors are RFC 9457 application/problem+json."))
public class RestApplication extends Application {
}
