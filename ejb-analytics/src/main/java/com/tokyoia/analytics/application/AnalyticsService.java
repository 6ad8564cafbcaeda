package com.tokyoia.analytics.application;

import com.tokyoia.analytics.application.port.ColdEngine;
import com.tokyoia.analytics.application.port.ColdEngineException;
import com.tokyoia.analytics.application.port.HotPartials;
import com.tokyoia.analytics.application.port.ManifestView;
import com.tokyoia.analytics.application.port.QueryLog;
import com.tokyoia.analytics.application.port.QueryMetrics;
import com.tokyoia.analytics.application.port.ResultCache;
import com.tokyoia.analytics.domain.AnalyticsQuery;
import com.tokyoia.analytics.domain.AnalyticsRequest;
import com.tokyoia.analytics.domain.AnswerOrder;
import com.tokyoia.analytics.domain.AnswerTooLargeException;
import com.tokyoia.analytics.domain.DayPlan;
import com.tokyoia.analytics.domain.LakeReach;
import com.tokyoia.analytics.domain.PartialMerge;
import com.tokyoia.analytics.domain.QueryCatalog;
import com.tokyoia.lake.application.port.Manifest;
import com.tokyoia.lake.domain.manifest.LakeLocation;
import com.tokyoia.lake.domain.manifest.ManifestEntry;
import com.tokyoia.platform.logging.LogContext;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a named query over any range: plans the days (hot, cold, missing, archived), quotes the
 * cold scan and enforces the limits before anything runs, serves from the cache when the same
 * question over the same data versions was answered before, else runs the hot and cold partials,
 * merges them exactly, caches and logs the answer.
 */
public final class AnalyticsService {
    private static final Logger LOG = Logger.getLogger(AnalyticsService.class.getName());

    private final HotPartials hot;
    private final ColdEngine cold;
    private final Manifest manifest;
    private final ResultCache cache;
    private final QueryLog log;
    private final AnalyticsSettings settings;
    private final Clock clock;
    private final QueryMetrics metrics;
    private final LakeReach reach;
    private final ManifestView view;
    /** Whether {@link #view} is not the manifest itself (the server's in-memory view), so a miss plans again from the manifest. */
    private final boolean viewKeptElsewhere;
    /** Permits to compute an answer: a cache miss takes one or is refused (503) at once, a hit needs none. */
    private final Semaphore computing;

    public AnalyticsService(HotPartials hot, ColdEngine cold, Manifest manifest, ResultCache cache, QueryLog log,
                            AnalyticsSettings settings, Clock clock) {
        this(hot, cold, manifest, cache, log, settings, clock, QueryMetrics.NONE);
    }

    public AnalyticsService(HotPartials hot, ColdEngine cold, Manifest manifest, ResultCache cache, QueryLog log,
                            AnalyticsSettings settings, Clock clock, QueryMetrics metrics) {
        this(hot, cold, manifest, cache, log, settings, clock, metrics, LakeReach.ANY);
    }

    /** With what the cold engine can reach: days kept elsewhere are refused by name (409), never sent to it. */
    public AnalyticsService(HotPartials hot, ColdEngine cold, Manifest manifest, ResultCache cache, QueryLog log,
                            AnalyticsSettings settings, Clock clock, QueryMetrics metrics, LakeReach reach) {
        this(hot, cold, manifest, cache, log, settings, clock, metrics, reach, manifest::currentVersions, false,
                new Semaphore(settings.maxConcurrentAnswers()));
    }

    private AnalyticsService(HotPartials hot, ColdEngine cold, Manifest manifest, ResultCache cache, QueryLog log,
                             AnalyticsSettings settings, Clock clock, QueryMetrics metrics, LakeReach reach, ManifestView view,
                             boolean viewKeptElsewhere, Semaphore computing) {
        this.view = view;
        this.viewKeptElsewhere = viewKeptElsewhere;
        this.reach = reach;
        this.metrics = metrics;
        this.hot = hot;
        this.cold = cold;
        this.manifest = manifest;
        this.cache = cache;
        this.log = log;
        this.settings = settings;
        this.clock = clock;
        this.computing = computing;
    }

    /**
     * This service planning from {@code view} (the server's, kept in memory) instead of reading the
     * manifest for every question; it shares this one's permits, so the limit holds across both.
     */
    public AnalyticsService withManifestView(ManifestView view) {
        return new AnalyticsService(hot, cold, manifest, cache, log, settings, clock, metrics, reach, view, true, computing);
    }

    public AnalyticsRequest validate(String name, Map<String, String> parameters) {
        return AnalyticsRequest.parse(name, parameters, today(), settings.maxRangeDays(), settings.pageLimits());
    }

    /** What the cold part of the request would scan and cost, and where each day would run. */
    public Quote quote(AnalyticsRequest request) throws SQLException {
        DayPlan plan = plan(request);
        return new Quote(plan, CostQuote.of(request.query(), plan, request.filters().keySet()));
    }

    public record Quote(DayPlan plan, CostQuote cost) {
    }

    /**
     * Answers the request; every outcome is counted (answered, refused with its reason, failed with
     * the engine that failed) and logged in one line, all lines of the question carrying its
     * {@code queryId}.
     */
    public AnalyticsResult run(AnalyticsRequest request, boolean override) throws SQLException {
        return run(request, override, null);
    }

    /**
     * Answers the request for the spender, whose cold scans the query log attributes to it (null:
     * nobody signed in). The whole answer is quoted, computed, cached and logged; the request's page
     * of it is returned.
     */
    public AnalyticsResult run(AnalyticsRequest request, boolean override, Spender spender) throws SQLException {
        try (LogContext context = LogContext.put(LogContext.QUERY_ID, UUID.randomUUID())) {
            String question = request.query().name() + " " + request.normalized();
            try {
                AnalyticsResult result = answer(request, override, spender);
                metrics.answered(result.engine(), result.durationMs(), result.scannedBytes(), result.costUsd(), result.cacheHit());
                // A hit has its query-log entry (written in the background); a log line for each would cost more than the hit itself.
                LOG.log(result.cacheHit() ? Level.FINE : Level.INFO, () -> "Answered " + question + ": " + result.rows().size() + " row(s), "
                        + result.hotDays().size() + " hot and " + result.coldDays().size() + " cold day(s), engine " + result.engine()
                        + (result.cacheHit() ? ", cache hit" : "")
                        + ", quoted " + result.quotedBytes() + " bytes" + (result.scannedBytes() == null ? "" : ", scanned " + result.scannedBytes())
                        + ", $" + result.costUsd() + ", " + result.durationMs() + " ms");
                return result.page(request.page());
            } catch (QueryRefusedException e) {
                metrics.refused(e.reason().name().toLowerCase(Locale.ROOT));
                LOG.info(() -> "Refused " + question + ": " + e.getMessage());
                throw e;
            } catch (ColdEngineException e) {
                metrics.failed(cold.name());
                LOG.log(Level.WARNING, "Failed " + question + " in " + cold.name() + ": " + e.getMessage());
                throw e;
            } catch (SQLException | RuntimeException e) {
                metrics.failed("postgresql");
                LOG.log(Level.WARNING, "Failed " + question + " in PostgreSQL: " + e.getMessage());
                throw e;
            }
        }
    }

    private AnalyticsResult answer(AnalyticsRequest request, boolean override, Spender spender) throws SQLException {
        long started = System.nanoTime();
        AnalyticsQuery query = request.query();
        // The key is looked up with the plan of the in-memory manifest view: a hit costs no manifest query.
        Quote quote = quote(request);
        refuseUnreadable(quote);

        // A hit costs nothing: it is served before the budget is read, and logged off the request's path.
        String key = cache.isActive() ? cacheKey(request, quote.plan()) : null;
        Optional<String> cached = key == null ? Optional.empty() : cache.get(key);
        if (cached.isPresent()) {
            try {
                AnalyticsResult hit = ResultCodec.decode(cached.get(), true, elapsed(started));
                record(request, quote.plan(), quote.cost(), null, BigDecimal.ZERO.setScale(6), true, hit.rows().size(), hit.durationMs(),
                        hit.engine(), null, spender);
                return hit;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Unreadable cache entry " + key + "; answering afresh", e);
            }
        }

        if (viewKeptElsewhere) {
            // A miss plans again from the manifest itself: what is computed and cached never rests on a view
            // that has not yet heard of a change committed a moment ago.
            DayPlan fresh = new DayRouter(manifest, settings.hotWindowDays(), reach).plan(query.table(), request.from(), request.to(),
                    clock.instant());
            quote = new Quote(fresh, CostQuote.of(query, fresh, request.filters().keySet()));
            refuseUnreadable(quote);
            key = cache.isActive() ? cacheKey(request, quote.plan()) : null;
        }
        DayPlan plan = quote.plan();
        CostQuote cost = quote.cost();

        if (!override && !plan.coldDays().isEmpty()) {
            if (cost.usd().compareTo(settings.maxQueryUsd()) > 0) {
                throw new QueryRefusedException(QueryRefusedException.Reason.OVER_QUERY_LIMIT, "the cold scan is quoted at $"
                        + cost.usd() + " (" + cost.bytes() + " bytes), over the per-query limit of $" + settings.maxQueryUsd(),
                        List.of(), cost.bytes(), cost.usd(), settings.maxQueryUsd());
            }
            BigDecimal spent = log.spentSince(today());
            if (spent.add(cost.usd()).compareTo(settings.dailyBudgetUsd()) > 0) {
                throw new QueryRefusedException(QueryRefusedException.Reason.OVER_DAILY_BUDGET, "the cold scan is quoted at $"
                        + cost.usd() + "; $" + spent + " of the daily budget of $" + settings.dailyBudgetUsd() + " is spent",
                        List.of(), cost.bytes(), cost.usd(), settings.dailyBudgetUsd());
            }
            if (spender != null) {
                refuseOverShare(cost, QueryLog.Payer.USER, spender.user(), settings.userDailyBudgetUsd(), "each user's daily share");
                if (spender.group() != null) {
                    BigDecimal share = settings.groupBudgets().of(spender.group());
                    refuseOverShare(cost, QueryLog.Payer.GROUP, spender.group(), share, "group " + spender.group() + "'s daily share");
                }
            }
        }

        if (!computing.tryAcquire()) {
            throw new QueryRefusedException(QueryRefusedException.Reason.BUSY, settings.maxConcurrentAnswers() + " answers are being "
                    + "computed, the most this server computes at once (tokyoia.analytics.max-concurrent-answers); ask again after "
                    + "Retry-After. Answers already computed are served from the cache meanwhile", List.of(), cost.bytes(), cost.usd(), null);
        }
        try {
            return compute(request, override, spender, started, plan, cost, key);
        } finally {
            computing.release();
        }
    }

    private AnalyticsResult compute(AnalyticsRequest request, boolean override, Spender spender, long started, DayPlan plan,
                                    CostQuote cost, String key) throws SQLException {
        AnalyticsQuery query = request.query();
        // The engines stream their partials into one bounded merge: memory follows the answer's groups, not the rows read.
        PartialMerge merge = new PartialMerge(query, settings.maxAnswerBytes());
        Long scanned = null;
        String engine = plan.coldDays().isEmpty() ? "postgresql" : plan.hotDays().isEmpty() ? cold.name() : "postgresql+" + cold.name();
        BigDecimal spentUsd = BigDecimal.ZERO.setScale(6);
        ColdEngine.ColdAnswer answer = null;
        boolean coldScanned = false;
        try {
            if (!plan.hotDays().isEmpty()) {
                hot.partials(query, plan.hotDays().get(0), plan.hotDays().get(plan.hotDays().size() - 1), request.filters(), merge);
            }
            if (!plan.coldDays().isEmpty()) {
                boolean overLimit = override && cost.usd().compareTo(settings.maxQueryUsd()) > 0;
                coldScanned = true;
                answer = overLimit ? cold.partialsOverLimit(query, plan.coldDays(), request.filters(), merge)
                        : cold.partials(query, plan.coldDays(), request.filters(), merge);
                scanned = answer.bytesScanned();
                spentUsd = CostQuote.price(scanned != null ? scanned : cost.bytes(), true);
            }
        } catch (AnswerTooLargeException e) {
            if (coldScanned) {
                // The engine ran the scan before the merge stopped reading its results: it is paid, at its quote.
                record(request, plan, cost, null, CostQuote.price(cost.bytes(), true), false, 0, elapsed(started), engine, null, spender);
            }
            throw new QueryRefusedException(QueryRefusedException.Reason.ANSWER_TOO_LARGE, e.getMessage() + ". Narrow the range"
                    + (query.filters().isEmpty() ? "" : " or filter it (" + QueryCatalog.describe(query) + ")")
                    + "; an operator can raise the bound with TOKYOIA_ANALYTICS_MAX_ANSWER_MB and the server's heap",
                    List.of(), cost.bytes(), cost.usd(), null);
        }
        // Kept, cached and paged in the answer's default order: a page without top is then cut without sorting.
        List<Map<String, Object>> rows = AnswerOrder.of(query, Optional.empty()).sort(query.finish().apply(merge.rows()));
        AnalyticsResult result = new AnalyticsResult(query.name(), request.from().toString(), request.to().toString(), rows,
                plan.hotDays().stream().map(LocalDate::toString).toList(),
                plan.coldDays().stream().map(d -> d.day().toString()).toList(),
                plan.missingDays().stream().map(LocalDate::toString).toList(), engine, cost.bytes(), cost.usd(), scanned,
                spentUsd, false, elapsed(started));
        if (key != null && settled(request, plan)) {
            cache.put(key, ResultCodec.encode(result), plan.hotDays().isEmpty() ? settings.coldTtl() : settings.hotTtl());
        }
        record(request, plan, cost, scanned, spentUsd, false, rows.size(), result.durationMs(), engine, answer, spender);
        return result;
    }

    /** Days no engine here can read are refused by name, before anything runs or is looked up. */
    private void refuseUnreadable(Quote quote) {
        DayPlan plan = quote.plan();
        CostQuote cost = quote.cost();
        if (!plan.damagedDays().isEmpty()) {
            DayPlan.DamagedDay first = plan.damagedDays().get(0);
            List<String> days = plan.damagedDays().stream().map(d -> d.day().toString()).toList();
            throw new QueryRefusedException(QueryRefusedException.Reason.DAMAGED_DAYS, "days " + days + " have a lake copy a check "
                    + "found damaged, so no engine reads them: " + first.day() + " (version " + first.version() + "): " + first.damage()
                    + ". Bring the proven bytes back (POST /api/etl/days/{table}/{day}/restore-object on a versioned bucket) or "
                    + "export the day again while PostgreSQL still holds it (POST /api/etl/days/{table}/{day}/reexport); "
                    + "docs/runbook.md, section 2 'Data corruption'",
                    days, cost.bytes(), cost.usd(), null);
        }
        if (!plan.unreachableDays().isEmpty()) {
            DayPlan.UnreachableDay first = plan.unreachableDays().get(0);
            List<String> days = plan.unreachableDays().stream().map(d -> d.day().toString()).toList();
            throw new QueryRefusedException(QueryRefusedException.Reason.STORE_UNREACHABLE, "days " + days + " are proven in the lake, "
                    + "but not where this deployment's engine reads them: " + first.day() + " is " + first.reason() + ". Move them there "
                    + "with " + migrateCommand() + " (POST /api/etl/lake/migrations; docs: README, 'Moving from one machine to a "
                    + "cluster'), or point tokyoia.lake.* and tokyoia.analytics.engine back at the store and catalog the days are in "
                    + "(GET /api/etl/days shows each day's storeUri and lakeCatalog)",
                    days, cost.bytes(), cost.usd(), null);
        }
        if (!plan.archivedDays().isEmpty()) {
            throw new QueryRefusedException(QueryRefusedException.Reason.ARCHIVED_DAYS, "days " + plan.archivedDays()
                    + " are archived (Deep Archive) or missing from the lake: no engine can read them until they are restored "
                    + "(GET /api/etl/restore/quote, then POST /api/etl/restore with the same range)",
                    plan.archivedDays().stream().map(LocalDate::toString).toList(), cost.bytes(), cost.usd(), null);
        }
    }

    /** A user's or group's share of the daily budget, when smaller than the whole, is a limit of its own. */
    private void refuseOverShare(CostQuote cost, QueryLog.Payer payer, String name, BigDecimal share, String what) throws SQLException {
        if (share.compareTo(settings.dailyBudgetUsd()) >= 0) {
            return;
        }
        BigDecimal spent = log.spentSince(today(), payer, name);
        if (spent.add(cost.usd()).compareTo(share) > 0) {
            throw new QueryRefusedException(QueryRefusedException.Reason.OVER_DAILY_BUDGET, "the cold scan is quoted at $" + cost.usd()
                    + "; " + name + " has spent $" + spent + " of " + what + " of $" + share + " (an admin may run it with override=true)",
                    List.of(), cost.bytes(), cost.usd(), share);
        }
    }

    /** Today's (UTC) analytics budget: the daily budget, what cold scans spent of it, what is left, and the per-query limit. */
    public record Budget(LocalDate day, BigDecimal dailyBudgetUsd, BigDecimal spentUsd, BigDecimal leftUsd, BigDecimal maxQueryUsd) {
    }

    public Budget budget() throws SQLException {
        LocalDate today = today();
        BigDecimal spent = log.spentSince(today);
        return new Budget(today, settings.dailyBudgetUsd(), spent, settings.dailyBudgetUsd().subtract(spent).max(BigDecimal.ZERO),
                settings.maxQueryUsd());
    }

    public List<Map<String, Object>> costs(LocalDate from, LocalDate to) throws SQLException {
        return log.costs(from, to);
    }

    public List<Map<String, Object>> costsBy(QueryLog.Payer payer, LocalDate from, LocalDate to) throws SQLException {
        return log.costsBy(payer, from, to);
    }

    /** The UTC day of the application's clock. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private DayPlan plan(AnalyticsRequest request) throws SQLException {
        return new DayRouter(view, settings.hotWindowDays(), reach).plan(request.query().table(), request.from(), request.to(),
                clock.instant());
    }

    /**
     * Whether the cold days read are still at the versions planned, with no newer version between
     * its proof and becoming current: during that step a catalog can already point at the newer
     * folder (or, on Trino, briefly at none), so the answer may not be the planned versions' and is
     * not cached under their key.
     */
    private boolean settled(AnalyticsRequest request, DayPlan plan) throws SQLException {
        if (plan.coldDays().isEmpty()) {
            return true;
        }
        Map<LocalDate, Integer> planned = new HashMap<>();
        plan.coldDays().forEach(d -> planned.put(d.day(), d.version()));
        LocalDate first = plan.coldDays().get(0).day();
        LocalDate last = plan.coldDays().get(plan.coldDays().size() - 1).day();
        String table = request.query().table().name();
        for (ManifestEntry latest : manifest.latestVersions(table, first, last)) {
            Integer version = planned.get(latest.day());
            if (version != null && latest.version() != version && !latest.isProven() && latest.sha256() != null) {
                return false;
            }
        }
        for (ManifestEntry current : manifest.currentVersions(table, first, last)) {
            Integer version = planned.get(current.day());
            if (version != null && current.version() != version) {
                return false;
            }
        }
        return true;
    }

    /**
     * Query, parameters, the manifest version and file checksum of every cold day, and for hot days a
     * watermark of the hot rows: a re-export (new version) or a hot write changes the key, so exactly
     * the answers that used the changed data miss; and a rebuilt database whose version numbers
     * repeat (a restore elsewhere, a test run) never meets an answer computed from other files.
     */
    private String cacheKey(AnalyticsRequest request, DayPlan plan) throws SQLException {
        StringBuilder text = new StringBuilder(request.query().name()).append('|').append(request.normalized()).append("|cold:");
        plan.coldDays().forEach(d -> text.append(d.day()).append('@').append(d.version()).append('#').append(d.sha256()).append(','));
        text.append("|missing:").append(plan.missingDays());
        if (!plan.hotDays().isEmpty()) {
            text.append("|hot:").append(hot.watermark(request.query(), plan.hotDays().get(0),
                    plan.hotDays().get(plan.hotDays().size() - 1)));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "analytics:" + ResultCodec.FORMAT + ":" + request.query().name() + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Logs the answer: a cache hit spends nothing, so it may be written later; what spends is written before the answer goes. */
    private void record(AnalyticsRequest request, DayPlan plan, CostQuote cost, Long scanned, BigDecimal spent,
                        boolean hit, int rows, long millis, String engine, ColdEngine.ColdAnswer answer, Spender spender) {
        try {
            QueryLog.Entry entry = new QueryLog.Entry(request.query().name(), request.normalized(), engine, plan.hotDays().size(),
                    plan.coldDays().size(), plan.missingDays().size(), cost.bytes(), cost.usd(), scanned, spent, hit, rows, millis,
                    answer == null ? null : answer.engineQueryId(), answer == null ? null : answer.engineMillis(),
                    spender == null ? null : spender.user(), spender == null ? null : spender.group());
            if (hit) {
                log.recordLater(entry);
            } else {
                log.record(entry);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write the analytics query log", e);
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** The command that moves the lake to where this deployment's engine reads. */
    private String migrateCommand() {
        LakeLocation reads = reach.reads();
        return "./tokyo-ia lake migrate --to " + (reads.root() == null ? "<the store's URI>" : reads.root())
                + (reads.catalog() == null || reads.catalog().equals("none") ? "" : " --catalog " + reads.catalog());
    }
}
