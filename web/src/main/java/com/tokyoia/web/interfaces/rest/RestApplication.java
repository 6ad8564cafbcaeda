package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.interfaces.rest.problem.AnalyticsProblemMappers;
import com.tokyoia.web.interfaces.rest.problem.Problem;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.ExternalDocumentation;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API's root, and the parts of its OpenAPI document every operation shares: the tags per area
 * and the problem+json answers operations refer to by name (ApiResponses). The version, contact
 * and servers come from configuration (microprofile-config.properties, the version filled
 * in by the build); ApiDocumentFilter adds the answers every operation can give.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Tokyo-IA data platform API", version = "set from the build by configuration",
                description = "The hot data of the Tokyo-IA agent system (agents, workflows, tasks, metrics, interactions, "
                        + "user sessions), the lake's lifecycle (exports, retention, restores), analytics over any range, "
                        + "costs and alerts. Every error is an RFC 9457 application/problem+json document; a request's "
                        + "X-Request-Id (or the one the server gives it) is answered in X-Request-Id and found in the server log.",
                // OpenAPI 3.1 wants a license to say where its terms are: an SPDX expression, and
                // LicenseRef- is SPDX's form for terms that are not a published license.
                license = @License(name = "Proprietary", identifier = "LicenseRef-Proprietary")),
        externalDocs = @ExternalDocumentation(description = "The dashboard, served at the server's root", url = "/"),
        security = @SecurityRequirement(name = ApiResponses.BASIC_AUTH),
        tags = {
                @Tag(name = ApiResponses.HOT, description = "Agents, workflows, tasks, metrics, interactions and sessions in PostgreSQL"),
                @Tag(name = ApiResponses.ETL, description = "Exports to the lake, their runs, the manifest, retention"),
                @Tag(name = ApiResponses.LAKE, description = "Storage classes, restores, the footprint of the lake"),
                @Tag(name = ApiResponses.ANALYTICS, description = "Named questions over any range, routed to PostgreSQL or the lake"),
                @Tag(name = ApiResponses.COSTS, description = "What cold scans cost, the budget, the monthly estimate"),
                @Tag(name = ApiResponses.OPERATIONS, description = "Alerts and their incidents"),
                @Tag(name = ApiResponses.AUDIT, description = "Who did what, and who was refused: the audit trail")},
        components = @Components(
                schemas = {
                        @Schema(name = "Problem", implementation = Problem.class),
                        @Schema(name = "Refusal", implementation = AnalyticsProblemMappers.Refusal.class),
                        @Schema(name = "EngineFailure", implementation = AnalyticsProblemMappers.EngineFailure.class)},
                securitySchemes = @SecurityScheme(securitySchemeName = ApiResponses.BASIC_AUTH, type = SecuritySchemeType.HTTP,
                        scheme = "basic", description = "A user of the server's realm (./tokyo-ia user add NAME ROLE) with the role "
                        + "the operation admits: ingest, viewer, analyst or admin"),
                parameters = @Parameter(name = ApiResponses.IDEMPOTENCY_KEY, in = ParameterIn.HEADER,
                        description = "Optional, and what a client retrying after a timeout or a 503 should send: the same key with the "
                                + "same request is stored once, and every retry is answered with the first answer (marked "
                                + "Idempotent-Replayed: true). Keys are the user's own, kept for tokyoia.api.idempotency-key-hours.",
                        schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7E]+$")),
                responses = {
                        @APIResponse(name = ApiResponses.UNAUTHORIZED, responseCode = "401",
                                description = "No credentials, or not a user of this server. Nothing changed.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.FORBIDDEN, responseCode = "403",
                                description = "The user's roles do not admit this operation (or, for analytics, this request: a "
                                        + "cold scan needs the analyst role, an override the admin role). Nothing changed.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.TOO_MANY, responseCode = "429",
                                description = "The user has made as many calls of this expensive operation as the window allows "
                                        + "(tokyoia.api.rate-limit.*); Retry-After says in how many seconds to try again. Nothing changed.",
                                headers = @Header(name = "Retry-After", description = "Seconds until the next window",
                                        schema = @Schema(type = SchemaType.INTEGER)),
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.BAD_REQUEST, responseCode = "400",
                                description = "A parameter or the body is invalid; `errors` names each field and what is wrong. Nothing changed.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.NOT_FOUND, responseCode = "404", description = "No such resource, or one the body names "
                                        + "(an agent, a workflow). Nothing changed.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.CONFLICT, responseCode = "409",
                                description = "The request conflicts with the resource's state (a name taken, a transition not allowed, "
                                        + "a job already running, a day retention removed, an Idempotency-Key whose first request is still running: "
                                        + "Retry-After). Nothing changed.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.TOO_LARGE, responseCode = "413",
                                description = "The body or the batch is over the configured limit (tokyoia.api.max-body-bytes, "
                                        + "tokyoia.api.max-batch-size). Nothing was stored.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.UNSUPPORTED_MEDIA_TYPE, responseCode = "415",
                                description = "The body is not sent as application/json. Nothing changed.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.ARCHIVED, responseCode = "409",
                                description = "Some days are archived or missing from the lake (type archived-days: restore them first), or kept in "
                                        + "a store or catalog the configured engine does not read (type store-unreachable), or their lake copy "
                                        + "was found damaged (type damaged-days: restore or re-export them); `days` names them.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Refusal"))),
                        @APIResponse(name = ApiResponses.OVER_LIMIT, responseCode = "422",
                                description = "The cold scan's quote is over the per-query limit or what is left of the daily budget: "
                                        + "the quote and the limit are in the answer; override=true runs it anyway. Or (type "
                                        + "answer-too-large) the answer has more groups than one answer may hold in memory: "
                                        + "narrow the range or filter it.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Refusal"))),
                        @APIResponse(name = ApiResponses.KEY_REUSED, responseCode = "422",
                                description = "The Idempotency-Key was first used for another request (another operation or body). "
                                        + "Nothing changed.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.UNAVAILABLE, responseCode = "503",
                                description = "PostgreSQL cannot be reached, or the connection broke under the request, or (analytics) the server "
                                        + "computes as many answers as it may at once (type ...:busy); retry after Retry-After. The "
                                        + "transaction rolled back unless the connection broke during its commit: retry writes with the same "
                                        + "Idempotency-Key to be sure they are stored once.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.UNEXPECTED, responseCode = "500",
                                description = "An unexpected error; `detail` gives a reference to find it in the server log.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "Problem"))),
                        @APIResponse(name = ApiResponses.ENGINE_FAILED, responseCode = "502",
                                description = "The cold engine (DuckDB, Trino, Athena) or the object store failed; its reason and query id.",
                                content = @Content(mediaType = ApiResponses.PROBLEM, schema = @Schema(ref = "EngineFailure")))}))
public class RestApplication extends Application {
}
