package com.tokyoia.web.interfaces.rest;

import com.tokyoia.web.application.ApiLimits;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What every resource of the hot API uses: value parsing, limits, the clock, and the 201 answer.
 * The resources are application-scoped and hold only injected collaborators; their {@code @Context}
 * fields are RESTEasy's proxies to the current request. Request-scoped, each request built an
 * instance, its interceptors and proxies, and RESTEasy's validator for it.
 */
abstract class ResourceSupport {
    @Inject
    RequestValues values;
    @Inject
    ApiLimits limits;
    @Inject
    Clock clock;
    @Context
    UriInfo uri;

    /** 201 with the new resource's location and the resource itself. */
    Response created(String id, Object entity) {
        return Response.created(uri.getAbsolutePathBuilder().path(id).build()).entity(entity).build();
    }

    int pageSize(String limit) {
        return limits.pageSize(values.integer("limit", limit));
    }

    /** Refuses a batch over the size limit before anything else is looked at (413). */
    void checkBatchSize(List<?> items, String what) {
        if (items != null) {
            limits.checkBatchSize(items.size(), what);
        }
    }

    /** Converts each item of a batch; {@code convert} gets the item's field prefix, e.g. {@code points[3].}. */
    static <I, R> List<R> each(List<I> items, String field, BiFunction<String, I, R> convert) {
        List<R> converted = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            converted.add(convert.apply(field + "[" + i + "].", items.get(i)));
        }
        return converted;
    }
}
