package com.tokyoia.web.interfaces.rest;

import com.tokyoia.etl.application.DeepVerifier;
import com.tokyoia.etl.application.EtlOperations;
import com.tokyoia.etl.application.JobStarters;
import com.tokyoia.etl.application.LakePlacementCheck;
import com.tokyoia.etl.application.archive.LakeArchive;
import com.tokyoia.etl.application.footprint.FootprintReport;
import com.tokyoia.etl.application.migration.LakeMigration;
import com.tokyoia.etl.application.migration.LakeMoves;
import com.tokyoia.etl.application.port.RetentionHolds;
import com.tokyoia.etl.application.recovery.ObjectVersionRestore;
import com.tokyoia.etl.domain.ExportRequest.InvalidExportRequest;
import com.tokyoia.etl.domain.ExportRequest;
import com.tokyoia.lake.domain.lifecycle.RestoreTier;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.web.application.InvalidInputException;
import com.tokyoia.web.application.ResourceNotFoundException;
import com.tokyoia.web.interfaces.rest.dto.BackfillRequest;
import com.tokyoia.web.interfaces.rest.dto.JobStarted;
import com.tokyoia.web.interfaces.rest.dto.LakeMigrationRequest;
import com.tokyoia.web.interfaces.rest.dto.LakePublishRequest;
import com.tokyoia.web.interfaces.rest.dto.LakeScrubRequest;
import com.tokyoia.web.interfaces.rest.dto.RestoreRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ETL administration: backfills, re-exports, reconcile runs, their progress, and what the lake
 * holds per (table, day) according to the manifest. Every request is validated before any job
 * starts; a refused request starts nothing.
 */
@Tag(name = ApiResponses.ETL)
@Path("/etl")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EtlResource {
    @Context
    SecurityContext security;

    @Inject
    EtlOperations operations;
    @Inject
    RequestValues values;

    /** Exports closed days [from, to] of the given tables (default all); days already proven are skipped. */
    @RateLimited
    @APIResponse(responseCode = "429", ref = ApiResponses.TOO_MANY)
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/backfill")
    @Operation(operationId = "startBackfill", summary = "Export closed days of the lake tables (proven days are skipped)")
    @APIResponse(responseCode = "202", description = "The daily-export job started; follow it at /api/etl/runs/{executionId}",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response backfill(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.DAYS))) BackfillRequest request) {
        BackfillRequest body = values.body(request);
        ExportRequest export = validated(body.from(), body.to(), body.tables());
        long execution = operations.startExport(export, false, starter());
        return accepted(execution, export);
    }

    /** Exports one day again as a new manifest version (after a fix, or on demand). */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/days/{table}/{day}/reexport")
    @Operation(operationId = "reexportDay", summary = "Export one day again as a new manifest version")
    @APIResponse(responseCode = "202", description = "The daily-export job started in re-export mode",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    public Response reexport(@PathParam("table") String table, @PathParam("day") String day) {
        ExportRequest export = validated(day, day, table);
        return accepted(operations.startExport(export, true, starter()), export);
    }

    /** Deep verify: re-reads the day's published file completely and recomputes its checksum. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/days/{table}/{day}/verify")
    @Operation(operationId = "verifyDay", summary = "Re-read a day's published file completely and check it against the manifest")
    @APIResponse(responseCode = "200", description = "The verdict: what was read and whether it matches",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = DeepVerifier.Verdict.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    public DeepVerifier.Verdict verify(@PathParam("table") String table, @PathParam("day") String day) throws IOException, SQLException {
        ExportRequest export = validated(day, day, table);
        return operations.verify(export.tables().get(0), export.from());
    }

    /**
     * Data corruption: brings back the stored version of the day's object (a versioned bucket)
     * whose SHA-256 is the manifest's, and checks the key reads back as it.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/days/{table}/{day}/restore-object")
    @Operation(operationId = "restoreDayObject", summary = "Bring back the stored version of a day's object whose SHA-256 is the manifest's")
    @APIResponse(responseCode = "200", description = "What was restored and how it was checked",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = ObjectVersionRestore.Outcome.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    public ObjectVersionRestore.Outcome restoreObject(@PathParam("table") String table, @PathParam("day") String day)
            throws IOException, SQLException {
        ExportRequest export = validated(day, day, table);
        return operations.restoreObject(export.tables().get(0), export.from());
    }

    /**
     * Compares exported days in the window with PostgreSQL and re-exports the changed ones. The body
     * is required (a job-starting call must say it means it); {@code {}} takes the default window,
     * the last tokyoia.etl.reconcile-window-days closed days.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/reconcile")
    @Operation(operationId = "startReconcile", summary = "Compare exported days with PostgreSQL and re-export the changed ones")
    @APIResponse(responseCode = "202", description = "The reconcile-lake job started",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response reconcile(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.DAYS))) BackfillRequest request) {
        BackfillRequest body = values.body(request);
        LocalDate yesterday = operations.today().minusDays(1);
        String from = body.from() == null ? yesterday.minusDays(operations.reconcileWindowDays() - 1L).toString() : body.from();
        String to = body.to() == null ? yesterday.toString() : body.to();
        ExportRequest range = validated(from, to, body.tables());
        long execution = operations.startReconcile(range, starter());
        return Response.accepted(JobStarted.of(execution, EtlOperations.RECONCILE_JOB, range)).build();
    }

    /**
     * Puts days [from, to] back into PostgreSQL from their current lake versions (after a loss of
     * hot data, or to work on old days hot again); each day is proven by its content checksum.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/reimport")
    @Operation(operationId = "startReimport", summary = "Put days back into PostgreSQL from their current lake versions")
    @APIResponse(responseCode = "202", description = "The reimport job started",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response reimport(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.DAYS))) BackfillRequest request) {
        BackfillRequest body = values.body(request);
        ExportRequest range = validated(body.from(), body.to(), body.tables());
        return Response.accepted(JobStarted.of(operations.startReimport(range, starter()), EtlOperations.REIMPORT_JOB, range)).build();
    }

    /** Reads every lake object's storage class and restore state from the store into the manifest (also daily, 05:00 UTC). */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/storage-classes")
    @Operation(operationId = "startStorageClassRefresh", summary = "Read every lake object's storage class and restore state into the manifest")
    @APIResponse(responseCode = "202", description = "The storage-classes job started",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    public Response storageClasses() {
        return Response.accepted(JobStarted.of(operations.startStorageRefresh(starter()), EtlOperations.STORAGE_CLASSES_JOB)).build();
    }

    /**
     * Re-reads completely the lake copies checked longest ago, never-checked first, a bounded amount
     * (tokyoia.etl.scrub.*); also daily at 06:00 UTC over the whole lake. {@code {}} for the whole lake.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/scrub")
    @Operation(operationId = "startScrub", summary = "Deep-verify the lake copies checked longest ago, never-checked first")
    @APIResponse(responseCode = "202", description = "The scrub-lake job started; follow it at /api/etl/runs/{executionId}",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response scrub(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.SCRUB))) LakeScrubRequest request) {
        LakeScrubRequest body = values.body(request);
        LocalDate from = values.date("from", body.from(), null);
        LocalDate to = values.date("to", body.to(), null);
        refuseBackwards(from, to);
        long execution = operations.startScrub(from, to, starter());
        return Response.accepted(new JobStarted(execution, EtlOperations.SCRUB_JOB, body.from(), body.to(), null)).build();
    }

    /**
     * Where each table takes room now (PostgreSQL; the lake by storage class), its compression and
     * lake lag, and the monthly cost estimate by the configured prices.
     */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/footprint")
    @Operation(operationId = "getFootprint", summary = "Where each table takes room, its compression and lag, and the monthly cost estimate")
    @APIResponse(responseCode = "200", description = "The footprint",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = FootprintReport.Footprint.class)))
    public FootprintReport.Footprint footprint() {
        return operations.footprint();
    }

    /** The current copies of the range: storage class now, the one the lifecycle policy gives their age, readable or not. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/storage")
    @Operation(operationId = "listCopyStates", summary = "The storage class of each current copy in a range, and whether engines can read it")
    @APIResponse(responseCode = "200", description = "One entry per (table, day)",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = LakeArchive.CopyState.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public List<LakeArchive.CopyState> storage(@QueryParam("from") String from, @QueryParam("to") String to,
                                               @QueryParam("tables") String tables) throws SQLException {
        return operations.storage(validated(from, to, tables));
    }

    /** What restoring the range's archived copies would cost, before anything is asked. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/restore/quote")
    @Operation(operationId = "quoteRestore", summary = "What restoring a range's archived copies would cost")
    @APIResponse(responseCode = "200", description = "The quote: objects, bytes, dollars",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = LakeArchive.RestoreQuote.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public LakeArchive.RestoreQuote restoreQuote(@QueryParam("from") String from, @QueryParam("to") String to,
                                                 @QueryParam("tables") String tables, @QueryParam("tier") String tier)
            throws SQLException {
        return operations.restoreQuote(validated(from, to, tables),
                tier == null ? RestoreTier.BULK : values.enumValue("tier", tier, RestoreTier.class));
    }

    /** Asks for readable copies of the range's archived objects for {@code days} days; answers with what was asked and its price. */
    @RateLimited
    @APIResponse(responseCode = "429", ref = ApiResponses.TOO_MANY)
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/restore")
    @Operation(operationId = "restoreArchived", summary = "Ask for readable copies of a range's archived objects")
    @APIResponse(responseCode = "200", description = "What was asked for, priced",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = LakeArchive.RestoreQuote.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public LakeArchive.RestoreQuote restore(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.RESTORE))) RestoreRequest request) throws IOException, SQLException {
        RestoreRequest body = values.body(request);
        return operations.restore(validated(body.from(), body.to(), body.tables()), body.tier(), body.days());
    }

    /** Starts the retention job now (it also runs nightly at 04:00 UTC). */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/retention")
    @Operation(operationId = "startRetention", summary = "Run the retention job now")
    @APIResponse(responseCode = "202", description = "The retention job started",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    public Response retention() {
        return Response.accepted(JobStarted.of(operations.startRetention(starter()), EtlOperations.RETENTION_JOB)).build();
    }

    /** A dry run: what retention would remove from PostgreSQL now and why each other old day stays. Changes nothing. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/retention/plan")
    @Operation(operationId = "planRetention", summary = "What retention would remove now and why each other old day stays (changes nothing)")
    @APIResponse(responseCode = "200", description = "The plan",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = EtlOperations.RetentionPlan.class)))
    public EtlOperations.RetentionPlan retentionPlan() throws IOException, SQLException {
        return operations.retentionPlan();
    }

    /** The old days retention keeps in PostgreSQL, with the reason and since when. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/retention/holds")
    @Operation(operationId = "listRetentionHolds", summary = "The old days retention keeps in PostgreSQL, with the reason")
    @APIResponse(responseCode = "200", description = "The holds",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RetentionHolds.Hold.class)))
    public List<RetentionHolds.Hold> retentionHolds() throws SQLException {
        return operations.retentionHolds();
    }

    /** The server's today (UTC), the hot window, the exported tables and the days PostgreSQL holds: what the dashboard places days by. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/overview")
    @Operation(operationId = "getOverview", summary = "The server's today, the hot window, the tables and the days PostgreSQL holds")
    @APIResponse(responseCode = "200", description = "The overview",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = EtlOperations.Overview.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public EtlOperations.Overview overview(@QueryParam("days") String days) throws SQLException {
        Integer n = values.integer("days", days);
        if (n != null && (n < 1 || n > 3660)) {
            throw new InvalidInputException("days", "must be from 1 to 3660");
        }
        return operations.overview(n == null ? 180 : n);
    }

    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/runs")
    @Operation(operationId = "listRuns", summary = "The latest batch job runs, newest first")
    @APIResponse(responseCode = "200", description = "The runs",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EtlOperations.Run.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public List<EtlOperations.Run> runs(@QueryParam("limit") String limit) throws SQLException {
        Integer n = values.integer("limit", limit);
        if (n != null && (n < 1 || n > 500)) {
            throw new InvalidInputException("limit", "limit must be between 1 and 500");
        }
        return operations.runs(n == null ? 50 : n);
    }

    /** One run with its progress: days done of total, rows exported, rows per second. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/runs/{id}")
    @Operation(operationId = "getRun", summary = "One run with its progress")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = EtlOperations.Run.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiResponses.NOT_FOUND)
    public EtlOperations.Run run(@PathParam("id") String id) throws SQLException {
        Integer execution = values.integer("id", id);
        return operations.run(execution).orElseThrow(() -> new ResourceNotFoundException("job execution", id, null));
    }

    /**
     * Moves the lake to another store and catalog (the migrate-lake job), version by version, each
     * copy read back and checked before the manifest switches to it; the source copies stay.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/lake/migrations")
    @Operation(operationId = "startLakeMigration", summary = "Move the lake's current versions to another store and catalog")
    @APIResponse(responseCode = "202", description = "The migrate-lake job started; follow it at /api/etl/runs/{executionId}",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response migrate(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.MIGRATION))) LakeMigrationRequest request) {
        LakeMigrationRequest body = values.body(request);
        LakeLocation target = operations.migrationTarget(body.target(), body.catalog());
        LocalDate from = values.date("from", body.from(), null);
        LocalDate to = values.date("to", body.to(), null);
        refuseBackwards(from, to);
        long execution = operations.startMigration(target, from, to, starter());
        return Response.accepted(new JobStarted(execution, EtlOperations.MIGRATE_LAKE_JOB, body.from(), body.to(), null)).build();
    }

    /** What a migration to the target would move now, and the bytes; nothing changes (a dry run). */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/lake/migrations/plan")
    @Operation(operationId = "planLakeMigration", summary = "What a lake migration would move, and the bytes (a dry run)")
    @APIResponse(responseCode = "200", description = "The versions that would move and those left where they are, with why",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = LakeMigration.Plan.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public LakeMigration.Plan migrationPlan(@QueryParam("target") String target, @QueryParam("catalog") String catalog,
                                            @QueryParam("from") String from, @QueryParam("to") String to) throws SQLException {
        LakeLocation location = operations.migrationTarget(target, catalog);
        LocalDate start = values.date("from", from, LakeMoves.BEGINNING);
        LocalDate end = values.date("to", to, operations.today());
        refuseBackwards(start, end);
        return operations.migrationPlan(location, start, end);
    }

    /** Registers every current version kept in this deployment's store in its catalog again (the publish-lake job). */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/lake/publish")
    @Operation(operationId = "startCatalogPublish", summary = "Register the lake's current versions in the configured catalog again")
    @APIResponse(responseCode = "202", description = "The publish-lake job started; follow it at /api/etl/runs/{executionId}",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = JobStarted.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiResponses.TOO_LARGE)
    public Response publish(@RequestBody(content = @Content(mediaType = ApiResponses.JSON,
            examples = @ExampleObject(name = "example", value = RequestExamples.PUBLISH))) LakePublishRequest request) {
        LakePublishRequest body = values.body(request);
        LocalDate from = values.date("from", body.from(), null);
        LocalDate to = values.date("to", body.to(), null);
        refuseBackwards(from, to);
        long execution = operations.startCatalogPublish(from, to, starter());
        return Response.accepted(new JobStarted(execution, EtlOperations.PUBLISH_LAKE_JOB, body.from(), body.to(), null)).build();
    }

    /** Where the lake's proven days are, compared with where this deployment reads and writes, and what to do about a difference. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/lake/placement")
    @Operation(operationId = "lakePlacement", summary = "Where the lake's proven days are, against this deployment's store and catalog")
    @APIResponse(responseCode = "200", description = "The placements, those elsewhere, and the advice",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(implementation = LakePlacementCheck.Report.class)))
    public LakePlacementCheck.Report placement() throws SQLException {
        return operations.placement();
    }

    private static void refuseBackwards(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before 'from'");
        }
    }

    /** The latest manifest version of every exported (table, day) in [from, to]. */
    @RolesAllowed({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
    @GET
    @Path("/days")
    @Operation(operationId = "listManifestDays", summary = "The latest manifest version of every exported (table, day) in a range")
    @APIResponse(responseCode = "200", description = "The manifest entries",
            content = @Content(mediaType = ApiResponses.JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ManifestEntry.class)))
    @APIResponse(responseCode = "400", ref = ApiResponses.BAD_REQUEST)
    public List<ManifestEntry> days(@QueryParam("table") String table, @QueryParam("from") String from,
                                  @QueryParam("to") String to) throws SQLException {
        LocalDate start = values.date("from", from, operations.today().minusDays(30));
        LocalDate end = values.date("to", to, operations.today());
        if (end.isBefore(start)) {
            throw new InvalidInputException("to", "must not be before 'from'");
        }
        String tableName = table == null ? null : knownTable(table);
        return operations.days(tableName, start, end);
    }

    private ExportRequest validated(String from, String to, String tables) {
        return operations.validate(from, to, tables);
    }

    private static Response accepted(long execution, ExportRequest export) {
        return Response.accepted(JobStarted.of(execution, EtlOperations.EXPORT_JOB, export)).build();
    }

    /** The table name checked against the lake schema registry. */
    private static String knownTable(String table) {
        try {
            return ExportRequest.tables(table).get(0).name();
        } catch (InvalidExportRequest e) {
            throw new InvalidInputException("table", e.getMessage());
        }
    }

    /** Who starts a job through the API, for its audit entry: the user, as the API saw them. */
    private String starter() {
        return JobStarters.API + ":" + security.getUserPrincipal().getName();
    }
}
